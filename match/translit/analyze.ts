import { glueArabicCompounds, normalizeName, type NameToken } from '../normalize/name';
import type { Script } from '../normalize/text';
import { romanizeArabicWord } from './arabic';
import { romanizeCyrillic } from './cyrillic';
import { hanReadings } from './han';
import { arabicPhonetic, hasVariantReading, latinPhonetic, phoneticKey } from './phonetic';

/** Everything the scorer and the index need to know about one token. */
export interface TokenInfo {
  /** Folded text in its own script. */
  text: string;
  script: Script;
  /** Latin reading (the token itself when Latin; a romanisation otherwise). */
  latin: string;
  /** Phonetic form (see phonetic.ts). Empty when the script has no reading. */
  phon: string;
  /** Index key derived from the phonetic form (or the text itself for unread scripts). */
  key: string;
  /**
   * A second reading of the token: for Latin, the token with a glued article removed (Ettahiri →
   * tahiri); for Arabic script, the Persian / Urdu reading of ث ذ ض ظ (فيض: Faid → Faiz) and a final
   * ي read as a (عيسي: Isi → Isa).
   */
  altPhon?: string;
  altKey?: string;
  /** Set by the index on the tokens it interns, and on query tokens, to memoise similarities. */
  id?: number;
}

/** One reading of a name: its identifying tokens and its particles. */
export interface NameForm {
  tokens: TokenInfo[];
  particles: string[];
  /**
   * joined[i] is tokens[i] and tokens[i + 1] written as one word: Latin writes عتيق الله as
   * Atiqullah and جلال الدين as Jalaluddin, Arabic script keeps two words (and vice versa).
   */
  joined: TokenInfo[];
}

const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_TOKENS: readonly TokenInfo[] = Object.freeze([]);

/** Two adjacent tokens as one word. */
export function joinTokens(a: TokenInfo, b: TokenInfo): TokenInfo {
  const last = a.phon[a.phon.length - 1];
  const phon = last !== undefined && last === b.phon[0] ? a.phon + b.phon.slice(1) : a.phon + b.phon;
  const text = a.text + b.text;
  return { text, script: a.script === b.script ? a.script : 'other', latin: a.latin + b.latin, phon, key: keyFor(phon, text) };
}

function withJoined(tokens: TokenInfo[], particles: string[]): NameForm {
  const joined: TokenInfo[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) joined.push(joinTokens(tokens[i] as TokenInfo, tokens[i + 1] as TokenInfo));
  return { tokens, particles, joined };
}

function keyFor(phon: string, text: string): string {
  let k = phoneticKey(phon);
  // Yahya (يحيى): only h between vowels. Keep the h rather than fall back to a one-script text key.
  if (k.length === 0 && phon.includes('h')) k = 'h';
  // Names with no consonant (Aya, Yi, Ou) or in scripts without a reading keep their text as key.
  return k.length > 0 ? k : `~${text}`;
}

// Names repeat their parts (Mohammed, Ali, Wang): analysing each part once makes building a large
// index several times faster. Bounded, and dropped whole when full.
const CACHE_MAX = 300_000;
const cache = new Map<string, TokenInfo>();

/** Describe one non-Han token. Han runs go through {@link analyzeName}, which expands readings. */
export function tokenInfo(tok: Pick<NameToken, 'text' | 'script' | 'alt'>): TokenInfo {
  const ck = `${tok.script}\u0000${tok.text}`;
  const hit = cache.get(ck);
  // Shared and never mutated: whoever needs an `id` on a token makes a copy.
  if (hit !== undefined) return hit;
  const info = computeTokenInfo(tok);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(ck, info);
  return info;
}

function computeTokenInfo(tok: Pick<NameToken, 'text' | 'script' | 'alt'>): TokenInfo {
  const { text, script } = tok;
  let latin = text;
  let phon = '';
  if (script === 'latin') phon = latinPhonetic(text);
  else if (script === 'arabic') {
    phon = arabicPhonetic(text);
    latin = romanizeArabicWord(text, 'en');
  } else if (script === 'cyrillic') {
    latin = romanizeCyrillic(text);
    phon = latinPhonetic(latin);
  } else if (script === 'han') {
    latin = hanReadings(text)[0]?.[0] ?? text;
    phon = latinPhonetic(pinyinSpelling(latin));
  }
  const info: TokenInfo = { text, script, latin, phon, key: keyFor(phon, text) };
  if (script === 'arabic' && hasVariantReading(text)) {
    const altPhon = arabicPhonetic(text, true);
    if (altPhon !== phon) {
      info.altPhon = altPhon;
      info.altKey = keyFor(altPhon, text);
    }
  }
  if (tok.alt !== undefined) {
    info.altPhon = latinPhonetic(tok.alt);
    info.altKey = keyFor(info.altPhon, tok.alt);
  }
  return info;
}

/**
 * Pinyin letters that Latin phonetics would misread: q is the ch of Archi, -vich (阿奇, 维奇), and c
 * (not ch) is ts. Wade-Giles readings never contain them, so every Han reading goes through this.
 */
function pinyinSpelling(reading: string): string {
  return reading.replace(/q/g, 'ch').replace(/c(?!h)/g, 'ts');
}

/**
 * One Latin reading of a Han run. Han transcriptions write a foreign v as w (维 wei, 瓦 wa, 文 wen:
 * 维克托 = Victor): a reading with w has a second phonetic form and key with v.
 */
function hanToken(reading: string): TokenInfo {
  const spelt = pinyinSpelling(reading);
  const phon = latinPhonetic(spelt);
  const t: TokenInfo = { text: reading, script: 'han', latin: reading, phon, key: keyFor(phon, reading) };
  if (spelt.includes('w')) {
    t.altPhon = latinPhonetic(spelt.replace(/w/g, 'v'));
    t.altKey = keyFor(t.altPhon, reading);
  }
  return t;
}

/**
 * Analyse a name into its readings. Most names have one; a name containing a short Han run has
 * several (joined pinyin, surname + given name in pinyin, and in Wade-Giles).
 */
export function analyzeName(raw: string, withJoinedTokens = true): NameForm[] {
  const forms = analyzeNameForms(raw);
  return withJoinedTokens ? forms.map((f) => withJoined(f.tokens, f.particles)) : forms;
}

function analyzeNameForms(raw: string): NameForm[] {
  const norm = normalizeName(raw);
  const found = norm.tokens.filter((t) => t.particle).map((t) => t.text);
  // A million indexed names mostly have no particles: they share one empty (never mutated) array.
  const particles = found.length > 0 ? found : (NO_STRINGS as string[]);
  const plain = norm.tokens.filter((t) => !t.particle);
  const hanIdx = plain.findIndex((t) => t.script === 'han');
  const onlyOneHan = hanIdx >= 0 && plain.filter((t) => t.script === 'han').length === 1;
  if (!onlyOneHan) {
    const form: NameForm = { tokens: plain.map((t) => tokenInfo(t)), particles, joined: NO_TOKENS as TokenInfo[] };
    // هدايت الله, جلال الدين: also read as one word, as Latin writes them (Hidayatullah, Jalaluddin).
    const glued = plain.some((t) => t.script === 'arabic') ? glueArabicCompounds(norm.tokens) : undefined;
    if (glued === undefined) return [form];
    return [form, { tokens: glued.filter((t) => !t.particle).map((t) => tokenInfo(t)), particles, joined: NO_TOKENS as TokenInfo[] }];
  }
  const before = plain.slice(0, hanIdx).map((t) => tokenInfo(t));
  const after = plain.slice(hanIdx + 1).map((t) => tokenInfo(t));
  const hanText = plain[hanIdx]?.text ?? '';
  return hanReadings(hanText).map((reading) => ({
    tokens: [...before, ...reading.map((r) => hanToken(r)), ...after],
    particles,
    joined: NO_TOKENS as TokenInfo[],
  }));
}
