import type { PBatchRow, PCandidate, PExplanationItem } from '../../../common';
import type { SearchHit, WatchlistEntry } from '../../../match';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db';
import { NOTICE_SOURCE, ntx } from '../notices';
import { sourceIdOf, stx } from '../watchlists';

export interface ListInfo {
  name: string;
  threshold: number;
  entries: number;
}

/**
 * The only place a screening hit becomes JSON: the source's own id, the list it came from, the names that
 * matched and the explanation codes. The alert uses the list's own threshold, else the agency's, else the engine's.
 */
export function presentCandidate(h: SearchHit, entry: WatchlistEntry | undefined, lists: Map<string, ListInfo>, fallback: number): PCandidate {
  const wid = h.source ?? '';
  const list = lists.get(wid);
  const threshold = list?.threshold ?? fallback;
  const alert = h.score >= threshold;
  if (wid === NOTICE_SOURCE && entry?.extra) {
    // In the index only while published: its status here is current; a hit recorded later shows the status of then.
    const x = entry.extra;
    return {
      id: x.noticeId!,
      watchlist: { id: wid, name: list?.name ?? '' },
      name: h.name,
      matchedName: h.matchedName,
      score: Math.round(h.score * 1000) / 1000,
      alert,
      kind: entry.kind ?? null,
      birthDates: entry.birthDates ?? [],
      nationalities: entry.nationalities ?? [],
      explanation: h.explanation as unknown as PExplanationItem[],
      notice: { id: x.noticeId!, reference: x.reference || null, colour: x.colour!, kind: x.noticeKind!, state: 'published', requestingAgencyId: x.agencyId! },
      arrestAlert: alert && x.colour === 'red',
    };
  }
  return {
    id: sourceIdOf(h.id),
    watchlist: { id: wid, name: list?.name ?? '' },
    name: h.name,
    matchedName: h.matchedName,
    score: Math.round(h.score * 1000) / 1000,
    alert,
    kind: entry?.kind ?? null,
    birthDates: entry?.birthDates ?? [],
    nationalities: entry?.nationalities ?? [],
    explanation: h.explanation as unknown as PExplanationItem[],
  };
}

export function presentBatchRow(r: { row_no: number; query: Record<string, unknown>; candidates: unknown[]; top_score: number; alert: boolean }): PBatchRow {
  return { row: r.row_no, query: r.query, topScore: r.top_score, alert: r.alert, candidates: r.candidates as PCandidate[] };
}

/**
 * Results kept from an earlier run show each notice's status NOW: a notice suspended or cancelled since never shows
 * as an arrest alert.
 */
export async function withCurrentNoticeStates(owner: Kysely<DB>, rows: PBatchRow[]): Promise<PBatchRow[]> {
  const ids = [...new Set(rows.flatMap((r) => r.candidates.map((c) => c.notice?.id).filter((x): x is string => !!x)))];
  if (!ids.length) return rows;
  // Read as the owner: only the states of notices these results already showed the officer (when they were published
  // to the agency) are looked up, and nothing but the state is taken.
  const states = new Map((await ntx(owner).selectFrom('notices').select(['id', 'state']).where('id', 'in', ids).execute()).map((n) => [n.id, n.state]));
  for (const r of rows) {
    for (const c of r.candidates) {
      if (!c.notice) continue;
      const state = states.get(c.notice.id) ?? c.notice.state;
      c.notice = { ...c.notice, state };
      c.arrestAlert = !!c.arrestAlert && state === 'published';
    }
  }
  return rows;
}

/**
 * Results kept from an earlier run still show what was found on a list deleted since (the name and the source's id
 * as they were then), marked `deleted`: the entry itself is gone and cannot be opened. Reads the lists the actor may see.
 */
export async function withDeletedLists(tx: Kysely<DB>, rows: PBatchRow[]): Promise<PBatchRow[]> {
  const ids = [...new Set(rows.flatMap((r) => r.candidates.filter((c) => !c.notice && !c.document).map((c) => c.watchlist.id)))];
  if (!ids.length) return rows;
  const deleted = new Set((await stx(tx).selectFrom('watchlists').select('id').where('id', 'in', ids).where('deleted_at', 'is not', null).execute()).map((w) => w.id));
  for (const r of rows) for (const c of r.candidates) if (deleted.has(c.watchlist.id)) c.watchlist = { ...c.watchlist, deleted: true };
  return rows;
}
