/**
 * Character-level normalisation shared by every other step: Unicode NFKC, case folding,
 * Latin diacritics, Arabic letter folding, digits, punctuation and whitespace.
 */

/** Arabic harakat, Quranic annotation marks, superscript alef and tatweel: never part of a name's identity. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * Letter folding for Arabic script. Written variants of the same letter (alef with hamza, Persian and
 * Pashto forms, Urdu forms) are mapped to one base letter so that the UN list's Persian-keyboard
 * spellings (ی, ک) equal the Arabic ones (ي, ك).
 */
const ARABIC_FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا', 'ٵ': 'ا',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه', 'ە': 'ه',
  'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي', 'ے': 'ي', 'ئ': 'ي', 'ٸ': 'ي', 'ێ': 'ي',
  'ؤ': 'و', 'ٶ': 'و', 'ۆ': 'و', 'ۇ': 'و', 'ۋ': 'و',
  'ک': 'ك', 'ڪ': 'ك', 'ګ': 'گ', 'ڭ': 'گ', 'ڳ': 'گ',
  'ټ': 'ت', 'ٹ': 'ت', 'ډ': 'د', 'ڈ': 'د', 'ړ': 'ر', 'ڑ': 'ر', 'ږ': 'ژ', 'ښ': 'ش',
  'ځ': 'ز', 'څ': 'س', 'ڼ': 'ن', 'ں': 'ن', 'ڤ': 'ف', 'ڨ': 'گ',
  // A standalone hamza is written, dropped or rendered as an apostrophe at will: it carries no identity.
  'ء': '',
};

/** Latin letters that NFD does not decompose into base + mark. */
const LATIN_SPECIAL: Record<string, string> = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h', 'ŧ': 't',
};

const ARABIC_DIGIT_ZERO = [0x0660, 0x06f0];

function foldChar(ch: string): string {
  const a = ARABIC_FOLD[ch];
  if (a !== undefined) return a;
  const l = LATIN_SPECIAL[ch];
  if (l !== undefined) return l;
  const cp = ch.codePointAt(0) ?? 0;
  for (const zero of ARABIC_DIGIT_ZERO) {
    if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  }
  return ch;
}

const FOLD_CANDIDATES = /[\u0621-\u06FF\u00DF-\u0167]/g;

/**
 * Fold a string to the comparison form: NFKC (presentation forms, full-width letters), lower case,
 * Latin diacritics removed, Arabic harakat and tatweel removed and letters folded, Arabic-Indic digits
 * to ASCII. Punctuation and whitespace are left for {@link cleanSeparators}.
 */
export function foldText(input: string): string {
  // Plain ASCII has nothing to compose, decompose or fold.
  if (/^[\x20-\x7e]*$/.test(input)) return input.toLowerCase();
  let s = input.normalize('NFKC').toLowerCase();
  s = s.replace(ARABIC_MARKS, '');
  // NFD splits é into e + U+0301 and أ into ا + U+0654: dropping combining marks folds both.
  s = s.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
  s = s.replace(FOLD_CANDIDATES, foldChar);
  return s;
}

/**
 * Collapse every run of whitespace (including embedded newlines) and punctuation to a single space.
 * Apostrophes vanish instead ("Mu'min", "N'Djamena"), hyphens are kept for the article rules and
 * the middle dot that separates Han transcriptions of foreign names becomes a space.
 */
export function cleanSeparators(s: string): string {
  return s
    .replace(/['\u2018\u2019\u02BC\u02BB\u02BF\u02BE`´]/g, '')
    .replace(/\u200c|\u200d|\u200e|\u200f/g, ' ')
    .replace(/[\s\u00B7\u30FB\u2027\u2022.,;:!?"()[\]{}/\\|<>*+=&^%$#@~_،؛؟«»]+/gu, ' ')
    .replace(/\s*-+\s*/g, '-')
    .replace(/^[\s-]+|[\s-]+$/g, '')
    .replace(/ +/g, ' ');
}

/** Script of a token, decided by its first letter. */
export type Script = 'latin' | 'arabic' | 'han' | 'cyrillic' | 'other';

export function scriptOf(token: string): Script {
  for (const ch of token) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x250 && /\p{L}/u.test(ch)) return 'latin';
    if (cp >= 0x0600 && cp <= 0x06ff) return 'arabic';
    if (cp >= 0x0750 && cp <= 0x077f) return 'arabic';
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ffff)) return 'han';
    if (cp >= 0x0400 && cp <= 0x04ff) return 'cyrillic';
    if (/\p{L}/u.test(ch)) return 'other';
  }
  return 'other';
}
