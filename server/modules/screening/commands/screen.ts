import { DEFAULT_ALERT_THRESHOLD, type ScreeningQuery } from '../../../../match';
import type { PCandidate, TScreeningMatchRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { NOTICE_SOURCE, ntx } from '../../notices';
import { stx, type LiveIndex } from '../../watchlists';
import { presentCandidate, type ListInfo } from '../presenters';

export interface Thresholds {
  /** The agency's own threshold, when it set one. */
  agency: number | null;
  /** What applies to lists without their own: the agency's, else the engine's default. */
  fallback: number;
  lists: Map<string, ListInfo>;
}

/** The watchlists the actor may screen against, each with the threshold that applies to it. */
export async function loadThresholds(ctx: Ctx): Promise<Thresholds> {
  const t = stx(ctx.tx);
  const s = await t.selectFrom('screening_settings').select('alert_threshold').where('agency_id', '=', ctx.actor.agencyId!).executeTakeFirst();
  const agency = s?.alert_threshold ?? null;
  const fallback = agency ?? DEFAULT_ALERT_THRESHOLD;
  const rows = await t.selectFrom('watchlists').select(['id', 'name', 'alert_threshold', 'entry_count'])
    .where((eb) => eb.or([eb('scope', '=', 'global'), eb('agency_id', '=', ctx.actor.agencyId)])).execute();
  const lists = new Map<string, ListInfo>(rows.map((r) => [r.id, { name: r.name, threshold: r.alert_threshold ?? fallback, entries: r.entry_count }]));
  // Published notices and the diffusions addressed to the agency are searched in the same pass, at the agency's threshold.
  const notices = await ntx(ctx.tx).selectFrom('notices').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '=', 'published').executeTakeFirstOrThrow();
  lists.set(NOTICE_SOURCE, { name: 'Notices and diffusions', threshold: fallback, entries: Number(notices.n) });
  return { agency, fallback, lists };
}

/** The engine's query from the API's request (or a row of a list of people). */
export function toQuery(r: Pick<TScreeningMatchRequest, 'name' | 'birthDate' | 'nationality' | 'gender' | 'document' | 'documentCountry'>): ScreeningQuery {
  const q: ScreeningQuery = { name: r.name };
  if (r.birthDate) q.birthDates = [r.birthDate];
  if (r.nationality) q.nationalities = [r.nationality];
  if (r.gender) q.gender = r.gender;
  if (r.document) q.documents = [{ number: r.document, ...(r.documentCountry ? { country: r.documentCountry } : {}) }];
  return q;
}

/**
 * Screens one record among the entries the actor's agency may see (filtered before the top ones are cut, so an
 * agency's own list is never revealed to another, not even as hit/no-hit).
 */
export function screenOne(index: LiveIndex, agencyId: string, q: ScreeningQuery, top: number, th: Thresholds): PCandidate[] {
  const hits = index.index.search(q, { top, access: { agency: agencyId } });
  return hits.filter((h) => th.lists.has(h.source ?? '')).map((h) => presentCandidate(h, index.index.get(h.id), th.lists, th.fallback));
}
