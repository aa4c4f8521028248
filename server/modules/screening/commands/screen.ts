import { DEFAULT_ALERT_THRESHOLD, type ScreeningQuery } from '../../../../match';
import type { PCandidate, TScreeningMatchRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { sql } from 'kysely';
import { NOTICE_SOURCE } from '../../notices';
import type { LiveIndex } from '../../watchlists';
import { presentCandidate, type ListInfo } from '../presenters';

export interface Thresholds {
  /** The agency's own threshold, when it set one. */
  agency: number | null;
  /** What applies to lists without their own: the agency's, else the engine's default. */
  fallback: number;
  lists: Map<string, ListInfo>;
}

/**
 * The watchlists the actor may screen against, each with the threshold that applies to it: one statement (the
 * agency's threshold and the count of notices it may see ride on each row), since every screening request asks.
 * A deleted list is left out, so its candidates are dropped even before this process's index has synced.
 */
export async function loadThresholds(ctx: Ctx): Promise<Thresholds> {
  const agencyId = ctx.actor.agencyId!;
  const { rows } = await sql<{ id: string | null; name: string | null; alert_threshold: number | null; entry_count: number | null; agency_threshold: number | null; notices: string }>`
    SELECT w.id, w.name, w.alert_threshold, w.entry_count,
           (SELECT s.alert_threshold FROM screening_settings s WHERE s.agency_id = ${agencyId}) AS agency_threshold,
           (SELECT count(*) FROM notices n WHERE n.state = 'published') AS notices
      FROM (SELECT 1) AS one
      LEFT JOIN watchlists w ON (w.scope = 'global' OR w.agency_id = ${agencyId}) AND w.deleted_at IS NULL`.execute(ctx.tx);
  const first = rows[0];
  const agency = first?.agency_threshold ?? null;
  const fallback = agency ?? DEFAULT_ALERT_THRESHOLD;
  const lists = new Map<string, ListInfo>();
  for (const r of rows) if (r.id !== null) lists.set(r.id, { name: r.name ?? '', threshold: r.alert_threshold ?? fallback, entries: r.entry_count ?? 0 });
  // Published notices and the diffusions addressed to the agency are searched in the same pass, at the agency's threshold.
  lists.set(NOTICE_SOURCE, { name: 'Notices and diffusions', threshold: fallback, entries: Number(first?.notices ?? 0) });
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
