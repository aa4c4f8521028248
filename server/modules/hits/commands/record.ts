import type { HitOrigin, PCandidate } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { NOTICE_SOURCE } from '../../notices';
import { ntx } from '../../notices/schema';

export interface HitContext {
  origin: HitOrigin;
  query: Record<string, unknown>;
  purpose: string | null;
  jobId?: string;
  rowNo?: number;
}

/**
 * Every alert among the candidates becomes an open hit of the actor, to confirm or discard; the candidate carries
 * its id. The agency owning what was hit (a notice's NCB, an agency list's owner) is kept to show it confirmed hits.
 */
export async function recordHits(ctx: Ctx, candidates: PCandidate[], hc: HitContext): Promise<number> {
  const alerts = candidates.filter((c) => c.alert);
  if (!alerts.length) return 0;
  const t = ntx(ctx.tx);
  const listIds = [...new Set(alerts.filter((c) => !c.notice && !c.document).map((c) => c.watchlist.id))];
  const owners = new Map<string, string | null>();
  if (listIds.length) for (const l of await t.selectFrom('watchlists').select(['id', 'agency_id']).where('id', 'in', listIds).execute()) owners.set(l.id, l.agency_id);
  const rows = alerts.map((c) => {
    const notice = c.watchlist.id === NOTICE_SOURCE && c.notice ? c.notice : null;
    const doc = c.document ?? null;
    const owner = notice ? notice.requestingAgencyId : doc ? doc.agency.id : owners.get(c.watchlist.id) ?? null;
    const list = notice || doc ? null : c.watchlist.id;
    return {
      agency_id: ctx.actor.agencyId!, user_id: ctx.actor.userId!, origin: hc.origin,
      source: notice ? ('notice' as const) : doc ? ('document' as const) : ('watchlist' as const),
      notice_id: notice?.id ?? null, watchlist_id: list, entry_id: list ? c.id : null, document_id: doc?.id ?? null,
      // The registry answers once; the screening agency cannot read the record afterwards, so the answer is kept.
      details: JSON.stringify(doc ? { document: doc } : {}),
      owner_agency_id: owner && owner !== ctx.actor.agencyId ? owner : null,
      score: c.score, matched_name: c.matchedName, query: JSON.stringify(hc.query),
      job_id: hc.jobId ?? null, row_no: hc.rowNo ?? null, purpose: hc.purpose,
      decided_by: null, decided_at: null, reason: null, location: null, encountered_at: null, case_id: null, message_id: null, notify_problem: null,
    };
  });
  const ids = await t.insertInto('hits').values(rows).returning('id').execute();
  alerts.forEach((c, i) => {
    c.hitId = ids[i]!.id;
  });
  return ids.length;
}
