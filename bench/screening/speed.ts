/** Screening speed on a seeded synthetic watchlist: build time, memory, single-query rate and p99, batch. */
import { ScreeningIndex, type WatchlistEntry } from '../../match/index';
import { loadNegatives, percentile, rng } from './data';
import { addNoise, syntheticEntities } from './synth';

export interface SpeedResult {
  entities: number;
  buildSeconds: number;
  rssMiB: number;
  heapMiB: number;
  singleQueries: number;
  qps: number;
  p50ms: number;
  p99ms: number;
  batchQueries: number;
  batchSeconds: number;
  batchQps: number;
  projected1MBatchMinutes: number;
  /** Of the single queries made from a listed name with noise: how often that entry came first / in the top 10. */
  listedQueries: number;
  listedRecall1: number;
  listedRecall10: number;
  snapshotSaveSeconds?: number;
  snapshotLoadSeconds?: number;
}

export async function runSpeed(opts: { size: number; singles: number; batch: number; snapshot?: string }): Promise<SpeedResult> {
  const idx = new ScreeningIndex();
  const sampleEntries: WatchlistEntry[] = [];
  const t0 = performance.now();
  let chunk: WatchlistEntry[] = [];
  let genMs = 0;
  let g = performance.now();
  const gen = syntheticEntities(opts.size, 42);
  // Generation is timed apart: only index.add counts as build time.
  genMs += performance.now() - g;
  for (;;) {
    g = performance.now();
    const next = gen.next();
    genMs += performance.now() - g;
    if (next.done === true) break;
    const e = next.value;
    if (sampleEntries.length < 20000 && Number(e.id.slice(4)) % 50 === 0) sampleEntries.push(e);
    chunk.push(e);
    if (chunk.length === 10000) {
      idx.add(chunk);
      chunk = [];
    }
  }
  idx.add(chunk);
  const buildSeconds = (performance.now() - t0 - genMs) / 1000;
  globalThis.gc?.();
  const mem = process.memoryUsage();
  console.error(`  built ${idx.size} entities in ${buildSeconds.toFixed(1)} s (+${(genMs / 1000).toFixed(1)} s generating), rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);

  // Queries: half are listed names with seeded noise, half are people from negatives_global.csv.
  const r = rng(4242);
  const negs = loadNegatives();
  // Which entry a query was made from: the speed run also checks that the answers stay right at scale.
  const expected = new Map<number, string>();
  const makeQuery = (i: number): string => {
    if (i % 2 === 0) {
      const e = sampleEntries[Math.floor(r() * sampleEntries.length)];
      if (e) expected.set(i, e.id);
      return e ? addNoise(e.name, r) : 'x';
    }
    return negs[Math.floor(r() * negs.length)]?.fullName ?? 'x';
  };
  // Warm-up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 500; i++) idx.search(makeQuery(i), { top: 10 });
  expected.clear();
  const lat: number[] = [];
  const qs = Array.from({ length: opts.singles }, (_, i) => makeQuery(i));
  const answers: string[][] = [];
  const s0 = performance.now();
  for (const q of qs) {
    const a = performance.now();
    const hits = idx.search(q, { top: 10 });
    lat.push(performance.now() - a);
    answers.push(hits.map((h) => h.id));
  }
  const singleMs = performance.now() - s0;
  lat.sort((a, b) => a - b);
  let r1 = 0;
  let r10 = 0;
  for (const [i, id] of expected) {
    const ids = answers[i] ?? [];
    if (ids[0] === id) r1++;
    if (ids.includes(id)) r10++;
  }
  const listed = expected.size;

  const bq = Array.from({ length: opts.batch }, (_, i) => makeQuery(i + 1));
  const b0 = performance.now();
  idx.searchMany(bq, { top: 10 });
  const batchSeconds = (performance.now() - b0) / 1000;

  const res: SpeedResult = {
    entities: idx.size,
    buildSeconds,
    rssMiB: mem.rss / 2 ** 20,
    heapMiB: mem.heapUsed / 2 ** 20,
    singleQueries: opts.singles,
    qps: opts.singles / (singleMs / 1000),
    p50ms: percentile(lat, 50),
    p99ms: percentile(lat, 99),
    batchQueries: opts.batch,
    batchSeconds,
    batchQps: opts.batch / batchSeconds,
    projected1MBatchMinutes: 1_000_000 / (opts.batch / batchSeconds) / 60,
    listedQueries: listed,
    listedRecall1: listed > 0 ? r1 / listed : 0,
    listedRecall10: listed > 0 ? r10 / listed : 0,
  };
  console.error(
    `  single: ${res.qps.toFixed(0)} q/s, p50 ${res.p50ms.toFixed(2)} ms, p99 ${res.p99ms.toFixed(2)} ms; batch: ${res.batchQps.toFixed(0)} q/s`,
  );
  if (opts.snapshot !== undefined) {
    const w0 = performance.now();
    await idx.saveSnapshot(opts.snapshot);
    res.snapshotSaveSeconds = (performance.now() - w0) / 1000;
    const l0 = performance.now();
    const loaded = await ScreeningIndex.loadSnapshot(opts.snapshot);
    res.snapshotLoadSeconds = (performance.now() - l0) / 1000;
    if (loaded.size !== idx.size) throw new Error('snapshot lost entries');
  }
  return res;
}
