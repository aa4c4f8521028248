import { pinyin } from 'pinyin-pro';

/** Two-character Chinese surnames: the given name starts after them. */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '端木', '歐陽', '司馬', '諸葛', '東方', '長孫', '軒轅',
]);

/** Toneless pinyin syllables of a Han string (ü written as u, as in passports: Lu, Nu). */
export function hanToPinyin(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', surname: 'head' })
    .map((s) => s.replace(/ü|v/g, 'u').toLowerCase())
    .filter((s) => s.length > 0);
}

const WG_INITIALS: ReadonlyArray<readonly [string, string]> = [
  ['zh', 'ch'], ['ch', 'ch'], ['sh', 'sh'], ['b', 'p'], ['p', 'p'], ['d', 't'], ['t', 't'], ['g', 'k'], ['k', 'k'],
  ['j', 'ch'], ['q', 'ch'], ['x', 'hs'], ['r', 'j'], ['z', 'ts'], ['c', 'ts'], ['s', 's'], ['m', 'm'], ['f', 'f'],
  ['n', 'n'], ['l', 'l'], ['h', 'h'], ['y', 'y'], ['w', 'w'],
];

/**
 * Wade-Giles spelling of one toneless pinyin syllable, without aspiration apostrophes (they vanish in
 * normalisation anyway): xi → hsi, zhou → chou, jiang → chiang, zedong → tse tung.
 */
export function pinyinToWadeGiles(syllable: string): string {
  let initial = '';
  let wgInitial = '';
  for (const [p, w] of WG_INITIALS) {
    if (syllable.startsWith(p)) {
      initial = p;
      wgInitial = w;
      break;
    }
  }
  let final = syllable.slice(initial.length);
  if (final === 'i' && ['zh', 'ch', 'sh', 'r'].includes(initial)) final = 'ih';
  else if (final === 'i' && ['z', 'c', 's'].includes(initial)) final = 'u';
  else if (final === 'e' && ['g', 'k', 'h'].includes(initial)) final = 'o';
  else if (final === 'ong') final = 'ung';
  else if (final === 'iong') final = 'iung';
  else if (final === 'ie') final = 'ieh';
  else if (final === 'ian') final = 'ien';
  else if (final === 'e' && initial === 'y') final = 'eh';
  else if (final === 'an' && initial === 'y') final = 'en';
  else if (final === 'uo' && ['g', 'k', 'h', 'sh'].includes(initial)) final = 'uo';
  else if (final === 'uo') final = 'o';
  else if (final === 'ui') final = 'uei';
  else if (final === 'un' && !['j', 'q', 'x', 'y'].includes(initial)) final = 'un';
  else if (final === 'u' && ['j', 'q', 'x', 'y'].includes(initial)) final = 'u';
  else if (final === 'ou' && initial === 'y') final = 'u';
  if (initial === 'y' && final === 'i') return 'i';
  if (initial === 'w' && final === 'u') return 'wu';
  return wgInitial + final;
}

/**
 * Latin readings of a run of Han characters. A short run (≤ 4 characters) is read as a Chinese name:
 * surname + given name in pinyin ("xi jinping") and in Wade-Giles ("hsi chin-ping"). Every run is
 * also read as one joined word, which is how Han transcriptions of foreign names (古普塔 = gupta) read.
 */
export function hanReadings(run: string): string[][] {
  const chars = [...run];
  const syl = hanToPinyin(run);
  const readings: string[][] = [[syl.join('')]];
  if (chars.length >= 2 && chars.length <= 4 && syl.length === chars.length) {
    const surLen = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) && chars.length > 2 ? 2 : 1;
    const sur = syl.slice(0, surLen);
    const given = syl.slice(surLen);
    readings.push([sur.join(''), given.join('')]);
    readings.push([sur.map(pinyinToWadeGiles).join(''), ...given.map(pinyinToWadeGiles)]);
  }
  return readings;
}
