/** Loaders for ../shared/data, read at bench time (nothing derived from it is committed). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = resolve(repoRoot, '../shared/data');
export const dataPath = (p: string): string => resolve(dataDir, p);

/** Deterministic PRNG (mulberry32): the same seed gives the same noise and the same 1 M entities. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Negative {
  row: number;
  fullName: string;
  first: string;
  middle: string;
  last: string;
  gender: string;
  dob: string;
  nationality: string;
}

export function loadNegatives(): Negative[] {
  const rows = parse(readFileSync(dataPath('screening/negatives_global.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  return rows.map((r, i) => ({
    row: i + 2,
    fullName: r.full_name ?? '',
    first: r.first_name ?? '',
    middle: r.middle_name ?? '',
    last: r.last_name ?? '',
    gender: r.gender ?? '',
    dob: r.date_of_birth ?? '',
    nationality: r.nationality ?? '',
  }));
}

/**
 * The two fixed, disjoint halves of negatives_global.csv: even rows are distractors in the searched
 * list, odd rows are false-alarm queries.
 */
export function splitNegatives(all: Negative[]): { distractors: Negative[]; queries: Negative[] } {
  return { distractors: all.filter((_, i) => i % 2 === 0), queries: all.filter((_, i) => i % 2 === 1) };
}

/** Token pairs "english \t h a n \t count" from the Wikidata files. */
export function loadWikidataPairs(file: string): { latin: string; other: string; count: number }[] {
  return readFileSync(dataPath(`transliteration/${file}`), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [latin = '', other = '', count = '1'] = l.split('\t');
      return { latin, other: other.replace(/ /g, ''), count: Number(count) };
    });
}

/** "arabic \t english" word pairs. */
export function loadAr2En(file: 'ar2en-train.txt' | 'ar2en-eval.txt'): { ar: string; en: string }[] {
  return readFileSync(dataPath(`transliteration/${file}`), 'utf8')
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const [ar = '', en = ''] = l.split('\t');
      return { ar: ar.trim(), en: en.trim() };
    });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return percentile(s, 50);
}
