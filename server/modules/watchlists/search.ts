import { cleanSeparators, foldText, type WatchlistEntry } from '../../../match';
import { likeLiteral } from '../../platform/db';

/**
 * Text folded the way the screening engine folds a name before it tokenises it (case, accents, Arabic marks and
 * letter variants, punctuation), so that 'hammouchi' finds HAMMOUCHI and an Arabic fragment typed with or without
 * hamza or vowel marks finds the list's Arabic spelling.
 */
export function foldForSearch(s: string): string {
  return cleanSeparators(foldText(s));
}

/** Every name of an entry (main name, aliases, original script) folded, one per line, for a substring search. */
export function entrySearchText(e: Pick<WatchlistEntry, 'name' | 'aliases'>): string {
  const names = [e.name, ...(e.aliases ?? []).map((a) => a.name)];
  return [...new Set(names.map(foldForSearch).filter((n) => n.length > 0))].join('\n');
}

const KINDS = new Set(['person', 'organization', 'vessel', 'other']);

/** The kind of entity when the source says it (UN individual/entity, OFAC SDN type, FollowTheMoney schema). */
export function entryKind(e: Pick<WatchlistEntry, 'kind'>): string | null {
  return e.kind && KINDS.has(e.kind) ? e.kind : null;
}

/** A LIKE pattern matching the fragment anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(fragment: string): string {
  return `%${likeLiteral(fragment)}%`;
}
