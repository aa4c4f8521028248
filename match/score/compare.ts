import { normalizeCountry } from '../normalize/country';
import { analyzeName, type NameForm, type TokenInfo } from '../translit/analyze';
import { tokenSimilarity, type TokenSimilarity } from './similarity';
import type { DocumentRef, EntryName, ExplanationItem, NameType, PersonRecord, ScoreResult } from './types';

/** Token pairs below this similarity are not aligned: the tokens count as unmatched. */
export const MIN_TOKEN_SIM = 0.72;
/** An unmatched token weighs half an aligned one: extra middle names lower the score, but gently. */
const UNMATCHED_WEIGHT = 0.5;
const WEAK_ALIAS_PENALTY = 0.05;

export const QUALIFIER = {
  birthExact: 0.06,
  birthYear: 0.03,
  birthMismatch: -0.15,
  nationalityMatch: 0.02,
  nationalityMismatch: -0.08,
  genderMismatch: -0.1,
  documentFloor: 0.95,
  documentMismatch: -0.05,
} as const;

interface ParsedDate {
  raw: string;
  y: number;
  m?: number;
  d?: number;
}

/** A record analysed once, compared many times. */
export interface AnalyzedRecord {
  names: { name: string; type: NameType; forms: NameForm[] }[];
  birthDates: ParsedDate[];
  nationalities: string[];
  gender?: string;
  documents: { number: string; country?: string }[];
}

/** Parse YYYY, YYYY-MM, YYYY-MM-DD (also with / or .); anything else is ignored. */
export function parseDate(raw: string): ParsedDate | undefined {
  const m = /^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$/.exec(raw);
  if (!m) return undefined;
  const out: ParsedDate = { raw: raw.trim(), y: Number(m[1]) };
  if (m[2] !== undefined) out.m = Number(m[2]);
  if (m[3] !== undefined) out.d = Number(m[3]);
  return out;
}

/** Document numbers compare without spaces, dashes or case. */
export function normalizeDocumentNumber(n: string): string {
  return n.normalize('NFKC').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Analyse a record's names, dates, nationalities and documents once. */
export function analyzeRecord(r: PersonRecord): AnalyzedRecord {
  const names: EntryName[] = [{ name: r.name, type: 'primary' }, ...(r.aliases ?? [])];
  const seen = new Set<string>();
  const out: AnalyzedRecord = {
    names: [],
    birthDates: (r.birthDates ?? []).map(parseDate).filter((d): d is ParsedDate => d !== undefined),
    nationalities: [...new Set((r.nationalities ?? []).map(normalizeCountry).filter((c): c is string => c !== undefined))],
    documents: (r.documents ?? [])
      .map((d: DocumentRef) => ({ number: normalizeDocumentNumber(d.number), country: normalizeCountry(d.country) }))
      .filter((d) => d.number.length >= 4),
  };
  if (r.gender !== undefined) out.gender = r.gender;
  for (const n of names) {
    if (seen.has(n.name) || n.name.trim().length === 0) continue;
    seen.add(n.name);
    const forms = analyzeName(n.name).filter((f) => f.tokens.length > 0);
    if (forms.length > 0) out.names.push({ name: n.name, type: n.type, forms });
  }
  return out;
}

export type TokenSimFn = (a: TokenInfo, b: TokenInfo) => TokenSimilarity;

/** Result of aligning two name forms. */
export interface FormScore {
  score: number;
  pairs: { q: TokenInfo; c: TokenInfo; sim: number; via: TokenSimilarity['via'] }[];
  unmatchedQ: TokenInfo[];
  unmatchedC: TokenInfo[];
}

/**
 * Align the tokens of two name forms regardless of order (greedy on similarity) and score the
 * alignment: sum of aligned similarities over aligned pairs plus half a point per unmatched token.
 */
export function scoreForms(q: NameForm, c: NameForm, sim: TokenSimFn = tokenSimilarity): FormScore {
  const nq = q.tokens.length;
  const nc = c.tokens.length;
  const cand: { s: number; via: TokenSimilarity['via']; i: number; j: number }[] = [];
  for (let i = 0; i < nq; i++) {
    const qt = q.tokens[i];
    if (qt === undefined) continue;
    for (let j = 0; j < nc; j++) {
      const ct = c.tokens[j];
      if (ct === undefined) continue;
      const r = sim(qt, ct);
      if (r.sim >= MIN_TOKEN_SIM) cand.push({ s: r.sim, via: r.via, i, j });
    }
  }
  cand.sort((a, b) => b.s - a.s || a.i + a.j - (b.i + b.j));
  const usedQ = new Uint8Array(nq);
  const usedC = new Uint8Array(nc);
  const pairs: FormScore['pairs'] = [];
  let total = 0;
  for (const x of cand) {
    if (usedQ[x.i] === 1 || usedC[x.j] === 1) continue;
    usedQ[x.i] = 1;
    usedC[x.j] = 1;
    const qt = q.tokens[x.i];
    const ct = c.tokens[x.j];
    if (qt === undefined || ct === undefined) continue;
    pairs.push({ q: qt, c: ct, sim: x.s, via: x.via });
    total += x.s;
  }
  const unmatchedQ = q.tokens.filter((_, i) => usedQ[i] === 0);
  const unmatchedC = c.tokens.filter((_, j) => usedC[j] === 0);
  const denom = pairs.length + UNMATCHED_WEIGHT * (unmatchedQ.length + unmatchedC.length);
  return { score: denom > 0 ? total / denom : 0, pairs, unmatchedQ, unmatchedC };
}

let simBuf = new Float64Array(64);

/**
 * The score of {@link scoreForms} without building the alignment: the index calls this for every
 * candidate and builds explanations only for the ones it returns. Same greedy order, same result.
 */
export function scoreFormsValue(q: NameForm, c: NameForm, sim: TokenSimFn = tokenSimilarity): number {
  const nq = q.tokens.length;
  const nc = c.tokens.length;
  if (nq === 0 || nc === 0) return 0;
  if (simBuf.length < nq * nc) simBuf = new Float64Array(nq * nc * 2);
  const m = simBuf;
  for (let i = 0; i < nq; i++) {
    const qt = q.tokens[i] as TokenInfo;
    for (let j = 0; j < nc; j++) {
      const r = sim(qt, c.tokens[j] as TokenInfo).sim;
      m[i * nc + j] = r >= MIN_TOKEN_SIM ? r : -1;
    }
  }
  let total = 0;
  let pairs = 0;
  const maxPairs = Math.min(nq, nc);
  while (pairs < maxPairs) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < nq; i++) {
      for (let j = 0; j < nc; j++) {
        const v = m[i * nc + j] ?? -1;
        if (v > best || (v === best && v >= 0 && i + j < bi + bj)) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    if (best < 0) break;
    total += best;
    pairs++;
    for (let j = 0; j < nc; j++) m[bi * nc + j] = -1;
    for (let i = 0; i < nq; i++) m[i * nc + bj] = -1;
  }
  const denom = pairs + UNMATCHED_WEIGHT * (nq - pairs + (nc - pairs));
  return denom > 0 ? total / denom : 0;
}

/** The best name score of two records, without explanation (see {@link scoreFormsValue}). */
export function bestNameValue(q: AnalyzedRecord, c: AnalyzedRecord, sim: TokenSimFn = tokenSimilarity): number {
  let best = 0;
  for (const qn of q.names) {
    for (const cn of c.names) {
      const penalty = qn.type === 'weak_alias' || cn.type === 'weak_alias' ? WEAK_ALIAS_PENALTY : 0;
      for (const qf of qn.forms) {
        for (const cf of cn.forms) {
          const s = scoreFormsValue(qf, cf, sim) - penalty;
          if (s > best) best = s;
        }
      }
    }
  }
  return best;
}

/** Best name score between two analysed records, with which names matched. */
export function bestNames(
  q: AnalyzedRecord,
  c: AnalyzedRecord,
  sim: TokenSimFn = tokenSimilarity,
): { score: number; form?: FormScore; qName?: string; cName?: string; cType?: NameType } {
  let best: { score: number; form?: FormScore; qName?: string; cName?: string; cType?: NameType } = { score: 0 };
  for (const qn of q.names) {
    for (const cn of c.names) {
      const penalty = qn.type === 'weak_alias' || cn.type === 'weak_alias' ? WEAK_ALIAS_PENALTY : 0;
      for (const qf of qn.forms) {
        for (const cf of cn.forms) {
          const f = scoreForms(qf, cf, sim);
          const s = Math.max(0, f.score - penalty);
          if (s > best.score) {
            best = { score: s, form: f, qName: qn.name, cName: cn.name, cType: cn.type === 'weak_alias' || qn.type !== 'weak_alias' ? cn.type : qn.type };
          }
        }
      }
    }
  }
  return best;
}

function dateKey(d: ParsedDate): string {
  return `${d.y}-${d.m ?? ''}-${d.d ?? ''}`;
}

/** Adjust a name score with birth date, nationality, gender and document evidence. */
export function applyQualifiers(nameScore: number, q: AnalyzedRecord, c: AnalyzedRecord, explanation: ExplanationItem[] = []): number {
  let score = nameScore;
  if (q.birthDates.length > 0 && c.birthDates.length > 0) {
    let exact: ParsedDate | undefined;
    let year: number | undefined;
    let near: [ParsedDate, ParsedDate] | undefined;
    for (const a of q.birthDates) {
      for (const b of c.birthDates) {
        if (a.d !== undefined && b.d !== undefined && dateKey(a) === dateKey(b)) exact = a;
        else if (a.y === b.y) year = a.y;
        else if (Math.abs(a.y - b.y) <= 1) near = [a, b];
      }
    }
    if (exact) {
      score += QUALIFIER.birthExact;
      explanation.push({ code: 'birth_date_exact', date: exact.raw, delta: QUALIFIER.birthExact });
    } else if (year !== undefined) {
      score += QUALIFIER.birthYear;
      explanation.push({ code: 'birth_date_year', year, delta: QUALIFIER.birthYear });
    } else if (near) {
      explanation.push({ code: 'birth_date_near', query: near[0].raw, candidate: near[1].raw, delta: 0 });
    } else {
      score += QUALIFIER.birthMismatch;
      explanation.push({
        code: 'birth_date_mismatch',
        query: q.birthDates[0]?.raw ?? '',
        candidate: c.birthDates[0]?.raw ?? '',
        delta: QUALIFIER.birthMismatch,
      });
    }
  }
  if (q.nationalities.length > 0 && c.nationalities.length > 0) {
    const common = q.nationalities.find((n) => c.nationalities.includes(n));
    if (common !== undefined) {
      score += QUALIFIER.nationalityMatch;
      explanation.push({ code: 'nationality_match', country: common, delta: QUALIFIER.nationalityMatch });
    } else {
      score += QUALIFIER.nationalityMismatch;
      explanation.push({ code: 'nationality_mismatch', query: q.nationalities, candidate: c.nationalities, delta: QUALIFIER.nationalityMismatch });
    }
  }
  if (q.gender !== undefined && c.gender !== undefined && q.gender !== c.gender && q.gender !== 'other' && c.gender !== 'other') {
    score += QUALIFIER.genderMismatch;
    explanation.push({ code: 'gender_mismatch', query: q.gender, candidate: c.gender, delta: QUALIFIER.genderMismatch });
  }
  if (q.documents.length > 0 && c.documents.length > 0) {
    const match = q.documents.find((a) => c.documents.some((b) => b.number === a.number));
    if (match) {
      score = Math.max(score, QUALIFIER.documentFloor);
      explanation.push({ code: 'document_match', number: match.number, floor: QUALIFIER.documentFloor });
    } else {
      const sameCountry = q.documents.find((a) => a.country !== undefined && c.documents.some((b) => b.country === a.country));
      if (sameCountry?.country !== undefined) {
        score += QUALIFIER.documentMismatch;
        explanation.push({ code: 'document_mismatch', country: sameCountry.country, delta: QUALIFIER.documentMismatch });
      }
    }
  }
  return Math.min(1, Math.max(0, score));
}

/** Score two analysed records. */
export function scoreRecords(q: AnalyzedRecord, c: AnalyzedRecord, sim: TokenSimFn = tokenSimilarity): ScoreResult {
  const best = bestNames(q, c, sim);
  const explanation: ExplanationItem[] = [];
  const form = best.form;
  if (form === undefined || best.cName === undefined || best.qName === undefined) {
    return { score: applyQualifiers(0, q, c, explanation), explanation };
  }
  explanation.push({ code: 'name_compared', query: best.qName, candidate: best.cName, nameType: best.cType ?? 'primary', nameScore: round(best.score) });
  if (best.cType === 'weak_alias') explanation.push({ code: 'weak_alias', penalty: WEAK_ALIAS_PENALTY });
  for (const p of form.pairs) {
    explanation.push({ code: 'token_match', query: p.q.text, candidate: p.c.text, via: p.via, sim: round(p.sim) });
  }
  for (const t of form.unmatchedQ) explanation.push({ code: 'token_unmatched', side: 'query', token: t.text });
  for (const t of form.unmatchedC) explanation.push({ code: 'token_unmatched', side: 'candidate', token: t.text });
  return { score: applyQualifiers(best.score, q, c, explanation), explanation };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function asRecord(x: PersonRecord | string): PersonRecord {
  return typeof x === 'string' ? { name: x } : x;
}

/**
 * Compare two records (or two bare names) and explain the score. Symmetric in its arguments up to
 * the side labels of the explanation.
 */
export function compare(a: PersonRecord | string, b: PersonRecord | string): ScoreResult {
  return scoreRecords(analyzeRecord(asRecord(a)), analyzeRecord(asRecord(b)));
}
