import type { WatchlistEntry } from '../index/types';
import type { DocumentRef } from '../score/types';
import { parseCsvRows } from './csv-util';
import { WatchlistFormatError } from './errors';

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

function nul(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t === undefined || t === '' || t === '-0-' ? undefined : t;
}

/** OFAC writes individuals as "LAST, First Middle": screening wants "First Middle LAST". */
function personName(raw: string): string {
  const i = raw.indexOf(',');
  if (i < 0) return raw.trim();
  return `${raw.slice(i + 1).trim()} ${raw.slice(0, i).trim()}`.trim();
}

/** Dates in OFAC remarks: "10 Dec 1948", "Dec 1948", "1948", "circa 1948", "1948 to 1950". */
function parseOfacDate(s: string): string[] {
  const full = /(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})/.exec(s);
  if (full) return [`${full[3]}-${MONTHS[(full[2] ?? '').toLowerCase()] ?? '01'}-${(full[1] ?? '').padStart(2, '0')}`];
  const range = /(\d{4}) to (\d{4})/.exec(s);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (b >= a && b - a <= 10) return Array.from({ length: b - a + 1 }, (_, k) => String(a + k));
  }
  const month = /([A-Za-z]{3})[a-z]* (\d{4})/.exec(s);
  if (month && MONTHS[(month[1] ?? '').toLowerCase()] !== undefined) return [`${month[2]}-${MONTHS[(month[1] ?? '').toLowerCase()]}`];
  const year = /(\d{4})/.exec(s);
  return year?.[1] !== undefined ? [year[1]] : [];
}

function parseRemarks(remarks: string, e: WatchlistEntry): void {
  for (const part of remarks.split(';')) {
    const p = part.trim().replace(/\.$/, '');
    let m: RegExpExecArray | null;
    if ((m = /^(?:alt\. )?DOB (.+)$/i.exec(p))) {
      const d = parseOfacDate(m[1] ?? '');
      if (d.length > 0) (e.birthDates ??= []).push(...d);
    } else if ((m = /^(?:nationality|citizen) (.+)$/i.exec(p))) {
      (e.nationalities ??= []).push((m[1] ?? '').trim());
    } else if ((m = /^Gender (Male|Female)$/i.exec(p))) {
      e.gender = (m[1] ?? '').toLowerCase() === 'male' ? 'male' : 'female';
    } else if ((m = /^(Passport|National ID No\.|Cedula No\.|Identification Number|NIT #|D\.N\.I\.) ([^ (]+(?: [^ (]+)?)(?: \(([^)]+)\))?/i.exec(p))) {
      const doc: DocumentRef = { number: m[2] ?? '', type: m[1] ?? '' };
      if (m[3] !== undefined) doc.country = m[3];
      (e.documents ??= []).push(doc);
    }
  }
}

/**
 * Parse OFAC's legacy SDN CSV (no header: ent_num, name, type, program, title, call sign, vessel type,
 * tonnage, GRT, flag, owner, remarks), with the alias (alt) and address (add) files when given.
 */
export function parseOfac(sdn: string, alt?: string, add?: string): WatchlistEntry[] {
  const { rows, lines } = parseCsvRows(sdn, 'OFAC SDN');
  const byId = new Map<string, WatchlistEntry>();
  const out: WatchlistEntry[] = [];
  rows.forEach((r, i) => {
    const line = lines[i];
    if (r.length < 12) throw new WatchlistFormatError(`expected 12 OFAC SDN columns, found ${r.length}`, line !== undefined ? { line } : {});
    const id = nul(r[0]);
    const rawName = nul(r[1]);
    if (id === undefined || !/^\d+$/.test(id)) throw new WatchlistFormatError(`ent_num "${r[0] ?? ''}" is not a number`, line !== undefined ? { line } : {});
    if (rawName === undefined) throw new WatchlistFormatError(`entry ${id} has no name`, line !== undefined ? { line } : {});
    if (byId.has(id)) throw new WatchlistFormatError(`duplicate ent_num ${id}`, line !== undefined ? { line } : {});
    const type = nul(r[2])?.toLowerCase();
    const kind = type === 'individual' ? 'person' : type === 'vessel' ? 'vessel' : type === 'aircraft' ? 'other' : 'organization';
    const e: WatchlistEntry = { id, name: kind === 'person' ? personName(rawName) : rawName, kind, aliases: [] };
    const extra: Record<string, string> = {};
    const program = nul(r[3]);
    if (program !== undefined) extra.program = program;
    const remarks = nul(r[11]);
    if (remarks !== undefined) {
      extra.remarks = remarks;
      if (kind === 'person') parseRemarks(remarks, e);
    }
    e.extra = extra;
    byId.set(id, e);
    out.push(e);
  });
  if (alt !== undefined) {
    const a = parseCsvRows(alt, 'OFAC alt');
    a.rows.forEach((r, i) => {
      const line = a.lines[i];
      if (r.length < 4) throw new WatchlistFormatError(`OFAC alt: expected 5 columns, found ${r.length}`, line !== undefined ? { line } : {});
      const e = byId.get(nul(r[0]) ?? '');
      const name = nul(r[3]);
      if (e === undefined || name === undefined) return;
      e.aliases?.push({ name: e.kind === 'person' ? personName(name) : name, type: 'alias' });
    });
  }
  if (add !== undefined) {
    const a = parseCsvRows(add, 'OFAC add');
    a.rows.forEach((r) => {
      const e = byId.get(nul(r[0]) ?? '');
      const country = nul(r[4]);
      if (e?.extra === undefined || country === undefined) return;
      e.extra.address_country = e.extra.address_country ? `${e.extra.address_country}; ${country}` : country;
    });
  }
  return out;
}
