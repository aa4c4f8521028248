import { normalizeCountry } from '../normalize/country';
import { analyzeName, joinTokens, type NameForm, type TokenInfo } from '../translit/analyze';
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

// Most entries lack some details: they share frozen empty arrays instead of a million new ones.
const NONE_DATES: readonly ParsedDate[] = Object.freeze([]);
const NONE_STRINGS: readonly string[] = Object.freeze([]);
const NONE_DOCS: readonly { number: string; country?: string }[] = Object.freeze([]);

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

/** A record's names in order: its main name, then its aliases. */
export function recordNames(r: PersonRecord): EntryName[] {
  return [{ name: r.name, type: 'primary' }, ...(r.aliases ?? [])];
}

/**
 * Analyse a record's dates, nationalities, gender and documents, not its names (`names` is empty):
 * the index stores names compactly and rebuilds the rest from the entry when it scores a candidate.
 */
export function analyzeDetails(r: PersonRecord): AnalyzedRecord {
  const out: AnalyzedRecord = {
    names: [],
    birthDates: r.birthDates?.length ? r.birthDates.map(parseDate).filter((d): d is ParsedDate => d !== undefined) : (NONE_DATES as ParsedDate[]),
    nationalities: r.nationalities?.length
      ? [...new Set(r.nationalities.map(normalizeCountry).filter((c): c is string => c !== undefined))]
      : (NONE_STRINGS as string[]),
    documents: r.documents?.length
      ? r.documents.map((d: DocumentRef) => ({ number: normalizeDocumentNumber(d.number), country: normalizeCountry(d.country) })).filter((d) => d.number.length >= 4)
      : (NONE_DOCS as AnalyzedRecord['documents']),
  };
  if (r.gender !== undefined) out.gender = r.gender;
  return out;
}

/** Analyse a record's names, dates, nationalities and documents once. */
export function analyzeRecord(r: PersonRecord, withJoinedTokens = true): AnalyzedRecord {
  const out = analyzeDetails(r);
  const seen = new Set<string>();
  for (const n of recordNames(r)) {
    if (seen.has(n.name) || n.name.trim().length === 0) continue;
    seen.add(n.name);
    const forms = analyzeName(n.name, withJoinedTokens).filter((f) => f.tokens.length > 0);
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

/** Two adjacent tokens matched as one word must be at least this similar to the other side's token. */
const JOINED_MIN_SIM = MIN_TOKEN_SIM + 0.08;

// Alignment scratch space, reused: the index aligns tens of thousands of name pairs per second.
let itemSim = new Float64Array(256);
let itemPos = new Int32Array(1024);
const itemVia: TokenSimilarity['via'][] = [];
let takenBuf = new Uint8Array(256);
let nItems = 0;
let pushDetail = false;

/** Record one candidate token pair of an alignment (at least `min` similar) in the scratch space. */
function pushItem(r: TokenSimilarity, qa: number, qs: number, ca: number, cs: number, min: number): void {
  if (r.sim < min) return;
  const k = nItems;
  itemSim[k] = r.sim;
  const o = k * 4;
  itemPos[o] = qa;
  itemPos[o + 1] = qs;
  itemPos[o + 2] = ca;
  itemPos[o + 3] = cs;
  if (pushDetail) itemVia[k] = r.via;
  nItems = k + 1;
}

/**
 * Align two name forms regardless of order, greedily by similarity. A token may also align with two
 * adjacent tokens of the other side written as one word (Atiqullah ~ عتيق الله). Each alignment counts
 * as many positions as it covers (averaged over both sides); an unmatched token counts half.
 * With `detail`, the alignment is returned as well.
 */
function align(q: NameForm, c: NameForm, sim: TokenSimFn, detail: boolean): FormScore | number {
  const nq = q.tokens.length;
  const nc = c.tokens.length;
  if (nq === 0 || nc === 0) return detail ? { score: 0, pairs: [], unmatchedQ: [...q.tokens], unmatchedC: [...c.tokens] } : 0;
  const cap = nq * nc * 3 + 4;
  if (itemSim.length < cap) {
    itemSim = new Float64Array(cap * 2);
    itemPos = new Int32Array(cap * 8);
  }
  nItems = 0;
  pushDetail = detail;
  const push = pushItem;
  // Two words written as one change the token count: joined tokens are tried on the longer side only.
  // The index stores forms without them (memory), so they are rebuilt here when needed.
  const qJoined = nq > nc ? (q.joined.length > 0 ? q.joined : joinAll(q.tokens)) : NONE;
  const cJoined = nc > nq ? (c.joined.length > 0 ? c.joined : joinAll(c.tokens)) : NONE;
  for (let i = 0; i < nq; i++) {
    const qt = q.tokens[i] as TokenInfo;
    for (let j = 0; j < nc; j++) push(sim(qt, c.tokens[j] as TokenInfo), i, 1, j, 1, MIN_TOKEN_SIM);
    for (let j = 0; j < cJoined.length; j++) push(sim(qt, cJoined[j] as TokenInfo), i, 1, j, 2, JOINED_MIN_SIM);
  }
  for (let i = 0; i < qJoined.length; i++) {
    const qj = qJoined[i] as TokenInfo;
    for (let j = 0; j < nc; j++) push(sim(qj, c.tokens[j] as TokenInfo), i, 2, j, 1, JOINED_MIN_SIM);
  }
  let usedQ = 0;
  let usedC = 0;
  let total = 0;
  let weight = 0;
  let coveredQ = 0;
  let coveredC = 0;
  const n = nItems;
  const pairs: FormScore['pairs'] = [];
  if (takenBuf.length < n) takenBuf = new Uint8Array(n * 2);
  const taken = takenBuf;
  taken.fill(0, 0, n);
  for (;;) {
    let best = -1;
    let bk = -1;
    for (let k = 0; k < n; k++) {
      if (taken[k] === 1) continue;
      const o = k * 4;
      const qa = itemPos[o] ?? 0;
      const qs = itemPos[o + 1] ?? 1;
      const ca = itemPos[o + 2] ?? 0;
      const cs = itemPos[o + 3] ?? 1;
      const qm = qs === 2 ? 3 << qa : 1 << qa;
      const cm = cs === 2 ? 3 << ca : 1 << ca;
      if ((usedQ & qm) !== 0 || (usedC & cm) !== 0) {
        taken[k] = 1;
        continue;
      }
      const v = itemSim[k] ?? 0;
      // Ties: the single-token alignment first, then earlier positions (deterministic, symmetric).
      if (v > best || (v === best && bk >= 0 && tieBefore(k, bk))) {
        best = v;
        bk = k;
      }
    }
    if (bk < 0) break;
    taken[bk] = 1;
    const o = bk * 4;
    const qa = itemPos[o] ?? 0;
    const qs = itemPos[o + 1] ?? 1;
    const ca = itemPos[o + 2] ?? 0;
    const cs = itemPos[o + 3] ?? 1;
    usedQ |= qs === 2 ? 3 << qa : 1 << qa;
    usedC |= cs === 2 ? 3 << ca : 1 << ca;
    coveredQ += qs;
    coveredC += cs;
    const m = (qs + cs) / 2;
    total += best * m;
    weight += m;
    if (detail) {
      const qt = (qs === 2 ? qJoined[qa] : q.tokens[qa]) as TokenInfo;
      const ct = (cs === 2 ? cJoined[ca] : c.tokens[ca]) as TokenInfo;
      pairs.push({ q: qt, c: ct, sim: best, via: itemVia[bk] ?? 'spelling' });
    }
  }
  const denom = weight + UNMATCHED_WEIGHT * (nq - coveredQ + (nc - coveredC));
  const score = denom > 0 ? total / denom : 0;
  if (!detail) return score;
  return {
    score,
    pairs,
    unmatchedQ: q.tokens.filter((_, i) => (usedQ & (1 << i)) === 0),
    unmatchedC: c.tokens.filter((_, j) => (usedC & (1 << j)) === 0),
  };
}

const NONE: TokenInfo[] = [];

function joinAll(tokens: TokenInfo[]): TokenInfo[] {
  const out: TokenInfo[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(joinTokens(tokens[i] as TokenInfo, tokens[i + 1] as TokenInfo));
  return out;
}

function tieBefore(k: number, bk: number): boolean {
  const a = k * 4;
  const b = bk * 4;
  const spanA = (itemPos[a + 1] ?? 1) + (itemPos[a + 3] ?? 1);
  const spanB = (itemPos[b + 1] ?? 1) + (itemPos[b + 3] ?? 1);
  if (spanA !== spanB) return spanA < spanB;
  return (itemPos[a] ?? 0) + (itemPos[a + 2] ?? 0) < (itemPos[b] ?? 0) + (itemPos[b + 2] ?? 0);
}

/** Names longer than this many tokens are cut for alignment (bit masks); real names are far shorter. */
const MAX_TOKENS = 30;

function capForm(f: NameForm): NameForm {
  return f.tokens.length <= MAX_TOKENS ? f : { tokens: f.tokens.slice(0, MAX_TOKENS), particles: f.particles, joined: f.joined.slice(0, MAX_TOKENS - 1) };
}

/** Align two name forms and explain the alignment (see {@link scoreFormsValue} for the score alone). */
export function scoreForms(q: NameForm, c: NameForm, sim: TokenSimFn = tokenSimilarity): FormScore {
  return align(capForm(q), capForm(c), sim, true) as FormScore;
}

/**
 * The score of {@link scoreForms} without building the alignment: the index calls this for every
 * candidate and builds explanations only for the ones it returns. Same greedy order, same result.
 */
export function scoreFormsValue(q: NameForm, c: NameForm, sim: TokenSimFn = tokenSimilarity): number {
  return align(capForm(q), capForm(c), sim, false) as number;
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
