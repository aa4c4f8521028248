import type { PBatchRow, PCandidate, PExplanationItem } from '../../../common';
import type { SearchHit, WatchlistEntry } from '../../../match';
import { NOTICE_SOURCE } from '../notices';
import { sourceIdOf } from '../watchlists';

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
