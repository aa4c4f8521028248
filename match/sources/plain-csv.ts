import type { WatchlistEntry } from '../index/types';
import type { DocumentRef, PersonRecord } from '../score/types';
import { parseCsvRows } from './csv-util';
import { WatchlistFormatError } from './errors';

/** A row of the platform's people CSV (see DESIGN.md "One schema for lists of people"). */
export interface PeopleRow extends PersonRecord {
  /** 1-based line of the row in the file. */
  line: number;
  /** Columns beyond the schema, kept as they are. */
  extra: Record<string, string>;
}

const KNOWN = new Set(['id', 'name', 'birth_date', 'nationality', 'gender', 'document_number', 'document', 'document_country', 'aliases']);

/**
 * Parse a CSV with a header: `name` (required), `birth_date`, `nationality`, `gender`,
 * `document_number` (or `document`), `document_country`; other columns are kept in `extra`.
 * Throws {@link WatchlistFormatError} on a missing name column, a row without a name, or bad CSV.
 */
export function parsePeopleCsv(text: string): PeopleRow[] {
  const { rows, lines } = parseCsvRows(text, 'CSV');
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (header === undefined) throw new WatchlistFormatError('empty file: a header with a "name" column is required', { line: 1 });
  const col = (n: string): number => header.indexOf(n);
  const iName = col('name');
  if (iName < 0) throw new WatchlistFormatError(`no "name" column in the header (found: ${header.join(', ')})`, { line: 1 });
  const iDoc = col('document_number') >= 0 ? col('document_number') : col('document');
  const out: PeopleRow[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = lines[r] ?? r + 1;
    if (row.length !== header.length) {
      throw new WatchlistFormatError(`expected ${header.length} columns, found ${row.length}`, { line });
    }
    const get = (i: number): string | undefined => (i >= 0 ? row[i]?.trim() || undefined : undefined);
    const name = get(iName);
    if (name === undefined) throw new WatchlistFormatError('empty name', { line });
    const rec: PeopleRow = { name, line, extra: {} };
    const dob = get(col('birth_date'));
    if (dob !== undefined) rec.birthDates = [dob];
    const nat = get(col('nationality'));
    if (nat !== undefined) rec.nationalities = nat.split(/[;|]/).map((s) => s.trim()).filter(Boolean);
    const g = get(col('gender'))?.toLowerCase();
    if (g === 'male' || g === 'm') rec.gender = 'male';
    else if (g === 'female' || g === 'f') rec.gender = 'female';
    const doc = get(iDoc);
    if (doc !== undefined) {
      const d: DocumentRef = { number: doc };
      const dc = get(col('document_country'));
      if (dc !== undefined) d.country = dc;
      rec.documents = [d];
    }
    const aliases = get(col('aliases'));
    if (aliases !== undefined) rec.aliases = aliases.split(/[;|]/).map((s) => s.trim()).filter(Boolean).map((a) => ({ name: a, type: 'alias' as const }));
    header.forEach((h, i) => {
      const v = row[i];
      if (!KNOWN.has(h) && v !== undefined && v !== '') rec.extra[h] = v;
    });
    const id = get(col('id'));
    if (id !== undefined) rec.extra.id = id;
    out.push(rec);
  }
  return out;
}

/** A people CSV as watchlist entries: id from an `id` column, else the line number. */
export function parsePlainCsv(text: string): WatchlistEntry[] {
  const seen = new Set<string>();
  return parsePeopleCsv(text).map((r) => {
    const id = r.extra.id ?? `line-${r.line}`;
    if (seen.has(id)) throw new WatchlistFormatError(`duplicate id ${id}`, { line: r.line });
    seen.add(id);
    const { line: _line, extra, ...rec } = r;
    const { id: _id, ...rest } = extra;
    return { ...rec, id, kind: 'person' as const, extra: rest };
  });
}
