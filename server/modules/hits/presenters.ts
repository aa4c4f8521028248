import { sql } from 'kysely';
import type { NoticeColour, NoticeKind, NoticeState, PCandidateDocument, PHit } from '../../../common';
import type { Ctx } from '../../platform/db';
import { ntx } from '../notices';
import { hitPolicy } from './policies/hit.policy';
import type { HitRow } from './queries';

function presentDocument(r: HitRow): PHit['document'] {
  const d = (r.details as { document?: PCandidateDocument }).document;
  return d ? { id: d.id, number: d.number, issuingState: d.issuingState, lossType: d.lossType, registeringAgency: d.agency } : null;
}

/** Presents hits with the CURRENT status of what they hit, looked up in one pass per kind. */
export async function presentHits(ctx: Ctx, rows: HitRow[]): Promise<PHit[]> {
  if (!rows.length) return [];
  const t = ntx(ctx.tx);
  const noticeIds = [...new Set(rows.map((r) => r.notice_id).filter((x): x is string => !!x))];
  const notices = new Map((noticeIds.length
    ? await t.selectFrom('notices as n').innerJoin('agencies as a', 'a.id', 'n.agency_id').select(['n.id', 'n.reference', 'n.colour', 'n.kind', 'n.state', 'n.agency_id', 'a.name as agency_name']).where('n.id', 'in', noticeIds).execute()
    : []).map((n) => [n.id, n]));
  const listIds = [...new Set(rows.map((r) => r.watchlist_id).filter((x): x is string => !!x))];
  // A deleted list keeps its row (a tombstone): the hit still names it, and says it is gone.
  const lists = new Map((listIds.length ? await t.selectFrom('watchlists').select(['id', 'name', sql<boolean>`deleted_at IS NOT NULL`.as('deleted')]).where('id', 'in', listIds).execute() : []).map((l) => [l.id, l]));
  const agencyIds = [...new Set(rows.map((r) => r.agency_id))];
  const agencies = new Map((await t.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute()).map((a) => [a.id, a.name]));
  const userIds = [...new Set(rows.map((r) => r.decided_by).filter((x): x is string => !!x))];
  // Staff are visible inside their agency only (row-level security): the other side sees no decider's name.
  const users = new Map((userIds.length ? await t.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : []).map((u) => [u.id, u.display_name]));

  return rows.map((r): PHit => {
    const own = r.agency_id === ctx.actor.agencyId;
    const n = r.notice_id ? notices.get(r.notice_id) : undefined;
    const notice = n ? { id: n.id, reference: n.reference, colour: n.colour as NoticeColour, kind: n.kind as NoticeKind, state: n.state as NoticeState, requestingAgency: { id: n.agency_id, name: n.agency_name } } : null;
    return {
      id: r.id,
      state: r.state,
      source: r.source,
      origin: r.origin,
      score: r.score,
      query: own ? r.query : null,
      matchedName: r.matched_name,
      notice,
      watchlist: r.watchlist_id ? { id: r.watchlist_id, name: lists.get(r.watchlist_id)?.name ?? '', entryId: r.entry_id ?? '', deleted: lists.get(r.watchlist_id)?.deleted ?? false } : null,
      document: presentDocument(r),
      // A suspended, withdrawn, cancelled or expired notice never raises an arrest alert, whatever it was when hit.
      arrestAlert: !!notice && notice.colour === 'red' && notice.state === 'published' && r.state !== 'discarded',
      screeningAgency: { id: r.agency_id, name: agencies.get(r.agency_id) ?? '' },
      context: { location: r.location, encounteredAt: r.encountered_at, jobId: own ? r.job_id : null, row: own ? r.row_no : null },
      decidedBy: r.decided_by && users.has(r.decided_by) ? { id: r.decided_by, name: users.get(r.decided_by)! } : null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      reason: own ? r.reason : null,
      message: r.message_id && r.case_id ? { id: r.message_id, caseId: r.case_id } : null,
      notifyProblem: own ? r.notify_problem : null,
      createdAt: new Date(r.created_at).toISOString(),
      abilities: { decide: hitPolicy.can(ctx.actor, 'decide', { agencyId: r.agency_id, userId: r.user_id, state: r.state }) },
    };
  });
}
