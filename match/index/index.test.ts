import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importWatchlist } from '../sources/import';
import { DEFAULT_ALERT_THRESHOLD, pairBucket, ScreeningIndex } from './screening-index';
import type { WatchlistEntry } from './types';

const repoRoot = resolve(import.meta.dirname, '../..');
const unPath = resolve(repoRoot, '../shared/data/watchlists/un-consolidated-2026-02-27.xml');

let un: WatchlistEntry[] = [];
let idx: ScreeningIndex;

beforeAll(async () => {
  un = (await importWatchlist(unPath, { source: 'un' })).entries;
  idx = new ScreeningIndex();
  idx.add(un);
});

describe('ScreeningIndex on the UN list', () => {
  it('finds an entry from its original-script name', () => {
    const hits = idx.search('عبد الغني برادر', { top: 5 });
    expect(hits[0]?.id).toBe('TAi.024');
    expect(hits[0]?.source).toBe('un');
    expect(hits[0]?.alert).toBe(true);
  });
  it('finds an entry from a misspelt Latin name', () => {
    expect(idx.search('Abdul Gani Baradar', { top: 5 })[0]?.id).toBe('TAi.024');
  });
  it('returns explanations made of codes', () => {
    const hit = idx.search({ name: 'MOHAMMED OMAR GHULAM NABI', birthDates: ['1960'] }, { top: 1 })[0];
    expect(hit?.id).toBe('TAi.004');
    expect(hit?.explanation.map((e) => e.code)).toContain('birth_date_year');
  });
  it('applies threshold and alert threshold', () => {
    expect(idx.search('Ludwig van Beethoven', { threshold: DEFAULT_ALERT_THRESHOLD })).toEqual([]);
    const hit = idx.search('Abdul Ghani Baradar', { top: 1, alertThreshold: 1.01 })[0];
    expect(hit?.alert).toBe(false);
  });
  it('finds every exact name among its top candidates (property over the UN names)', () => {
    const names = un.flatMap((e) => [e.name, ...(e.aliases ?? []).map((a) => a.name)].map((n) => ({ id: e.id, n })));
    fc.assert(
      fc.property(fc.constantFrom(...names), ({ id, n }) => {
        const hits = idx.search(n, { top: 10 });
        const top = hits[0]?.score ?? 0;
        return hits.some((h) => h.id === id) || top >= 0.999;
      }),
      { numRuns: 150 },
    );
  });
  it('finds the weak alias "Abu Muhammad" among the many Muhammads', () => {
    expect(idx.search('Abu Muhammad', { top: 10 }).some((h) => h.id === 'QDi.339')).toBe(true);
  });
  it('answers an empty or punctuation-only query with no candidates', () => {
    expect(idx.search('')).toEqual([]);
    expect(idx.search(' ,.- ')).toEqual([]);
  });
});

describe('candidate cut', () => {
  it('keeps an entry with the exact romanised form among many sharing its coarse keys', () => {
    // Every distractor has the keys of both query tokens (kn, k) and is listed before the entry:
    // on key score they all tie with it, and only its exact form (janan, agha) sets it apart.
    const i = new ScreeningIndex();
    const firsts = ['Jinan', 'Jonan', 'Junan', 'Ginan', 'Genan'];
    const lasts = ['Gao', 'Kao', 'Gu', 'Ka'];
    i.add(Array.from({ length: 1500 }, (_, n) => ({ id: `d${n}`, name: `${firsts[n % 5] ?? ''} ${lasts[Math.floor(n / 5) % 4] ?? ''}` })));
    i.add([{ id: 'target', name: 'جانان آغا' }]);
    const hits = i.search('JANAN AGHA', { top: 5 });
    expect(hits[0]?.id).toBe('target');
    expect(hits[0]?.score).toBeGreaterThan(0.95);
    // The same, Latin to Latin, with one token spelt exactly and the other misspelt.
    i.add([{ id: 'kony', name: 'JOSEPH KONY' }, ...Array.from({ length: 1500 }, (_, n) => ({ id: `k${n}`, name: `Kon${'aeiou'[n % 5] ?? ''} Jeff${n}` }))]);
    expect(i.search('JOEPH KONY', { top: 5 }).map((h) => h.id)).toContain('kony');
  });
});

describe('selective first stage', () => {
  // Letters far from the query's keys (krm, ntr): no distractor is within one edit of them.
  const syl = ['bo', 'lu', 'fe', 'si', 'go', 'pa', 'vu', 'ze', 'ho', 'wy'];
  /** A made-up word per n (four syllables), so that distractors share only the token they are given. */
  const word = (n: number): string => [0, 1, 2, 3].map((k) => syl[Math.floor(n / 10 ** k) % 10] ?? '').join('');
  /** How many candidates a search ranks (spy on the private per-candidate key score). */
  const ranked = (i: ScreeningIndex, q: string, access?: { agency: string }): { ids: string[]; n: number } => {
    const spy = vi.spyOn(i as unknown as { keyScore: (s: number, qt: unknown) => number }, 'keyScore');
    const ids = i.search(q, { top: 5, ...(access ? { access } : {}) }).map((h) => h.id);
    const n = spy.mock.calls.length;
    spy.mockRestore();
    return { ids, n };
  };

  it('pairs of keys are unordered', () => {
    expect(pairBucket(3, 17)).toBe(pairBucket(17, 3));
    expect(pairBucket(3, 17)).not.toBe(pairBucket(3, 18));
    expect(pairBucket(5, 5)).toBeGreaterThanOrEqual(0);
  });

  it('starts from the entries sharing two tokens with the query, not from every entry sharing one', () => {
    // 1,100 entries share "Karim", 1,100 others "Nadir": each list is longer than the common share
    // (1,000 here). 150 entries have both, then a third name; the target is just "Karim Nadir".
    const i = new ScreeningIndex();
    i.add(Array.from({ length: 1100 }, (_, n) => ({ id: `k${n}`, name: `Karim ${word(n)}` })));
    i.add(Array.from({ length: 1100 }, (_, n) => ({ id: `n${n}`, name: `${word(n + 2000)} Nadir` })));
    i.add(Array.from({ length: 150 }, (_, n) => ({ id: `b${n}`, name: `Karim ${word(n + 4000)} Nadir` })));
    i.add([{ id: 'target', name: 'Karim Nadir' }]);
    const check = (x: ScreeningIndex): void => {
      const r = ranked(x, 'KARIM NADIR');
      expect(r.ids[0]).toBe('target');
      expect(r.n).toBeLessThan(300);
    };
    check(i);
    // The pair postings are rebuilt by a snapshot and by a compaction.
    check(ScreeningIndex.fromBuffer(i.toBuffer()));
    i.add(Array.from({ length: 2500 }, (_, n) => ({ id: `junk${n}`, name: `${word(n + 5000)} ${word(n + 8000)}` })));
    i.remove(Array.from({ length: 2500 }, (_, n) => `junk${n}`));
    check(i);
  });

  it('falls back to single keys when pairs and rare keys find too few', () => {
    // "Karim" is on 1,102 entries, "Nadim" on 1,201 (both above the rare and the common share, 1,000
    // here); the pair finds one entry, too few: the rarest key is read whatever its size, as it was
    // before the first stage existed.
    const i = new ScreeningIndex();
    i.add(Array.from({ length: 1100 }, (_, n) => ({ id: `k${n}`, name: `Karim ${word(n)}` })));
    i.add(Array.from({ length: 1200 }, (_, n) => ({ id: `n${n}`, name: `${word(n + 2000)} Nadim` })));
    i.add([{ id: 'pair', name: 'Karim Nadim' }, { id: 'single', name: 'Karim' }]);
    const r = ranked(i, 'Karim Nadim');
    expect(r.ids.slice(0, 2)).toEqual(['pair', 'single']);
    expect(r.n).toBeGreaterThan(1100);
  });

  it('restricted entries filling the first stage do not change what an outsider is shown', () => {
    const pub = [...Array.from({ length: 1100 }, (_, n) => ({ id: `k${n}`, name: `Karim ${word(n)}` })), { id: 'single', name: 'Karim' }];
    const withR = new ScreeningIndex();
    withR.add([...pub, ...Array.from({ length: 200 }, (_, n) => ({ id: `r${n}`, name: 'Karim Nadim', access: { agencies: ['dgst'] } }))]);
    const only = new ScreeningIndex();
    only.add(pub);
    for (const q of ['Karim Nadim', 'Nadim Karim', 'Karim']) {
      const outsider = ranked(withR, q, { agency: 'bka' }).ids;
      expect(outsider).toEqual(ranked(only, q, { agency: 'bka' }).ids);
      expect(outsider.some((id) => id.startsWith('r'))).toBe(false);
    }
    expect(ranked(withR, 'Karim Nadim', { agency: 'bka' }).ids[0]).toBe('single');
    expect(ranked(withR, 'Karim Nadim', { agency: 'dgst' }).ids[0]).toMatch(/^r/);
  });
});

describe('add, remove, replace', () => {
  it('adds and removes incrementally', () => {
    const i = new ScreeningIndex();
    i.add([{ id: 'a', name: 'Abdelhak Khiame' }, { id: 'b', name: 'Abdellatif Hammouchi' }]);
    expect(i.size).toBe(2);
    expect(i.search('حموشي')[0]?.id).toBe('b');
    expect(i.remove(['b', 'zzz'])).toBe(1);
    expect(i.search('حموشي').some((h) => h.id === 'b')).toBe(false);
    i.add([{ id: 'a', name: 'Mohammed Cherkaoui' }]);
    expect(i.size).toBe(1);
    expect(i.search('Abdelhak Khiame').some((h) => h.id === 'a' && h.score > 0.9)).toBe(false);
    expect(i.search('الشرقاوي')[0]?.id).toBe('a');
  });
  it('compacts after many removals and keeps answering', () => {
    const i = new ScreeningIndex();
    i.add(Array.from({ length: 3000 }, (_, k) => ({ id: `e${k}`, name: `Name${k} Family${k % 7}` })));
    i.remove(Array.from({ length: 2500 }, (_, k) => `e${k}`));
    expect(i.size).toBe(500);
    expect(i.search('Name2999 Family3')[0]?.id).toBe('e2999');
  });
});

describe('access filtering', () => {
  const restricted = (k: number): WatchlistEntry => ({ id: `r${k}`, name: 'Abdellatif Hammouchi', access: { agencies: ['dgst'] } });
  const build = (): ScreeningIndex => {
    const i = new ScreeningIndex();
    i.add([...Array.from({ length: 20 }, (_, k) => restricted(k)), { id: 'pub', name: 'Abdellatif Hamouchy' }, { id: 'key', name: 'Abdellatif Hammouchi', access: { keys: ['list:interpol'] } }]);
    return i;
  };
  it('never shows a restricted entry to an outsider, and cuts the top after filtering', () => {
    const i = build();
    const hits = i.search('Abdellatif Hammouchi', { top: 1, access: { agency: 'bka' } });
    expect(hits.map((h) => h.id)).toEqual(['pub']);
    expect(i.search('Abdellatif Hammouchi', { top: 50 }).map((h) => h.id)).toEqual(['pub']);
  });
  it('shows restricted entries to the named agency or a key holder', () => {
    const i = build();
    expect(i.search('Abdellatif Hammouchi', { top: 50, access: { agency: 'dgst' } }).length).toBe(21);
    expect(i.search('Abdellatif Hammouchi', { top: 50, access: { keys: ['list:interpol'] } }).map((h) => h.id).sort()).toEqual(['key', 'pub']);
  });
  it('an outsider gets the same answer as if the restricted entries did not exist (no hit/no-hit leak)', () => {
    fc.assert(
      fc.property(fc.constantFrom('Hammouchi', 'حموشي', 'Abdellatif', 'Abdellatif Hammouchi', 'x'), (q) => {
        const withR = build().search(q, { top: 5, access: { agency: 'bka' } });
        const only = new ScreeningIndex();
        only.add([{ id: 'pub', name: 'Abdellatif Hamouchy' }]);
        return JSON.stringify(withR) === JSON.stringify(only.search(q, { top: 5, access: { agency: 'bka' } }));
      }),
      { numRuns: 20 },
    );
  });
});

describe('snapshots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-snap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('round-trips through a file and answers the same', async () => {
    const p = join(dir, 'un.snap');
    await idx.saveSnapshot(p);
    const back = await ScreeningIndex.loadSnapshot(p);
    expect(back.size).toBe(idx.size);
    for (const q of ['عبد الغني برادر', 'Usama bin Laden', 'Hammouchi', 'محمد عمر']) {
      expect(back.search(q, { top: 5 })).toEqual(idx.search(q, { top: 5 }));
    }
    back.add([{ id: 'new', name: 'Abdellatif Hammouchi' }]);
    expect(back.search('حموشي')[0]?.id).toBe('new');
  });
  it('round-trips removals, replacements, aliases, particles, Han readings and access rules', () => {
    const i = new ScreeningIndex({ alertThreshold: 0.7 });
    i.add([
      { id: 'a', name: 'Abu Bakr al-Baghdadi', aliases: [{ name: 'إبراهيم عواد البدري', type: 'original_script' }], birthDates: ['1971-07-28'] },
      { id: 'b', name: '王小明', nationalities: ['CN'] },
      { id: 'c', name: 'Abdellatif Hammouchi', access: { agencies: ['dgst'] } },
      { id: 'd', name: 'Ludwig van Beethoven' },
    ]);
    i.remove(['d']);
    i.add([{ id: 'b', name: '王小明', aliases: [{ name: 'Wang Xiaoming', type: 'alias' }] }]);
    const back = ScreeningIndex.fromBuffer(i.toBuffer());
    expect(back.size).toBe(3);
    expect(back.alertThreshold).toBe(0.7);
    expect([...back.entries()].map((e) => e.id)).toEqual(['a', 'c', 'b']);
    for (const q of ['Ibrahim Awad al-Badri', 'Wang Xiao Ming', 'Beethoven', { name: 'Abu Bakr Baghdadi', birthDates: ['1971'] }]) {
      expect(back.search(q, { top: 5 })).toEqual(i.search(q, { top: 5 }));
    }
    expect(back.search('Hammouchi', { top: 5 }).some((h) => h.id === 'c')).toBe(false);
    expect(back.search('Hammouchi', { top: 5, access: { agency: 'dgst' } })[0]?.id).toBe('c');
    expect(() => ScreeningIndex.fromBuffer(Buffer.from('not a snapshot'))).toThrow(/snapshot/);
    expect(() => ScreeningIndex.fromBuffer(i.toBuffer().subarray(0, 40))).toThrow(/snapshot/);
  });
});
