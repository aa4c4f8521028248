import type { WatchlistEntry } from '../index/types';
import type { DocumentRef, EntryName } from '../score/types';
import { WatchlistFormatError } from './errors';

interface FtmEntity {
  id?: unknown;
  schema?: unknown;
  caption?: unknown;
  properties?: Record<string, unknown>;
  datasets?: unknown;
}

const PERSON = new Set(['Person']);
const ORG = new Set(['Organization', 'Company', 'LegalEntity', 'PublicBody']);
const VESSEL = new Set(['Vessel', 'Airplane']);

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0) : [];
}

function toEntry(o: FtmEntity, line: number): WatchlistEntry | undefined {
  if (typeof o.id !== 'string' || o.id.length === 0) throw new WatchlistFormatError('entity without an "id"', { line });
  if (typeof o.schema !== 'string') throw new WatchlistFormatError(`entity ${o.id} without a "schema"`, { line });
  const schema = o.schema;
  const kind = PERSON.has(schema) ? 'person' : ORG.has(schema) ? 'organization' : VESSEL.has(schema) ? 'vessel' : undefined;
  // Addresses, sanctions, identifications … are FtM entities too, but not things to screen names against.
  if (kind === undefined) return undefined;
  const p = o.properties ?? {};
  const names = strings(p.name);
  const primary = names[0] ?? (typeof o.caption === 'string' ? o.caption : undefined);
  if (primary === undefined) return undefined;
  const aliases: EntryName[] = [
    ...names.slice(1).map((name) => ({ name, type: 'alias' as const })),
    ...strings(p.alias).map((name) => ({ name, type: 'alias' as const })),
    ...strings(p.previousName).map((name) => ({ name, type: 'alias' as const })),
    ...strings(p.weakAlias).map((name) => ({ name, type: 'weak_alias' as const })),
  ];
  const e: WatchlistEntry = { id: o.id, name: primary, kind, aliases };
  const dob = strings(p.birthDate);
  if (dob.length > 0) e.birthDates = dob;
  const nat = [...strings(p.nationality), ...strings(p.citizenship)];
  if (nat.length > 0) e.nationalities = nat;
  const g = strings(p.gender)[0]?.toLowerCase();
  if (g === 'male' || g === 'female') e.gender = g;
  const docs: DocumentRef[] = [...strings(p.passportNumber), ...strings(p.idNumber)].map((number) => ({ number }));
  if (docs.length > 0) e.documents = docs;
  const datasets = strings(o.datasets);
  e.extra = { schema, ...(datasets.length > 0 ? { datasets: datasets.join(';') } : {}) };
  return e;
}

/** Parse FollowTheMoney entities as JSON lines (or one JSON array). Non-screenable schemata are skipped. */
export function parseFtm(text: string): WatchlistEntry[] {
  const out: WatchlistEntry[] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(trimmed);
    } catch (err) {
      throw new WatchlistFormatError(`invalid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(arr)) throw new WatchlistFormatError('expected a JSON array of entities');
    arr.forEach((o, i) => {
      if (typeof o !== 'object' || o === null) throw new WatchlistFormatError(`element ${i + 1} is not an object`, { element: `[${i}]` });
      const e = toEntry(o as FtmEntity, i + 1);
      if (e) out.push(e);
    });
    return out;
  }
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((l, i) => {
    const s = l.trim();
    if (s.length === 0) return;
    let o: unknown;
    try {
      o = JSON.parse(s);
    } catch (err) {
      throw new WatchlistFormatError(`invalid JSON: ${(err as Error).message}`, { line: i + 1 });
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new WatchlistFormatError('expected a JSON object', { line: i + 1 });
    const e = toEntry(o as FtmEntity, i + 1);
    if (e) out.push(e);
  });
  return out;
}
