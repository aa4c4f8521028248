/**
 * Phonetic forms shared by all scripts. A phonetic form is a string over a small alphabet:
 * consonant classes `b t j h k d r z s x g f l m n` (x = sh/ch/ش), short vowels `a e i u` as Latin
 * writers add them (e = any vowel, also used for ع and a word-initial alef), and long vowels `A I U`
 * that Arabic script writes with ا ي و and Latin with aa/ee/ou/y/w. Arabic script omits short vowels,
 * so the edit distance in score/ makes them cheap while long vowels must correspond.
 */

const LATIN_MULTI: ReadonlyArray<readonly [string, string]> = [
  ['dsch', 'j'], ['tsch', 'x'], ['sch', 'x'], ['tch', 'x'], ['sh', 'x'], ['ch', 'x'], ['zh', 'j'], ['kh', 'k'],
  ['gh', 'g'], ['th', 't'], ['dh', 'd'], ['ph', 'f'], ['dj', 'j'], ['dz', 'j'], ['ck', 'k'], ['ou', 'U'],
  ['oo', 'U'], ['ee', 'I'], ['ii', 'I'], ['aa', 'A'], ['ei', 'I'], ['ey', 'I'], ['iy', 'I'], ['uw', 'U'],
];

const LATIN_SINGLE: Record<string, string> = {
  a: 'a', e: 'e', i: 'i', o: 'u', u: 'u', y: 'I', w: 'U', b: 'b', p: 'b', t: 't', d: 'd', k: 'k', q: 'k', g: 'g',
  j: 'j', x: 'x', s: 's', z: 'z', f: 'f', v: 'f', h: 'h', l: 'l', m: 'm', n: 'n', r: 'r',
};

/** True for the vowel symbols of a phonetic form. */
export function isVowel(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'u' || c === 'A' || c === 'I' || c === 'U';
}

function collapse(out: string[]): string {
  const res: string[] = [];
  for (const c of out) {
    const prev = res[res.length - 1];
    // Doubled letters (Hammouchi, Mohammed) and Arabic shadda carry no identity once harakat are gone.
    if (prev === c && !(c === 'a' || c === 'e' || c === 'i' || c === 'u')) continue;
    res.push(c);
  }
  // A final h is silent in most spellings (Fatimah/Fatima, فاطمة folded to فاطمه).
  while (res.length > 1 && res[res.length - 1] === 'h') res.pop();
  return res.join('');
}

/** Phonetic form of a folded Latin-script token (see {@link foldText}). */
export function latinPhonetic(token: string): string {
  const s = token.replace(/[^a-z]/g, '');
  const out: string[] = [];
  let i = 0;
  // Wade-Giles "hs" (Hsi, Hsu) is pinyin x.
  if (s.startsWith('hs')) {
    out.push('x');
    i = 2;
  }
  while (i < s.length) {
    let matched = false;
    for (const [from, to] of LATIN_MULTI) {
      if (s.startsWith(from, i)) {
        out.push(to);
        i += from.length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const ch = s[i] ?? '';
    if (ch === 'c') {
      const next = s[i + 1];
      out.push(next === 'e' || next === 'i' || next === 'y' ? 's' : 'k');
    } else {
      const m = LATIN_SINGLE[ch];
      if (m !== undefined) out.push(m);
    }
    i++;
  }
  return collapse(out);
}

const ARABIC_CONSONANT: Record<string, string> = {
  'ب': 'b', 'پ': 'b', 'ت': 't', 'ث': 't', 'ج': 'j', 'چ': 'x', 'ح': 'h', 'خ': 'k', 'د': 'd', 'ذ': 'd', 'ر': 'r',
  'ز': 'z', 'ژ': 'j', 'س': 's', 'ش': 'x', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'غ': 'g', 'ف': 'f', 'ق': 'k',
  'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h',
};

/**
 * Second halves of glued compounds (see ARABIC_COMPOUND_SECONDS in normalize/name.ts) as Latin writes
 * them: -ullah / -allah, and -uddin with the article assimilated to the sun letter d.
 */
const COMPOUND_SECONDS: ReadonlyArray<readonly [string, string]> = [['الله', 'ula'], ['الدين', 'udIn']];

/**
 * Letters read differently in Persian, Urdu, Pashto and Turkish names than in Arabic ones: ث is s
 * (Sanaullah, Usman), ذ and ض are z (Zakir, Zia, Faiz, Ramazan); and ظ, z in both, is dh or d in
 * Arabic names written the English way (Kadhim, Hafidh, Dahir).
 */
const VARIANT_CONSONANT: Record<string, string> = { 'ث': 's', 'ذ': 'z', 'ض': 'z', 'ظ': 'd' };

/**
 * A final ي after a consonant is also read as a: folding merges it with alef maqsura ى, which ends
 * عيسى Issa, موسى Musa, مصطفى Mustafa, يحيى Yahya (and Persian writes ی for both). Words of three
 * letters keep their i (علي Ali is not Ala).
 */
const FINAL_YA_AS_A = /[^اى]ي$/;

/** True when {@link arabicPhonetic} has a second reading for the token (see VARIANT_CONSONANT, FINAL_YA_AS_A). */
export function hasVariantReading(token: string): boolean {
  return /[ثذضظ]/.test(token) || (token.length >= 4 && FINAL_YA_AS_A.test(token));
}

/**
 * Phonetic form of a folded Arabic-script token. With `variant`, the second reading: the letters of
 * VARIANT_CONSONANT read the Persian / Urdu way (ض as z rather than d), a final ي as a.
 */
export function arabicPhonetic(token: string, variant = false): string {
  for (const [second, phon] of COMPOUND_SECONDS) {
    if (token.length > second.length + 1 && token.endsWith(second)) return collapse([...arabicPhonetic(token.slice(0, -second.length), variant), ...phon]);
  }
  // طه (Taha): in a two-letter word a final ه is a consonant with its vowel, not a silent taa marbuta.
  if (token.length === 2 && token[1] === 'ه' && ARABIC_CONSONANT[token[0] ?? ''] !== undefined) return `${ARABIC_CONSONANT[token[0] ?? '']}ha`;
  const out: string[] = [];
  const chars = [...token];
  const finalA = variant && chars.length >= 4 && FINAL_YA_AS_A.test(token);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === 'ا') out.push(i === 0 ? 'e' : 'A');
    else if (ch === 'و') out.push('U');
    else if (ch === 'ي') out.push(finalA && i === chars.length - 1 ? 'A' : 'I');
    else if (ch === 'ع') out.push('e');
    else {
      const c = (variant ? VARIANT_CONSONANT[ch] : undefined) ?? ARABIC_CONSONANT[ch];
      if (c !== undefined) out.push(c);
    }
  }
  return collapse(out);
}

const COARSE: Record<string, string> = { d: 't', z: 's', g: 'k', j: 'k', f: 'b', h: '' };

/**
 * Index key of a phonetic form: consonants only, with the most often confused classes merged
 * (d/t, z/s, g/j/k, f/b) and h dropped. Spelling variants of one name share it; the scorer
 * tells them apart again.
 */
export function phoneticKey(phon: string): string {
  let k = '';
  for (const c of phon) {
    if (isVowel(c)) continue;
    const m = COARSE[c] ?? c;
    if (m.length > 0 && k[k.length - 1] !== m) k += m;
  }
  return k;
}
