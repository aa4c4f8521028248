import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../common';

const dir = join(import.meta.dirname, '..', 'locales');

/** Every key path of a strings tree ("a.b.c"). */
function paths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
}

/** Key paths with plural suffixes folded (Chinese has one plural form, Arabic six). */
const keys = (tree: unknown): string[] => [...new Set(paths(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))];

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('interface strings', () => {
  it('every language has the same keys as English in the shared files', () => {
    const en = new Set(keys(read(join(dir, 'en.json'))));
    for (const l of LOCALES) {
      const got = new Set(keys(read(join(dir, `${l}.json`))));
      expect([...en].filter((k) => !got.has(k)), `missing in ${l}.json`).toEqual([]);
    }
  });

  const features = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
  it.each(features.length ? features : ['(none)'])('feature %s has all six languages with the same keys, none empty', (feature) => {
    if (feature === '(none)') return;
    const en = keys(read(join(dir, feature, 'en.json')));
    const shared = read(join(dir, 'en.json')) as Record<string, unknown>;
    expect(feature in shared, `${feature} is also a key of the shared en.json`).toBe(false);
    for (const l of LOCALES) {
      const tree = read(join(dir, feature, `${l}.json`));
      const got = new Set(keys(tree));
      expect(en.filter((k) => !got.has(k)), `missing in ${feature}/${l}.json`).toEqual([]);
      const empty = paths(tree).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree) === '');
      expect(empty, `empty strings in ${feature}/${l}.json`).toEqual([]);
    }
  });
});
