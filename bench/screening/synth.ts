/**
 * Seeded generator of a synthetic watchlist in several scripts, from name parts found in
 * ../shared/data (negatives_global.csv and the Wikidata name tokens). Same seed, same entities.
 * The output is never written to the repository: it is generated in memory for each run.
 */
import { scriptOf, type Script, type WatchlistEntry } from '../../match/index';
import { loadNegatives, loadWikidataPairs, rng } from './data';

interface Pools {
  first: string[];
  last: string[];
}

function pools(): Map<Script, Pools> {
  const m = new Map<Script, Pools>();
  const get = (s: Script): Pools => {
    let p = m.get(s);
    if (!p) {
      p = { first: [], last: [] };
      m.set(s, p);
    }
    return p;
  };
  const seen = new Set<string>();
  const add = (list: string[], v: string): void => {
    const t = v.trim();
    if (t.length === 0 || seen.has(`${list.length}|${t}`)) return;
    list.push(t);
  };
  for (const n of loadNegatives()) {
    const s = scriptOf(n.first || n.fullName);
    const p = get(s);
    if (n.first) add(p.first, n.first);
    if (n.middle) add(p.first, n.middle);
    if (n.last) add(p.last, n.last);
  }
  // Wikidata tokens widen the Latin, Arabic and Han pools with real name parts.
  for (const w of loadWikidataPairs('wd_arabic.normalized.aligned.tokens')) {
    add(get('latin').last, w.latin);
    add(get('arabic').last, w.other);
  }
  for (const w of loadWikidataPairs('wd_chinese.normalized.aligned.tokens')) add(get('han').last, w.other);
  for (const p of m.values()) {
    p.first = [...new Set(p.first)];
    p.last = [...new Set(p.last)];
  }
  return m;
}

const SCRIPT_WEIGHTS: [Script, number][] = [
  ['latin', 0.55],
  ['arabic', 0.2],
  ['han', 0.12],
  ['cyrillic', 0.05],
  ['other', 0.08],
];

const COUNTRIES = ['MA', 'ES', 'DE', 'CN', 'FR', 'DZ', 'TN', 'EG', 'IQ', 'SY', 'AF', 'PK', 'IR', 'RU', 'US', 'GB', 'NG', 'IN', 'ID', 'TR'];

/** Generate `n` synthetic entities deterministically from `seed`. */
export function* syntheticEntities(n: number, seed = 42): Generator<WatchlistEntry> {
  const r = rng(seed);
  const p = pools();
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  for (let i = 0; i < n; i++) {
    let x = r();
    let script: Script = 'latin';
    for (const [s, w] of SCRIPT_WEIGHTS) {
      if (x < w) {
        script = s;
        break;
      }
      x -= w;
    }
    const pool = p.get(script) ?? p.get('latin');
    if (pool === undefined || pool.first.length === 0 || pool.last.length === 0) continue;
    let name: string;
    if (script === 'han') {
      name = pick(pool.last).slice(0, 1) + pick(pool.first).slice(-2);
    } else {
      const parts = [pick(pool.first)];
      if (r() < 0.4) parts.push(pick(pool.first));
      parts.push(pick(pool.last));
      name = parts.join(' ');
    }
    const e: WatchlistEntry = { id: `syn:${i}`, name, kind: 'person' };
    if (r() < 0.25) {
      const lp = p.get('latin');
      if (lp) e.aliases = [{ name: `${pick(lp.first)} ${pick(lp.last)}`, type: r() < 0.3 ? 'weak_alias' : 'alias' }];
    }
    if (r() < 0.8) {
      const y = 1940 + Math.floor(r() * 65);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      e.birthDates = [`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`];
    }
    if (r() < 0.7) e.nationalities = [pick(COUNTRIES)];
    if (r() < 0.6) e.gender = r() < 0.5 ? 'male' : 'female';
    yield e;
  }
}

/** Seeded noise on a name: a typo, a dropped letter, a doubled letter, or swapped name order. */
export function addNoise(name: string, r: () => number): string {
  const tokens = name.split(/\s+/).filter(Boolean);
  const op = Math.floor(r() * 4);
  if (op === 3 && tokens.length > 1) {
    const i = Math.floor(r() * (tokens.length - 1));
    const a = tokens[i] as string;
    tokens[i] = tokens[i + 1] as string;
    tokens[i + 1] = a;
    return tokens.join(' ');
  }
  const ti = Math.floor(r() * tokens.length);
  const t = [...(tokens[ti] ?? '')];
  if (t.length < 3) return name;
  const pos = 1 + Math.floor(r() * (t.length - 1));
  if (op === 0) {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const upper = t[pos] === t[pos]?.toUpperCase();
    const c = letters[Math.floor(r() * letters.length)] ?? 'e';
    t[pos] = upper ? c.toUpperCase() : c;
  } else if (op === 1) {
    t.splice(pos, 1);
  } else {
    t.splice(pos, 0, t[pos] ?? '');
  }
  tokens[ti] = t.join('');
  return tokens.join(' ');
}
