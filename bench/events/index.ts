/**
 * Accreditation at scale: `npm run bench -- events [--entities 1000000] [--people 300000] [--listed 300]`.
 *
 * Builds a fresh database (embedded PGlite in memory; the harness's PostgreSQL database when TANSIQ_TEST_DB=postgres
 * and DATABASE_URL are set), loads a global watchlist of N synthetic entities (bench/screening/synth.ts, seeded) through
 * the watchlists module's applyVersion, creates an event with a committee, and uploads an accreditation list of P people
 * through the HTTP API as an officer: the real job (screening engine, registered-documents check, rows written in
 * chunks under row-level security). People are drawn from negatives_global.csv (on no list) plus `listed` noisy
 * spellings of watchlist entities. Reports the time to load the index, the job's wall time and rate, the resident
 * memory peak, and how many listed people were referred.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { etx } from '../../server/modules/events/schema';
import { applyVersion, liveIndexFor } from '../../server/modules/watchlists';
import { unsafeWithOwner } from '../../server/platform/db';
import { buildAgency, buildUser, call, createTestEnv, signIn } from '../../server/test/harness';
import { loadNegatives, rng } from '../screening/data';
import { addNoise, syntheticEntities } from '../screening/synth';

function arg(args: string[], name: string, d: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : d;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const CATEGORIES = ['staff', 'volunteer', 'media', 'delegation', 'contractor'];

export async function main(args: string[]): Promise<void> {
  const entities = arg(args, 'entities', 1_000_000);
  const people = arg(args, 'people', 300_000);
  const listedN = Math.min(arg(args, 'listed', 300), people);
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`command: npm run bench -- events ${args.join(' ')}`);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const env = await createTestEnv();
  try {
    const t0 = performance.now();
    const entries = [...syntheticEntities(entities, 42)];
    await unsafeWithOwner(env.db, 'cli', (ctx) => applyVersion(ctx, { name: 'Synthetic 1 M (bench)', scope: 'global', agencyId: null }, Buffer.from(`synthetic ${entities}`), 'ftm', entries, null));
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await liveIndexFor(env.db, null).current(0);
    const indexSeconds = (performance.now() - t1) / 1000;

    const ma = await buildAgency(env, { country: 'MA' });
    const es = await buildAgency(env, { country: 'ES' });
    const supervisor = await signIn(env, await buildUser(env, ma, { roles: ['supervisor'] }));
    const officer = await signIn(env, await buildUser(env, ma, { roles: ['officer'] }));
    const ev = await call(env, supervisor, 'POST', '/api/major-events', { name: 'FIFA World Cup 2030 (bench)', startsOn: '2030-06-13', endsOn: '2030-07-21', hostCountries: ['MA', 'ES', 'PT'] });
    const eventId = ev.json().event.id as string;
    await call(env, supervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId: es.id, role: 'member' });

    // The list: distractors cycled from the 50,000 negatives (with a row suffix in the organisation), listed people spread through it.
    const r = rng(7);
    const negatives = loadNegatives();
    const listedAt = new Set<number>();
    while (listedAt.size < listedN) listedAt.add(Math.floor(r() * people));
    const lines = ['name,birth_date,nationality,document_number,document_country,category,organisation'];
    for (let i = 0; i < people; i++) {
      const cat = CATEGORIES[i % CATEGORIES.length]!;
      if (listedAt.has(i)) {
        const e = entries[Math.floor(r() * entries.length)]!;
        lines.push([addNoise(e.name, r), e.birthDates?.[0] ?? '', e.nationalities?.[0] ?? '', `X${i}`, 'MA', cat, 'Listed (bench)'].map(csvCell).join(','));
      } else {
        const n = negatives[i % negatives.length]!;
        lines.push([n.fullName, n.dob, n.nationality, `P${i}`, 'ES', cat, `Org ${i % 977}`].map(csvCell).join(','));
      }
    }
    const csv = Buffer.from(lines.join('\n'));
    const t2 = performance.now();
    const up = await env.app.inject({ method: 'POST', url: `/api/major-events/${eventId}/accreditation`, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'text/csv' }, payload: csv });
    if (up.statusCode !== 202) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    const jobId = up.json().list.jobId as string;
    let job: { state: string; error: string | null; result: { people: number; referred: number } | null; progress: { done: number; total: number | null } };
    let lastPrint = 0;
    for (;;) {
      job = (await call(env, officer, 'GET', `/api/jobs/${jobId}`)).json().job;
      if (['succeeded', 'failed', 'cancelled'].includes(job.state)) break;
      if (performance.now() - lastPrint > 30_000) {
        lastPrint = performance.now();
        console.log(`  … ${job.progress.done} / ${job.progress.total ?? '?'} after ${((performance.now() - t2) / 1000).toFixed(0)} s`);
      }
      await new Promise((res) => setTimeout(res, 500));
    }
    const jobSeconds = (performance.now() - t2) / 1000;
    if (job.state !== 'succeeded') throw new Error(`job ${job.state}: ${job.error}`);
    const listedReferred = await unsafeWithOwner(env.db, 'system', async ({ tx }) =>
      Number((await etx(tx).selectFrom('event_accreditations').select((eb) => eb.fn.countAll<string>().as('n')).where('organisation', '=', 'Listed (bench)').where('proposal', '=', 'refer').executeTakeFirstOrThrow()).n));
    clearInterval(sampler);
    const rows: [string, string][] = [
      ['watchlist entities', entities.toLocaleString('en')],
      ['people on the list', people.toLocaleString('en')],
      ['watchlist load into the database (s)', loadSeconds.toFixed(1)],
      ['screening index build from the database (s)', indexSeconds.toFixed(1)],
      ['accreditation job, upload to done (s)', jobSeconds.toFixed(1)],
      ['people per second', (people / jobSeconds).toFixed(0)],
      ['referred (all)', String(job.result?.referred ?? '?')],
      [`listed people referred (of ${listedN})`, String(listedReferred)],
      ['resident memory peak (MiB)', (peak / 2 ** 20).toFixed(0)],
    ];
    console.log('\n| measure | value |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  } finally {
    clearInterval(sampler);
    await env.close();
  }
}
