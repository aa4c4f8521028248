import { cleanSeparators, foldText, scriptOf, type Script } from './text';

/** One token of a normalised name. */
export interface NameToken {
  /** Folded text (see {@link foldText}). */
  text: string;
  script: Script;
  /** Name particles (al, abu, bin, van, de …) join names but do not identify a person. */
  particle: boolean;
  /** The same token with a glued article removed ("alsharqawi" → "sharqawi", "ettahiri" → "tahiri"). */
  alt?: string;
}

/** A name split into tokens, each classified. */
export interface NormalizedName {
  raw: string;
  tokens: NameToken[];
}

/** Latin-script particles recognised as separate tokens. */
export const LATIN_PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'il', 'abu', 'abou', 'abo', 'bou', 'bu', 'bin', 'ben', 'ibn', 'bn', 'bint', 'binti', 'ould', 'wuld',
  'ait', 'van', 'von', 'der', 'den', 'de', 'da', 'del', 'della', 'di', 'du', 'des', 'dos', 'das', 'y', 'zu', 'ter', 'ten',
]);

/** Arabic article as Latin writers attach it with a hyphen, including sun-letter assimilation (at-, ash-, ech- …). */
export const LATIN_ARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'il', 'at', 'ad', 'ar', 'as', 'az', 'an', 'ash', 'ath', 'adh', 'et', 'ed', 'er', 'es', 'ez', 'en',
  'ech', 'ec', 'ach', 'ud', 'ur', 'us', 'uz', 'un', 'ut', 'ush', 'uth', 'al', 'l',
]);

/**
 * The Arabic article assimilated to a sun letter as Urdu and Pashto names write it (-ud-din, -ur-rehman,
 * -uz-zaman, -ush-shams): when it stands alone between two names, with or without hyphens, it is the
 * article, not a name. Only between two names: Pak Ud is a Korean name.
 */
const LATIN_MID_ARTICLES: ReadonlySet<string> = new Set(['ud', 'ur', 'uz', 'ush', 'ut', 'ad', 'ar', 'az', 'ash']);

/**
 * Religious, honorific and academic titles written before a name (Mullah Naim Barich, Sheikh Hassan Dahir
 * Aweys, Haji Khalil, Qari Ayub, Dr. …): lists carry them in one alias and not in another, so they
 * identify no one and are handled as particles.
 */
export const LATIN_TITLES: ReadonlySet<string> = new Set([
  'mullah', 'mulla', 'mullo', 'molla', 'mollah', 'maulvi', 'maulavi', 'mawlawi', 'mawlavi', 'moulvi', 'molvi', 'mowlawi',
  'maulana', 'mawlana', 'moulana', 'sheikh', 'shaikh', 'shaykh', 'sheik', 'shaik', 'scheich', 'haji', 'hajji', 'hadji',
  'hajj', 'hadj', 'alhaj', 'alhajj', 'elhadj', 'qari', 'mufti', 'ustad', 'ustadh', 'ustaz', 'dr', 'prof',
  // Military ranks (Colonel Innocent KAINA, General Nkunda, Col Abdel Hamid Mahmoud, Commander Putol).
  'colonel', 'col', 'general', 'brigadier', 'lieutenant', 'lt', 'captain', 'capt', 'commander', 'commandant',
  // Placeholders for a part of the name that is not known: first / middle / last name unknown (Dr. Fnu Mnu Khamis).
  'fnu', 'mnu', 'lnu',
]);

/** The same titles in Arabic script (after letter folding and removal of the article: الشيخ, الحاج). */
const ARABIC_TITLES: ReadonlySet<string> = new Set(['شيخ', 'ملا', 'مولوي', 'مولانا', 'حاجي', 'حاج', 'قاري', 'مفتي', 'استاد', 'استاذ', 'دكتور']);

/** Arabic-script particles (after letter folding). */
export const ARABIC_PARTICLES: ReadonlySet<string> = new Set(['ال', 'ابو', 'بو', 'بن', 'ابن', 'بنت', 'ولد', 'ايت']);

/** Words that start with ال but are not article + name. */
const ARABIC_NOT_ARTICLE: ReadonlySet<string> = new Set(['الله', 'اله', 'الياس', 'الهام', 'الماس', 'الفت', 'اللهيار']);

/** Latin spellings of عبد ال glued to the next name, or standing alone before it. */
const ABD_AL = /^(abd|abdu|abdou)(l|el|al|ul|ol|il|ur|ar|er|us|as|es|un|an|en|ud|ad|ed|ush|ash|esh|uz|az|ez)$/;
// The glued name must start with a consonant: Abdoulaye is one name, not abd + al + aye.
const ABD_AL_PREFIX = /^(abd|abdu|abdou)(ul|el|al|ol|il|l|ur|er|ar|us|es|as|un|en|an|ud|ed|ad|ush|esh|ash|uz|ez|az)([^aeiouy].{2,})$/;
/** أبو بكر glued in Latin (Abubakar Shekau, Aboubakar, Abubakr): the particle abu and the name bakr. */
const ABU_BAKR = /^(abu|abou|abo)(ba(?:k|c|kk|ck)(?:a|e|i)?r)$/;
/** عبد الله glued in Latin: Abdullah, Abdallah, Abdellah, Abdoulah. */
const ABDULLAH = /^abd(u|ou|a|e|o)?ll?ah?$/;

function particleToken(text: string, script: Script): NameToken {
  return { text, script, particle: true };
}

function plainToken(text: string, script: Script): NameToken {
  const t: NameToken = { text, script, particle: false };
  if (script === 'latin') {
    const alt = latinArticleAlt(text);
    if (alt !== undefined) t.alt = alt;
  }
  return t;
}

/** A Latin token that may begin with a glued article: alsharqawi, elcherkaoui, ettahiri, assadiq. */
function latinArticleAlt(text: string): string | undefined {
  const m = /^(al|el)(.{4,})$/.exec(text);
  if (m?.[2] !== undefined) return m[2];
  const sun = /^(a|e|u)(t|d|r|z|s|n|l)\2(.{2,})$/.exec(text);
  if (sun) return text.slice(2);
  const sh = /^(a|e)(sh|ch|th|dh)(sh|ch|th|dh)?(.{3,})$/.exec(text);
  if (sh?.[3] !== undefined) return text.slice(1 + (sh[2]?.length ?? 0));
  return undefined;
}

/**
 * The Arabic article is written ال (its alef never carries a hamza); a word beginning with أل, إل or
 * آل is a name that starts with the sound al / el (ألبرتو Alberto, إلينا Elena, ألين Aline, آلان Alan).
 * Folding erases the hamza, so such words are marked before folding.
 */
const HAMZA_AL = /(^|[^\p{L}\p{M}])([أإآ][\u064B-\u065F\u0670]*ل)(?=\p{L})/gu;
const NOT_ARTICLE = '\uE000';

function splitArabic(word: string, out: NameToken[]): void {
  if (word.startsWith(NOT_ARTICLE)) {
    out.push(plainToken(word.slice(1), 'arabic'));
    return;
  }
  if (ARABIC_PARTICLES.has(word) || ARABIC_TITLES.has(word)) {
    out.push(particleToken(word, 'arabic'));
    return;
  }
  // عبدالله, عبدالرحمن: عبد glued to the article of the following name.
  if (word.startsWith('عبدال') && word.length > 5) {
    out.push(plainToken('عبد', 'arabic'));
    splitArabic(word.slice(3), out);
    return;
  }
  if (word === 'ابوبكر') {
    out.push(particleToken('ابو', 'arabic'));
    out.push(plainToken('بكر', 'arabic'));
    return;
  }
  if (word.startsWith('ابوال') && word.length > 5) {
    out.push(particleToken('ابو', 'arabic'));
    splitArabic(word.slice(3), out);
    return;
  }
  if (word.startsWith('ال') && word.length >= 4 && !ARABIC_NOT_ARTICLE.has(word)) {
    out.push(particleToken('ال', 'arabic'));
    const rest = word.slice(2);
    out.push(ARABIC_TITLES.has(rest) ? particleToken(rest, 'arabic') : plainToken(rest, 'arabic'));
    return;
  }
  out.push(plainToken(word, 'arabic'));
}

function splitLatin(word: string, out: NameToken[]): void {
  const pieces = word.split('-').filter((p) => p.length > 0);
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] ?? '';
    const hyphenated = pieces.length > 1 && i < pieces.length - 1;
    const abuBakr = ABU_BAKR.exec(p);
    if (abuBakr?.[2] !== undefined) {
      out.push(particleToken('abu', 'latin'));
      out.push(plainToken(abuBakr[2], 'latin'));
      continue;
    }
    if (ABDULLAH.test(p)) {
      out.push(plainToken('abd', 'latin'));
      out.push(plainToken('allah', 'latin'));
      continue;
    }
    if (ABD_AL.test(p)) {
      out.push(plainToken('abd', 'latin'));
      out.push(particleToken('al', 'latin'));
      continue;
    }
    const glued = ABD_AL_PREFIX.exec(p);
    if (glued?.[3] !== undefined) {
      out.push(plainToken('abd', 'latin'));
      out.push(particleToken('al', 'latin'));
      out.push(plainToken(glued[3], 'latin'));
      continue;
    }
    if (LATIN_PARTICLES.has(p) || LATIN_TITLES.has(p) || (hyphenated && LATIN_ARTICLES.has(p))) {
      out.push(particleToken(p, 'latin'));
      continue;
    }
    out.push(plainToken(p, 'latin'));
  }
}

/**
 * Second halves of Arabic-script compound names that Latin often writes glued to the first (نجيب الله =
 * Najibullah, جلال الدين = Jalaluddin, and in Persian and Pashto names کاکا زاده = Kakazada, ولی جان =
 * Walijan), and often drops (Siraj for Sirajuddin). Arabic script keeps two
 * words; {@link glueArabicCompounds} gives the one-word reading, which the analysis offers beside the
 * two-word one. عبد الله is not glued: Latin Abdullah is split the same way (abd + allah).
 */
export const ARABIC_COMPOUND_SECONDS: ReadonlySet<string> = new Set(['الله', 'الدين', 'زاده', 'جان']);

/**
 * The tokens with Arabic-script compounds glued into one word (هدايت الله → هدايتالله, جلال الدين →
 * جلالالدين with the article of الدين, ولی جان → وليجان), or undefined when there is none.
 */
export function glueArabicCompounds(tokens: readonly NameToken[]): NameToken[] | undefined {
  const out: NameToken[] = [];
  let glued = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as NameToken;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (prev !== undefined && !prev.particle && prev.script === 'arabic' && prev.text !== 'عبد' && prev.text.length >= 2 && !ARABIC_COMPOUND_SECONDS.has(prev.text)) {
      // الله, زاده, جان are one token; الدين arrives as the particle ال and دين.
      const second =
        t.script === 'arabic' && !t.particle && ARABIC_COMPOUND_SECONDS.has(t.text) ? t.text : t.particle && t.text === 'ال' && next?.text === 'دين' && !next.particle ? 'الدين' : undefined;
      if (second !== undefined) {
        out[out.length - 1] = { ...prev, text: prev.text + second };
        if (second === 'الدين') i++;
        glued = true;
        continue;
      }
    }
    out.push(t);
  }
  return glued ? out : undefined;
}

/**
 * Normalise a personal or organisation name: fold characters, split tokens on whitespace, punctuation
 * and hyphens, recognise particles and the Arabic article (al-, el-, at-Tahiri, ال), split glued
 * "Abdul"/"عبدال" forms.
 */
export function normalizeName(raw: string): NormalizedName {
  const marked = /[أإآ]/.test(raw) ? raw.normalize('NFKC').replace(HAMZA_AL, `$1${NOT_ARTICLE}$2`) : raw;
  const cleaned = cleanSeparators(foldText(marked));
  const tokens: NameToken[] = [];
  if (cleaned.length === 0) return { raw, tokens };
  for (const word of cleaned.split(' ')) {
    if (word.length === 0) continue;
    const script = scriptOf(word);
    if (script === 'arabic') {
      for (const part of word.split('-')) if (part) splitArabic(part, tokens);
    } else if (script === 'latin') {
      splitLatin(word, tokens);
    } else {
      for (const part of word.split('-')) if (part) tokens.push(plainToken(part, script));
    }
  }
  // Mati ur Rehman, Noor ud Din, Mati-ur Rehman: the article assimilated to the next name, standing alone.
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i] as NameToken;
    if (t.script === 'latin' && LATIN_MID_ARTICLES.has(t.text)) t.particle = true;
  }
  // A name made only of particles ("Abu Ali" has a name; "Ben" alone would vanish): keep them as names.
  if (tokens.length > 0 && tokens.every((t) => t.particle)) {
    for (const t of tokens) t.particle = false;
  }
  return { raw, tokens };
}

/** The identifying (non-particle) tokens of a name. */
export function nameTokens(n: NormalizedName): NameToken[] {
  return n.tokens.filter((t) => !t.particle);
}
