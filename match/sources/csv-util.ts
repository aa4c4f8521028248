import { parse } from 'csv-parse/sync';
import { WatchlistFormatError } from './errors';

/** Parse CSV text into rows of strings; a malformed row becomes an error naming its line. */
export function parseCsvRows(text: string, label: string): { rows: string[][]; lines: number[] } {
  // OFAC's legacy files end with a DOS end-of-file character (^Z).
  const clean = text.replace(/^\uFEFF/, '').replace(new RegExp(`${String.fromCharCode(26)}\\s*$`), '');
  try {
    const records = parse(clean, { skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return { rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new WatchlistFormatError(`${label}: ${e.message ?? String(err)}`, e.lines !== undefined ? { line: e.lines } : {});
  }
}
