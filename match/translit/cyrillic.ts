const TABLE: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj',
  ћ: 'c', ђ: 'dj', џ: 'dz',
};

/** Romanise lower-case Cyrillic (Russian, Ukrainian, Serbian letters) in the common passport style. */
export function romanizeCyrillic(text: string): string {
  let out = '';
  for (const ch of text) out += TABLE[ch] ?? ch;
  return out;
}
