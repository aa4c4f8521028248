import type { TokenInfo } from '../translit/analyze';
import { isVowel } from '../translit/phonetic';

let jwA = new Uint8Array(64);
let jwB = new Uint8Array(64);

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (jwA.length < la || jwB.length < lb) {
    jwA = new Uint8Array(Math.max(la, lb) * 2);
    jwB = new Uint8Array(Math.max(la, lb) * 2);
  }
  const matchA = jwA;
  const matchB = jwB;
  matchA.fill(0, 0, la);
  matchB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (matchB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchA[i] = 1;
        matchB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchA[i] === 0) continue;
    while (matchB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const SHORT_VOWELS = 'aeiu';

/** Cheap consonant substitutions: how the same Arabic or Chinese sound is written in different languages. */
const CONFUSABLE: Record<string, number> = {};
function pair(a: string, b: string, cost: number): void {
  CONFUSABLE[a + b] = cost;
  CONFUSABLE[b + a] = cost;
}
pair('d', 't', 0.4); // ط/ت and ض/د (Tahiri, Dahiri)
pair('z', 's', 0.3); // ز, ظ, ث: German s for z
pair('t', 's', 0.4); // ث: Uthman / Usman
pair('d', 'z', 0.4); // ذ, ظ: Dhahabi / Zahabi
pair('g', 'k', 0.3); // ق: Gaddafi / Qaddafi
pair('j', 'g', 0.3); // ج: Gamal / Jamal
pair('j', 'k', 0.5); // Spanish j for خ: Jalid / Khalid
pair('j', 'h', 0.5); // Spanish j for ح
pair('k', 'h', 0.5); // خ written h
pair('x', 's', 0.5); // ش / س
pair('x', 'j', 0.4); // Wade-Giles ch for pinyin j/zh
pair('x', 'k', 0.5); // German ch for خ
pair('f', 'b', 0.5); // پ/ف, v/p
pair('j', 'z', 0.5); // ژ, pinyin zh
pair('t', 'j', 0.7);
pair('n', 'm', 0.7);
pair('l', 'r', 0.7); // Chinese transcriptions of r

function vowelClass(c: string): string {
  return c === 'A' ? 'a' : c === 'I' ? 'i' : c === 'U' ? 'u' : c;
}

function isLong(c: string): boolean {
  return c === 'A' || c === 'I' || c === 'U';
}

function subCost(a: string, b: string): number {
  if (a === b) return 0;
  const va = isVowel(a);
  const vb = isVowel(b);
  if (va && vb) {
    // e stands for "some vowel": Latin e, the vowel after ع, a word-initial alef.
    if (a === 'e' || b === 'e') return isLong(a) && isLong(b) ? 0.4 : 0;
    const same = vowelClass(a) === vowelClass(b);
    if (isLong(a) && isLong(b)) return 0.5;
    if (isLong(a) || isLong(b)) return same ? 0 : 0.4;
    return same ? 0 : 0.1;
  }
  if (va || vb) return 1.2;
  return CONFUSABLE[a + b] ?? 1;
}

/**
 * A vowel that begins a word is written in Latin, Cyrillic and Arabic script (as alef or ع: Anwar انور,
 * Omar عمر): dropping it is not a spelling variant (Anwar is not نوره Nura, the English "the" is not
 * Atte), so it costs as much as a long vowel. Not e, "some vowel": the alef that carries an initial
 * long vowel (أويا Oya, إيغور Igor) and a Latin e; and not with Han readings (see {@link tokenSimilarity}).
 */
const WORD_START_VOWEL = 0.6;

function indelCost(c: string): number {
  if (SHORT_VOWELS.includes(c)) return 0.15;
  if (isLong(c)) return 0.6;
  if (c === 'h') return 0.4;
  return 1;
}

// Costs precomputed per character code: the distance runs millions of times per batch.
const ALPHABET = 'aeiuAIUbtjhkdrzsxgflmn';
const N = ALPHABET.length;
const CODE = new Int8Array(128).fill(-1);
for (let i = 0; i < N; i++) CODE[ALPHABET.charCodeAt(i)] = i;
const SUB = new Float64Array(N * N);
const INDEL = new Float64Array(N);
/** Inserting or deleting at the start of a word (see {@link WORD_START_VOWEL}). */
const INDEL_START = new Float64Array(N);
const WEIGHT = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const a = ALPHABET[i] ?? '';
  INDEL[i] = indelCost(a);
  INDEL_START[i] = isVowel(a) && a !== 'e' ? Math.max(indelCost(a), WORD_START_VOWEL) : indelCost(a);
  WEIGHT[i] = SHORT_VOWELS.includes(a) ? 0.15 : isLong(a) ? 0.6 : 1;
  for (let j = 0; j < N; j++) SUB[i * N + j] = subCost(a, ALPHABET[j] ?? '');
}

function code(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? (CODE[c] ?? -1) : -1;
}

function weight(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = code(s, i);
    w += c >= 0 ? (WEIGHT[c] ?? 1) : 1;
  }
  return w;
}

let rowA = new Float64Array(64);
let rowB = new Float64Array(64);

/**
 * Weighted edit distance between two phonetic forms: short vowels are cheap to insert (Arabic script
 * omits them), long vowels are not, and confusable consonants cost less than others. Symmetric.
 */
export function phoneticDistance(a: string, b: string, maxDist = Infinity, wordStart = true): number {
  const start = wordStart ? INDEL_START : INDEL;
  const la = a.length;
  const lb = b.length;
  if (rowA.length <= lb) {
    rowA = new Float64Array(lb * 2 + 1);
    rowB = new Float64Array(lb * 2 + 1);
  }
  let prev = rowA;
  let cur = rowB;
  prev[0] = 0;
  // Row and column 0 insert or delete before the other word has begun: word-initial costs.
  for (let j = 1; j <= lb; j++) {
    const cb = code(b, j - 1);
    prev[j] = (prev[j - 1] ?? 0) + (cb >= 0 ? (start[cb] ?? 1) : 1);
  }
  for (let i = 1; i <= la; i++) {
    const ca = code(a, i - 1);
    const da = ca >= 0 ? (INDEL[ca] ?? 1) : 1;
    cur[0] = (prev[0] ?? 0) + (ca >= 0 ? (start[ca] ?? 1) : 1);
    let rowMin = cur[0] ?? 0;
    for (let j = 1; j <= lb; j++) {
      const cb = code(b, j - 1);
      const del = (prev[j] ?? 0) + da;
      const ins = (cur[j - 1] ?? 0) + (cb >= 0 ? (INDEL[cb] ?? 1) : 1);
      const sc = ca >= 0 && cb >= 0 ? (SUB[ca * N + cb] ?? 1) : ca === cb && a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const sub = (prev[j - 1] ?? 0) + sc;
      const v = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Costs never decrease along a path: once a whole row is over the budget, so is the result.
    if (rowMin > maxDist) return rowMin;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] ?? 0;
}

/**
 * Similarity of two phonetic forms in [0, 1]. Below `floor` the exact value does not matter to the
 * caller and the computation may stop early, returning some value below `floor`.
 */
export function phoneticSimilarity(a: string, b: string, floor = 0, wordStart = true): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const wa = weight(a);
  const wb = weight(b);
  const norm = Math.max(wa, wb);
  if (norm === 0) return 0;
  // The distance is at least the difference in weight (mostly): skip hopeless pairs.
  if ((norm - Math.min(wa, wb)) / norm > 0.6) return Math.max(0, 1 - (norm - Math.min(wa, wb)) / norm);
  return Math.max(0, 1 - phoneticDistance(a, b, (1 - floor) * norm, wordStart) / norm);
}

/** Below this a token similarity only needs to be known as "too low" (see compare.ts MIN_TOKEN_SIM). */
const SIM_FLOOR = 0.6;

/** How two tokens were found to match, for explanations. */
export type TokenVia = 'exact' | 'spelling' | 'phonetic' | 'translit' | 'article';

export interface TokenSimilarity {
  sim: number;
  via: TokenVia;
}

/**
 * Similarity of two tokens. Same script: the better of Jaro-Winkler on the text (typos) and the
 * phonetic similarity (spelling conventions). Across scripts: phonetic similarity only.
 */
export function tokenSimilarity(a: TokenInfo, b: TokenInfo): TokenSimilarity {
  const cross = a.script !== b.script;
  if (a.text === b.text) return { sim: 1, via: cross ? 'translit' : 'exact' };
  let best = 0;
  let via: TokenVia = cross ? 'translit' : 'spelling';
  if (!cross) {
    // Jaro-Winkler catches typos and transpositions, but on short words it is generous
    // (omar/mubarok 0.73): below 0.85 it is discounted so that only the phonetic form can align them.
    const la = a.text.length;
    const lb = b.text.length;
    // Jaro ≤ (2 + short/long) / 3: very different lengths cannot reach 0.85 (prefix bonus included).
    if (Math.min(la, lb) / Math.max(la, lb) >= 0.4) {
      const jw = jaroWinkler(a.text, b.text);
      best = jw >= 0.85 ? jw : jw * 0.8;
    }
  }
  if (a.phon.length > 0 && b.phon.length > 0) {
    // Han transcriptions do add a vowel before a foreign word's first consonant (恩蘇埃 Nsue, 奧 for O-).
    const wordStart = a.script !== 'han' && b.script !== 'han';
    // A tie-breaking discount keeps an identical spelling above a merely identical sound.
    const p = phoneticSimilarity(a.phon, b.phon, SIM_FLOOR, wordStart) * (cross ? 1 : 0.98);
    if (p > best) {
      best = p;
      via = cross ? 'translit' : 'phonetic';
    }
    const altA = a.altPhon;
    const altB = b.altPhon;
    if (altA !== undefined || altB !== undefined) {
      const pa = phoneticSimilarity(altA ?? a.phon, altB ?? b.phon, SIM_FLOOR, wordStart) * 0.97;
      if (pa > best) {
        best = pa;
        via = 'article';
      }
    }
  }
  return { sim: best, via };
}
