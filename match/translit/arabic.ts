import { foldText } from '../normalize/text';

/** Romanisation conventions people actually write Arabic names in. */
export type ArabicStyle = 'en' | 'fr' | 'es' | 'de';

export const ARABIC_STYLES: readonly ArabicStyle[] = ['en', 'fr', 'es', 'de'];

type Table = Record<string, string>;

const BASE: Table = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ث': 'th', 'ج': 'j', 'چ': 'ch', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r',
  'ز': 'z', 'ژ': 'zh', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f',
  'ق': 'q', 'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h',
};

/** Per style: consonants that differ from English, and how long vowels and glides are written. */
const STYLE: Record<ArabicStyle, { cons: Table; u: string; i: string; w: string; y: string; finalI: string; short: string }> = {
  en: { cons: {}, u: 'u', i: 'i', w: 'w', y: 'y', finalI: 'i', short: 'a' },
  // French / Maghrebi: Cherkaoui, Hammouchi, Djamel, Khalid.
  fr: { cons: { 'ج': 'dj', 'ش': 'ch', 'ق': 'k', 'ث': 't', 'ذ': 'd', 'چ': 'tch', 'ژ': 'j' }, u: 'ou', i: 'i', w: 'ou', y: 'y', finalI: 'i', short: 'a' },
  // Spanish: Jalid, Yamal, Mohamed.
  es: { cons: { 'ج': 'y', 'خ': 'j', 'ش': 'ch', 'ق': 'k', 'ث': 'z', 'ذ': 'd', 'غ': 'g', 'ژ': 'y' }, u: 'u', i: 'i', w: 'u', y: 'y', finalI: 'i', short: 'a' },
  // German: Scharkaoui, Dschamal, Chalid.
  de: { cons: { 'ج': 'dsch', 'ش': 'sch', 'خ': 'ch', 'ق': 'k', 'ث': 's', 'ذ': 'd', 'ز': 's', 'چ': 'tsch', 'ژ': 'sch', 'ي': 'j' }, u: 'u', i: 'i', w: 'w', y: 'j', finalI: 'i', short: 'a' },
};

const VOWELISH = new Set(['ا', 'و', 'ي', 'ى', 'ة']);

/** Light folding for transliteration: like {@link foldText} but keeps taa marbuta (read as -a). */
function prepare(word: string): string {
  // Taa marbuta is folded to ه for matching; here it reads -a, so it is set aside as a Latin placeholder.
  const keepTaa = word.normalize('NFKC').replace(/ة/g, 'Q');
  return foldText(keepTaa).replace(/q/g, 'ة');
}

/**
 * Romanise one Arabic-script word in the given style. Arabic script omits short vowels, so one is
 * supplied between consonants (a): the result is a plausible spelling, not the only one.
 */
export function romanizeArabicWord(word: string, style: ArabicStyle = 'en'): string {
  const prepared = prepare(word);
  if (prepared.startsWith('ال') && prepared.length >= 4 && prepared !== 'الله') {
    return `${style === 'fr' ? 'el' : 'al'}-${romanizeArabicWord(prepared.slice(2), style)}`;
  }
  const st = STYLE[style];
  const chars = [...prepared];
  let out = '';
  let prevCons = false;
  // Short vowels are unwritten: one is supplied between consonants, but not twice in a row
  // (محمد → mahmad, not mahamad), and not in a word-initial cluster after a vowel (ابراهيم → abrahim).
  let justInserted = chars[0] === 'ا' || chars[0] === 'ع';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    const isLast = i === chars.length - 1;
    if (ch === 'ا') {
      out += 'a';
      prevCons = false;
      justInserted = false;
    } else if (ch === 'ة') {
      out += 'a';
      prevCons = false;
    } else if (ch === 'و') {
      // Between consonants it is a long u; word-initially or next to a vowel it is w.
      out += i === 0 || (next !== undefined && VOWELISH.has(next)) || !prevCons ? st.w : st.u;
      prevCons = false;
      justInserted = false;
    } else if (ch === 'ي') {
      if (i === 0 || (next !== undefined && VOWELISH.has(next))) out += st.y;
      else out += isLast ? st.finalI : st.i;
      prevCons = false;
      justInserted = false;
    } else if (ch === 'ع') {
      if (i === 0 && next !== undefined && !VOWELISH.has(next)) out += 'a';
      else if (prevCons && next !== undefined && !VOWELISH.has(next)) out += 'a';
      prevCons = false;
    } else {
      const c = st.cons[ch] ?? BASE[ch];
      if (c === undefined) {
        out += ch;
        prevCons = false;
        continue;
      }
      if (prevCons && !justInserted) {
        out += st.short;
        justInserted = true;
      } else if (prevCons) justInserted = false;
      out += c;
      prevCons = true;
      if (ch === 'ه' && isLast) prevCons = false;
    }
  }
  return out;
}

/** Romanise a whole Arabic-script string word by word. */
export function romanizeArabic(text: string, style: ArabicStyle = 'en'): string {
  return text
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => romanizeArabicWord(w, style))
    .join(' ');
}

/** The spellings of one word in every style, without duplicates. */
export function romanizeArabicVariants(word: string): string[] {
  return [...new Set(ARABIC_STYLES.map((s) => romanizeArabicWord(word, s)))];
}
