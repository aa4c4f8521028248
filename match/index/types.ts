import type { PersonRecord, ScoreResult } from '../score/types';

/**
 * Who may see an entry. An entry without a rule is visible to every asker; an entry with a rule only
 * to an asker whose agency is listed or who holds one of the keys (for example a watchlist id the
 * asker's agency subscribes to).
 */
export interface AccessRule {
  agencies?: string[];
  keys?: string[];
}

/** The asker's side of an access check. */
export interface AskerAccess {
  agency?: string;
  keys?: string[];
}

/** One entry of a watchlist: a person or organisation with its names and identifying details. */
export interface WatchlistEntry extends PersonRecord {
  /** The source's own identifier: UN REFERENCE_NUMBER (QDi.001), OFAC ent_num, FollowTheMoney id. */
  id: string;
  /** The watchlist it came from (a name chosen by whoever imported it). */
  source?: string;
  kind?: 'person' | 'organization' | 'vessel' | 'other';
  access?: AccessRule;
  /** Further fields of the source, kept as text. */
  extra?: Record<string, string>;
}

/** A query: a record to screen. */
export type ScreeningQuery = PersonRecord;

export interface SearchOptions {
  /** How many candidates to return (default 10). */
  top?: number;
  /** The asker's access; entries they may not see are removed before the top candidates are cut. */
  access?: AskerAccess;
  /** Return only candidates scoring at least this (default 0: the top candidates whatever their score). */
  threshold?: number;
  /** Score from which a candidate is an alert (default: the index's alert threshold). */
  alertThreshold?: number;
}

export interface SearchHit extends ScoreResult {
  id: string;
  source?: string;
  /** The entry's main name. */
  name: string;
  /** The entry's name that matched best (an alias, a name in original script …). */
  matchedName: string;
  alert: boolean;
}
