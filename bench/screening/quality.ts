/** Screening quality: recall@1, recall@10, precision/recall at the default threshold, false alarms. */
import {
  DEFAULT_ALERT_THRESHOLD,
  importWatchlist,
  MIN_TOKEN_SIM,
  romanizeArabicVariants,
  romanizeArabicWord,
  ScreeningIndex,
  scriptOf,
  tokenInfo,
  tokenSimilarity,
  normalizeName,
  type WatchlistEntry,
} from '../../match/index';
import { fuseBaseline, pgTrgm, type Baseline, type Hit, type IndexedName } from './baselines';
import { dataPath, loadAr2En, loadNegatives, loadWikidataPairs, rng, splitNegatives, type Negative } from './data';
import { addNoise } from './synth';

interface Query {
  name: string;
  expected?: string;
  /** Which part of a set the query belongs to, for the rows that break a set down (see {@link breakdown}). */
  part?: string;
  birthDate?: string;
  nationality?: string;
  gender?: 'male' | 'female';
}

interface QualitySet {
  label: string;
  entries: WatchlistEntry[];
  queries: Query[];
  /** False-alarm sets: no query is listed; an alert on a listed entry (not a distractor) is false. */
  falseAlarm?: boolean;
}

export interface Row {
  set: string;
  system: string;
  n: number;
  r1: number;
  r10: number;
  precision: number;
  recall: number;
  falseAlarms?: number;
  falseAlarmsAny?: number;
}

const isLatin = (s: string): boolean => scriptOf(normalizeName(s).tokens[0]?.text ?? '') === 'latin';

const folded = (s: string): string => normalizeName(s).tokens.map((t) => t.text).join(' ');

/**
 * Whether an alias has a name (not a particle) in common with the entry's main name, letter for letter
 * after folding: an engine-independent way to tell another spelling of the name (Anwar al-Awlaki for
 * ANWAR NASSER ABDULLA AL-AULAQI) from another name altogether (Ali Thafir Abdallah for YASIR SABAWI
 * IBRAHIM HASAN AL-TIKRITI), which no transliteration can find.
 */
function sharesToken(alias: string, main: string): boolean {
  const m = new Set(normalizeName(main).tokens.filter((t) => !t.particle).map((t) => t.text));
  return normalizeName(alias).tokens.some((t) => !t.particle && m.has(t.text));
}

/** The same set cut by the `part` of its queries, one row per part (same index, so no second build). */
function breakdown(set: QualitySet, parts: Record<string, string>): QualitySet[] {
  return Object.entries(parts).map(([part, label]) => ({ label: `  … ${label}`, entries: set.entries, queries: set.queries.filter((q) => q.part === part) }));
}

/**
 * One query per spelling and entry: the list repeats some names (the main name again as an alias,
 * Pak To'-Ch'un and PAK TO CHUN; one alias twice), which would count the same search several times.
 */
function distinctQueries(qs: Query[]): Query[] {
  const seen = new Set<string>();
  return qs.filter((q) => {
    const k = `${q.expected ?? ''}\u0000${folded(q.name)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function distractorEntries(ds: Negative[]): WatchlistEntry[] {
  return ds.map((n) => {
    const e: WatchlistEntry = { id: `neg:${n.row}`, name: n.fullName, kind: 'person' };
    if (n.dob) e.birthDates = [n.dob];
    if (n.nationality) e.nationalities = [n.nationality];
    if (n.gender === 'male' || n.gender === 'female') e.gender = n.gender;
    return e;
  });
}

async function buildSets(): Promise<{ sets: QualitySet[]; un: WatchlistEntry[] }> {
  const un = (await importWatchlist(dataPath('watchlists/un-consolidated-2026-02-27.xml'))).entries;
  const { distractors, queries: negQueries } = splitNegatives(loadNegatives());
  const dist = distractorEntries(distractors);
  // Cross-script sets: an entry whose "original script" name is itself Latin (JAMAAH ANSHARUT DAULAH, the
  // same as its main name) would let the query find itself; it is left out.
  const withOriginal = un.filter((e) => e.aliases?.some((a) => a.type === 'original_script' && !isLatin(a.name)));
  const strip = (e: WatchlistEntry, keep: (t: string) => boolean): WatchlistEntry => ({ ...e, aliases: (e.aliases ?? []).filter((a) => keep(a.type)) });
  const sets: QualitySet[] = [];

  sets.push({
    label: 'UN original script → Latin entry',
    entries: [...un.map((e) => strip(e, (t) => t !== 'original_script')), ...dist],
    queries: withOriginal.map((e) => ({ name: e.aliases?.find((a) => a.type === 'original_script')?.name ?? '', expected: e.id })),
  });
  const latToOriginal: QualitySet = {
    label: 'UN Latin names+aliases → original-script index',
    entries: [...withOriginal.map((e) => ({ id: e.id, name: e.aliases?.find((a) => a.type === 'original_script')?.name ?? '' })), ...dist],
    queries: distinctQueries(
      withOriginal.flatMap((e) =>
        [e.name, ...(e.aliases ?? []).filter((a) => a.type === 'alias').map((a) => a.name)]
          .filter(isLatin)
          .map((name, i) => ({ name, expected: e.id, part: i === 0 ? 'main' : sharesToken(name, e.name) ? 'shares' : 'other' })),
      ),
    ),
  };
  sets.push(latToOriginal, ...breakdown(latToOriginal, { main: 'main Latin names only', shares: 'aliases sharing a name with the main name', other: 'aliases sharing none (another name)' }));
  const aliasIndex = [...un.map((e) => strip(e, (t) => t === 'original_script')), ...dist];
  for (const [label, type] of [['UN aliases, quality Good → entry', 'alias'], ['UN aliases, quality Low → entry', 'weak_alias']] as const) {
    const set: QualitySet = {
      label,
      entries: aliasIndex,
      // An alias spelt as the main name (Pak To'-Ch'un, PAK TO CHUN) would find itself in the index: left out.
      queries: distinctQueries(
        un.flatMap((e) =>
          (e.aliases ?? [])
            .filter((a) => a.type === type && isLatin(a.name) && folded(a.name) !== folded(e.name))
            .map((a) => ({ name: a.name, expected: e.id, part: sharesToken(a.name, e.name) ? 'shares' : 'other' })),
        ),
      ),
    };
    sets.push(set);
    if (type === 'alias') sets.push(...breakdown(set, { shares: 'sharing a name with the main name', other: 'sharing none (another name)' }));
  }
  const full = [...un, ...dist];
  const r = rng(20260227);
  sets.push({
    label: 'UN names with seeded noise → entry',
    entries: full,
    queries: un.filter((e) => e.kind === 'person').map((e) => ({ name: addNoise(e.name, r), expected: e.id })),
  });

  // Chinese: Wikidata English ↔ Han transcriptions, 1,000 distinct pairs (seeded), Han distractors.
  const zh = loadWikidataPairs('wd_chinese.normalized.aligned.tokens');
  const rz = rng(7);
  const pickedHan = new Map<string, string>();
  const zhQueries: Query[] = [];
  while (zhQueries.length < 1000) {
    const p = zh[Math.floor(rz() * zh.length)];
    if (p === undefined || pickedHan.has(p.other) || p.latin.length < 3) continue;
    const id = `zh:${pickedHan.size}`;
    pickedHan.set(p.other, id);
    zhQueries.push({ name: p.latin, expected: id });
  }
  sets.push({
    label: 'Chinese: Wikidata English → Han transcription',
    entries: [...[...pickedHan].map(([han, id]) => ({ id, name: han })), ...dist.filter((e) => scriptOf(e.name) === 'han')],
    queries: zhQueries,
  });

  const fa = negQueries.map((n) => {
    const q: Query = { name: n.fullName };
    if (n.dob) q.birthDate = n.dob;
    if (n.nationality) q.nationality = n.nationality;
    if (n.gender === 'male' || n.gender === 'female') q.gender = n.gender;
    return q;
  });
  sets.push({ label: 'False alarms: other half of negatives (name only)', entries: full, queries: fa.map((q) => ({ name: q.name })), falseAlarm: true });
  sets.push({ label: 'False alarms: other half of negatives (with birth date, nationality, gender)', entries: full, queries: fa, falseAlarm: true });
  return { sets, un };
}

function indexedNames(entries: WatchlistEntry[]): IndexedName[] {
  return entries.map((e) => ({ id: e.id, names: [e.name, ...(e.aliases ?? []).map((a) => a.name)] }));
}

function tally(set: QualitySet, system: string, threshold: number, results: Hit[][], queries: Query[]): Row {
  let r1 = 0;
  let r10 = 0;
  let alerts = 0;
  let trueAlerts = 0;
  let recalled = 0;
  let fa = 0;
  let faAny = 0;
  queries.forEach((q, i) => {
    const hits = results[i] ?? [];
    const al = hits.filter((h) => h.score >= threshold);
    if (set.falseAlarm) {
      if (al.some((h) => !h.id.startsWith('neg:'))) fa++;
      if (al.length > 0) faAny++;
      return;
    }
    if (hits[0]?.id === q.expected) r1++;
    if (hits.slice(0, 10).some((h) => h.id === q.expected)) r10++;
    alerts += al.length;
    if (al.some((h) => h.id === q.expected)) {
      trueAlerts++;
      recalled++;
    }
  });
  const n = queries.length;
  const row: Row = { set: set.label, system, n, r1: r1 / n, r10: r10 / n, precision: alerts > 0 ? trueAlerts / alerts : 0, recall: recalled / n };
  if (set.falseAlarm) {
    row.falseAlarms = fa / n;
    row.falseAlarmsAny = faAny / n;
  }
  return row;
}

function sample<T>(xs: T[], n: number, seed: number): T[] {
  if (xs.length <= n) return xs;
  const r = rng(seed);
  const idx = xs.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx.slice(0, n).sort((a, b) => a - b).map((i) => xs[i] as T);
}

export interface QualityOptions {
  baselines: boolean;
  /** Queries per set for fuse.js (it scans every name per query). */
  baselineQueries: number;
  /** Queries per set for pg_trgm (faster than fuse.js: it can be given more, so its figures are not a 40-query guess). */
  pgQueries: number;
}

/** Run every quality set through the engine and, if asked, the baselines. */
export async function runQuality(opts: QualityOptions): Promise<{ rows: Row[]; ar2en: Record<string, number> }> {
  const { sets } = await buildSets();
  const rows: Row[] = [];
  const baselines: Baseline[] = [];
  if (opts.baselines) {
    try {
      baselines.push(await pgTrgm());
    } catch (err) {
      console.error(`pg_trgm baseline unavailable: ${(err as Error).message}`);
    }
    baselines.push(fuseBaseline());
  }
  try {
    let lastEntries: WatchlistEntry[] | undefined;
    let baselineEntries: WatchlistEntry[] | undefined;
    let idx = new ScreeningIndex();
    for (const set of sets) {
      if (set.entries !== lastEntries) {
        idx = new ScreeningIndex();
        idx.add(set.entries);
      }
      const t0 = performance.now();
      const res = set.queries.map((q) => {
        const rec: Parameters<ScreeningIndex['search']>[0] = { name: q.name };
        if (q.birthDate) rec.birthDates = [q.birthDate];
        if (q.nationality) rec.nationalities = [q.nationality];
        if (q.gender) rec.gender = q.gender;
        return idx.search(rec, { top: 10 }).map((h) => ({ id: h.id, score: h.score }));
      });
      const ms = performance.now() - t0;
      rows.push(tally(set, 'tansiq', DEFAULT_ALERT_THRESHOLD, res, set.queries));
      console.error(`  ${set.label}: tansiq ${set.queries.length} queries in ${(ms / 1000).toFixed(1)} s`);
      // The baselines match names only: the set with qualifiers is the engine's alone.
      if (set.queries.some((q) => q.birthDate)) {
        lastEntries = set.entries;
        continue;
      }
      const names = set.entries === baselineEntries ? [] : indexedNames(set.entries);
      for (const b of baselines) {
        const qs = sample(set.queries, b.name === 'pg_trgm' ? opts.pgQueries : opts.baselineQueries, 99);
        // The rows that break a set down search the same names: no second build.
        if (set.entries !== baselineEntries) await b.build(names);
        const t1 = performance.now();
        const out: Hit[][] = [];
        for (const q of qs) out.push(await b.search(q.name, 10));
        rows.push(tally(set, `${b.name}${qs.length < set.queries.length ? ` (${qs.length} sampled)` : ''}`, b.threshold, out, qs));
        console.error(`  ${set.label}: ${b.name} ${qs.length} queries in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      }
      baselineEntries = set.entries;
      lastEntries = set.entries;
    }
  } finally {
    for (const b of baselines) await b.close();
  }
  return { rows, ar2en: ar2enEval() };
}

/**
 * Word-level transliteration on ar2en-eval.txt: exact romanisation (English style, any style), and
 * retrieval: the English word ranked first among all eval words by the token similarity the matcher uses.
 */
export function ar2enEval(): Record<string, number> {
  const pairs = loadAr2En('ar2en-eval.txt');
  const en = [...new Set(pairs.map((p) => p.en.toLowerCase()))].map((w) => tokenInfo({ text: w, script: 'latin' }));
  let exact = 0;
  let anyStyle = 0;
  let aligned = 0;
  let top1 = 0;
  let top10 = 0;
  for (const p of pairs) {
    const target = p.en.toLowerCase();
    if (romanizeArabicWord(p.ar, 'en') === target) exact++;
    if (romanizeArabicVariants(p.ar).includes(target)) anyStyle++;
    // The name, not the article: ال is a token of its own (a particle) before every ال- word.
    const toks = normalizeName(p.ar).tokens;
    const tok = toks.find((t) => !t.particle) ?? toks[0];
    if (tok === undefined) continue;
    const a = tokenInfo({ ...tok, particle: false } as Parameters<typeof tokenInfo>[0]);
    const t = tokenInfo({ text: target, script: 'latin' });
    const s = tokenSimilarity(a, t).sim;
    if (s >= MIN_TOKEN_SIM) aligned++;
    let better = 0;
    for (const e of en) if (e.text !== target && tokenSimilarity(a, e).sim > s) better++;
    if (better === 0) top1++;
    if (better < 10) top10++;
  }
  const n = pairs.length;
  return { pairs: n, romanizeExactEn: exact / n, romanizeExactAnyStyle: anyStyle / n, alignedAtTokenThreshold: aligned / n, retrievalTop1: top1 / n, retrievalTop10: top10 / n };
}
