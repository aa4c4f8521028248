/**
 * Stolen and lost documents at scale: `npm run bench -- documents [--rows 10000000] [--checks 20000]
 * [--concurrency 8] [--runs 3] [--url postgres://postgres@127.0.0.1:5432/postgres]`.
 *
 * Creates a database of its own on the PostgreSQL server, migrates it, bulk-loads N registered documents with
 * generate_series (table first, then the live-key index, as a restore does; both timed), then measures one
 * check at a time (latency p50/p99) and concurrent checks (checks per second) three ways:
 *   baseline  a plain indexed SELECT on the owner's connection, no transaction;
 *   module    checkDocuments() inside withActor() as an officer: transaction, actor settings, the RLS-safe
 *             definer function and, on a hit, the registering agency's name (what the routes do, minus audit);
 *   http      POST /api/documents/check through a listening server (session cookie, CSRF, zod, audit append).
 * Half the keys hit, half miss. The database is dropped at the end. Foreign-key triggers are skipped during the
 * load (session_replication_role = replica, as a restore would), so the server URL must be a superuser's.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig, deriveAppUrl } from '../../server/platform/config';
import { migrate, openDatabase, unsafeWithOwner, withActor, type Actor, type Database } from '../../server/platform/db';
import { PasswordHasher, TEST_HASH } from '../../server/platform/auth';
import { loadAuditKey, loadMasterKey } from '../../server/platform/crypto';
import { buildApp } from '../../server/app';
import { checkDocuments } from '../../server/modules/documents';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STATES = ['MAR', 'ESP', 'D', 'CHN', 'FRA', 'ITA', 'GBR', 'USA', 'TUR', 'DZA', 'TUN', 'EGY', 'NLD', 'BEL', 'PRT', 'POL', 'ROU', 'NGA', 'SEN', 'BRA'];

function arg(args: string[], name: string, d: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : d;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]) => pct(xs, 50);
const ms = (x: number) => x.toFixed(3);

/** The number generate_series gives row i: a random-looking prefix (spreads the index) and the row id (unique). */
const numberOf = (i: number, md5: (s: string) => string) => `${md5(String(i)).slice(0, 5).toUpperCase()}${String(i).padStart(8, '0')}`;

interface Key { number: string; issuingState: string }

async function timeEach(keys: Key[], fn: (k: Key) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const k of keys) {
    const t0 = performance.now();
    await fn(k);
    out.push(performance.now() - t0);
  }
  return out;
}

async function rate(keys: Key[], concurrency: number, fn: (k: Key) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < keys.length) await fn(keys[next++]!);
  }));
  return keys.length / ((performance.now() - t0) / 1000);
}

export async function main(args: string[]): Promise<void> {
  const rows = Number(arg(args, 'rows', '10000000'));
  const checks = Number(arg(args, 'checks', '20000'));
  const concurrency = Number(arg(args, 'concurrency', '8'));
  const runs = Number(arg(args, 'runs', '3'));
  const server = arg(args, 'url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `tansiq_bench_documents_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const ownerUrl = u.toString();
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-bench-docs-'));
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl: ownerUrl, appDatabaseUrl: deriveAppUrl(ownerUrl), dataDir: null, appPoolSize: concurrency });
    await migrate(db);
    const { agencyId, userId, email } = await unsafeWithOwner(db, 'system', async ({ tx }) => {
      const a = await tx.insertInto('agencies').values({ code: 'bench', name: 'Bench agency', country: 'MA', type: 'police', languages: ['en'] }).returning('id').executeTakeFirstOrThrow();
      const d = await tx.insertInto('desks').values({ agency_id: a.id, code: 'main', name: 'Main' }).returning('id').executeTakeFirstOrThrow();
      const hasher = new PasswordHasher(TEST_HASH);
      const em = 'officer@bench.example';
      const usr = await tx.insertInto('users').values({ agency_id: a.id, email: em, display_name: 'Bench officer', roles: ['officer'], password_hash: await hasher.hash('bench-password-123456') }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('user_desks').values({ user_id: usr.id, desk_id: d.id, agency_id: a.id }).execute();
      return { agencyId: a.id, userId: usr.id, email: em };
    });
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();

    // ------------------------------------------------------------ load
    console.log(`loading ${rows.toLocaleString('en')} documents …`);
    await owner.query('DROP INDEX travel_documents_live');
    await owner.query('DROP INDEX travel_documents_agency');
    const states = `ARRAY[${STATES.map((s) => `'${s}'`).join(',')}]`;
    // The foreign keys' per-row triggers would dominate a bulk load (as in a restore, where they are checked once):
    // skipped for this session; every row names the one agency and user that exist.
    await owner.query("SET session_replication_role = replica");
    let t0 = performance.now();
    await owner.query(`INSERT INTO travel_documents (agency_id, issuing_state, number, doc_type, loss_type, loss_date, registered_by)
      SELECT $1, (${states})[1 + i % ${STATES.length}], upper(substr(md5(i::text), 1, 5)) || lpad(i::text, 8, '0'),
             (ARRAY['passport','id-card','visa','other'])[1 + i % 4], (ARRAY['stolen','lost','stolen-blank','revoked'])[1 + (i / 7) % 4],
             date '2020-01-01' + (i % 2000), $2
      FROM generate_series(1, ${rows}) AS i`, [agencyId, userId]);
    const loadS = (performance.now() - t0) / 1000;
    await owner.query("SET session_replication_role = origin");
    t0 = performance.now();
    await owner.query('CREATE UNIQUE INDEX travel_documents_live ON travel_documents(issuing_state, number) WHERE recovered_at IS NULL AND removed_at IS NULL');
    const indexS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await owner.query('CREATE INDEX travel_documents_agency ON travel_documents(agency_id, registered_at DESC)');
    const index2S = (performance.now() - t0) / 1000;
    await owner.query('ANALYZE travel_documents');
    const size = (await owner.query<{ t: string; i: string }>(`SELECT pg_size_pretty(pg_table_size('travel_documents')) AS t, pg_size_pretty(pg_indexes_size('travel_documents')) AS i`)).rows[0]!;
    console.log(`load ${loadS.toFixed(1)} s · live-key index ${indexS.toFixed(1)} s · agency index ${index2S.toFixed(1)} s · table ${size.t}, indexes ${size.i}`);

    // ------------------------------------------------------------ keys: half hits, half misses (same shapes)
    const md5 = (s: string) => (globalThis as unknown as { __md5: (s: string) => string }).__md5(s);
    const { createHash } = await import('node:crypto');
    (globalThis as unknown as { __md5: (s: string) => string }).__md5 = (s) => createHash('md5').update(s).digest('hex');
    const keys: Key[] = Array.from({ length: checks }, (_, j) => {
      const i = 1 + Math.floor(Math.random() * rows);
      const hit = j % 2 === 0;
      return { issuingState: STATES[i % STATES.length]!, number: hit ? numberOf(i, md5) : numberOf(rows + i, md5) };
    });
    const sample = await owner.query(`SELECT count(*)::int AS n FROM travel_documents WHERE (issuing_state, number) IN (${keys.slice(0, 10).map((_, k) => `($${2 * k + 1}, $${2 * k + 2})`).join(',')})`, keys.slice(0, 10).flatMap((k) => [k.issuingState, k.number]));
    if (sample.rows[0].n !== 5) throw new Error(`key generation does not match the load: ${sample.rows[0].n} of 10 sample keys found, 5 expected`);
    const plan = await owner.query(`EXPLAIN SELECT id FROM travel_documents WHERE issuing_state = $1 AND number = $2 AND recovered_at IS NULL AND removed_at IS NULL`, [keys[0]!.issuingState, keys[0]!.number]);
    console.log(`baseline plan: ${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join(' | ')}`);

    const actor: Actor = { userId, agencyId, roles: ['officer'], deskIds: [] };
    const basePool = new pg.Pool({ connectionString: ownerUrl, max: concurrency });
    const baseline = async (k: Key) => basePool.query('SELECT id, agency_id, loss_type FROM travel_documents WHERE issuing_state = $1 AND number = $2 AND recovered_at IS NULL AND removed_at IS NULL', [k.issuingState, k.number]);
    const module = async (k: Key) => withActor(db!, actor, null, (ctx) => checkDocuments(ctx, [k]));

    // HTTP: a real listening server on a free port, signed in as the officer.
    const config = { ...loadConfig({ TANSIQ_DATA_DIR: join(dir, 'data'), TANSIQ_AUDIT_KEY_FILE: join(dir, 'k', 'a.pem'), TANSIQ_MASTER_KEY_FILE: join(dir, 'k', 'm.key'), TANSIQ_FAST_HASHING: 'true', LOG_LEVEL: 'silent', TANSIQ_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl: ownerUrl, appDatabaseUrl: deriveAppUrl(ownerUrl) };
    const app = await buildApp({ config, db, hasher: new PasswordHasher(TEST_HASH), masterKey: loadMasterKey(config.masterKeyFile, true), auditKey: loadAuditKey(config.auditKeyFile, true) }, { logger: false });
    const addr = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${addr}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'bench-password-123456' }) });
    if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const http = async (k: Key) => {
      const r = await fetch(`${addr}/api/documents/check`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ ...k, purpose: 'benchmark' }) });
      if (r.status !== 200) throw new Error(`check: ${r.status} ${await r.text()}`);
      return r.json();
    };
    // The module's answers agree with the baseline's on a sample (the bench measures the right thing).
    for (const k of keys.slice(0, 200)) {
      const a = (await baseline(k)).rowCount;
      const b = (await module(k)).length;
      if (a !== b) throw new Error(`module and baseline disagree on ${k.issuingState} ${k.number}: ${b} vs ${a}`);
    }

    const table: { way: string; p50: number[]; p99: number[]; rate: number[] }[] = [];
    const httpChecks = Math.min(checks, 5000);
    for (const [way, fn, n] of [['baseline (indexed SELECT)', baseline, checks], ['module (checkDocuments in withActor)', module, checks], ['http (POST /api/documents/check)', http, httpChecks]] as const) {
      const r = { way, p50: [] as number[], p99: [] as number[], rate: [] as number[] };
      await timeEach(keys.slice(0, 500), fn); // warm-up
      for (let run = 0; run < runs; run++) {
        const lat = await timeEach(keys.slice(0, n), fn);
        r.p50.push(median(lat));
        r.p99.push(pct(lat, 99));
        r.rate.push(await rate(keys.slice(0, n), concurrency, fn));
        console.log(`${way} run ${run + 1}: p50 ${ms(r.p50.at(-1)!)} ms · p99 ${ms(r.p99.at(-1)!)} ms · ${Math.round(r.rate.at(-1)!)} checks/s at concurrency ${concurrency}`);
      }
      table.push(r);
    }
    console.log(`\n${rows.toLocaleString('en')} documents, ${checks.toLocaleString('en')} checks a run (http ${httpChecks.toLocaleString('en')}), half hits; median of ${runs} runs`);
    console.log('| way | p50 ms | p99 ms | checks/s (concurrency ' + concurrency + ') |');
    console.log('|---|---|---|---|');
    for (const r of table) console.log(`| ${r.way} | ${ms(median(r.p50))} | ${ms(median(r.p99))} | ${Math.round(median(r.rate))} |`);
    await app.close();
    await basePool.end();
    await owner.end();
  } finally {
    if (db) await db.close().catch(() => undefined);
    // Plain DROP once every connection has closed (FORCE would kill a pool's idle client and crash the process).
    for (let i = 0; ; i++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        break;
      } catch (e) {
        if (i >= 20) {
          console.error(`could not drop the bench database ${name}: ${(e as Error).message}`);
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
