import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { WatchlistEntry } from '../index/types';
import type { DocumentRef, EntryName } from '../score/types';
import { WatchlistFormatError } from './errors';

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT',
  'VALUE', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'INDIVIDUAL_PLACE_OF_BIRTH',
]);

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function nodes(v: unknown): Node[] {
  if (Array.isArray(v)) return v.filter((x): x is Node => typeof x === 'object' && x !== null);
  if (typeof v === 'object' && v !== null) return [v as Node];
  return [];
}

function values(v: unknown): string[] {
  const out: string[] = [];
  for (const n of nodes(v)) {
    const vals = n.VALUE;
    for (const x of Array.isArray(vals) ? vals : [vals]) {
      const t = text(x);
      if (t !== undefined) out.push(t);
    }
  }
  return out;
}

function birthDates(n: Node): string[] {
  const out: string[] = [];
  for (const d of nodes(n.INDIVIDUAL_DATE_OF_BIRTH)) {
    const date = text(d.DATE);
    const year = text(d.YEAR);
    const from = Number(text(d.FROM_YEAR));
    const to = Number(text(d.TO_YEAR));
    if (date !== undefined) out.push(date.slice(0, 10));
    else if (year !== undefined) out.push(year);
    else if (Number.isInteger(from) && Number.isInteger(to) && from > 1800 && to >= from && to - from <= 10) {
      for (let y = from; y <= to; y++) out.push(String(y));
    }
  }
  return out;
}

function documents(n: Node): DocumentRef[] {
  const out: DocumentRef[] = [];
  for (const d of nodes(n.INDIVIDUAL_DOCUMENT)) {
    const number = text(d.NUMBER);
    if (number === undefined) continue;
    const doc: DocumentRef = { number };
    const country = text(d.ISSUING_COUNTRY) ?? text(d.COUNTRY_OF_ISSUE);
    if (country !== undefined) doc.country = country;
    const type = text(d.TYPE_OF_DOCUMENT);
    if (type !== undefined) doc.type = type;
    out.push(doc);
  }
  return out;
}

function aliases(n: Node, tag: string): EntryName[] {
  const out: EntryName[] = [];
  for (const a of nodes(n[tag])) {
    const raw = text(a.ALIAS_NAME);
    if (raw === undefined) continue;
    // "Low" aliases are mostly noms de guerre (Abu Ali), not spellings of the name: kept apart.
    const type = text(a.QUALITY)?.toLowerCase() === 'low' ? 'weak_alias' : 'alias';
    // One ALIAS_NAME sometimes lists several spellings ("Qasim Soleimani; Qasem Sulaimani; …"): one alias each.
    for (const name of raw.split(';').map((x) => x.trim())) if (name.length > 0) out.push({ name, type });
  }
  return out;
}

function toEntry(n: Node, kind: 'person' | 'organization', index: number): WatchlistEntry {
  const tag = kind === 'person' ? 'INDIVIDUAL' : 'ENTITY';
  const ref = text(n.REFERENCE_NUMBER);
  const dataId = text(n.DATAID);
  const where = `${tag}[${index + 1}]${dataId !== undefined ? ` (DATAID ${dataId})` : ''}`;
  if (ref === undefined) throw new WatchlistFormatError('missing REFERENCE_NUMBER', { element: where });
  const name = [n.FIRST_NAME, n.SECOND_NAME, n.THIRD_NAME, n.FOURTH_NAME].map(text).filter((x) => x !== undefined).join(' ');
  if (name.length === 0) throw new WatchlistFormatError(`${ref} has no FIRST_NAME`, { element: where });
  const entry: WatchlistEntry = { id: ref, name, kind, aliases: aliases(n, `${tag}_ALIAS`) };
  const original = text(n.NAME_ORIGINAL_SCRIPT);
  if (original !== undefined) entry.aliases?.push({ name: original, type: 'original_script' });
  if (kind === 'person') {
    const dob = birthDates(n);
    if (dob.length > 0) entry.birthDates = dob;
    const nat = values(n.NATIONALITY);
    if (nat.length > 0) entry.nationalities = nat;
    const g = text(n.GENDER)?.toLowerCase();
    if (g === 'male' || g === 'female') entry.gender = g;
    const docs = documents(n);
    if (docs.length > 0) entry.documents = docs;
  }
  const extra: Record<string, string> = {};
  for (const k of ['UN_LIST_TYPE', 'LISTED_ON', 'DATAID', 'COMMENTS1']) {
    const v = text(n[k]);
    if (v !== undefined) extra[k.toLowerCase()] = v;
  }
  entry.extra = extra;
  return entry;
}

/** Parse the UN Security Council Consolidated List XML. Throws {@link WatchlistFormatError}. */
export function parseUnXml(xml: string): WatchlistEntry[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new WatchlistFormatError(`invalid XML: ${valid.err.msg} (column ${valid.err.col})`, { line: valid.err.line });
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const root = doc.CONSOLIDATED_LIST;
  if (typeof root !== 'object' || root === null) throw new WatchlistFormatError('no CONSOLIDATED_LIST root element', { element: 'CONSOLIDATED_LIST' });
  const r = root as Node;
  const out: WatchlistEntry[] = [];
  const seen = new Set<string>();
  const push = (e: WatchlistEntry, where: string): void => {
    if (seen.has(e.id)) throw new WatchlistFormatError(`duplicate REFERENCE_NUMBER ${e.id}`, { element: where });
    seen.add(e.id);
    out.push(e);
  };
  nodes((r.INDIVIDUALS as Node | undefined)?.INDIVIDUAL).forEach((n, i) => push(toEntry(n, 'person', i), `INDIVIDUAL[${i + 1}]`));
  nodes((r.ENTITIES as Node | undefined)?.ENTITY).forEach((n, i) => push(toEntry(n, 'organization', i), `ENTITY[${i + 1}]`));
  return out;
}
