/**
 * Secure messages through the HTTP API (issue 3). A real `tansiq serve` runs as a child process; the load generator
 * runs in this process on the same 2-core machine (so both compete for the CPU). 200 simulated officers of the DGSN
 * send messages in one case to two partner agencies (Policía Nacional and BKA) for a fixed time; a Policía Nacional
 * officer keeps a live stream open and we measure send → announce. Then full-text search over many stored messages.
 * Each run is repeated with row-level security and the audit switched off in the benchmark's own database (the
 * baseline: what the security costs). The per-address rate limit is raised for the run: every simulated officer
 * comes from 127.0.0.1.
 *
 *   npm run bench -- messages [--seconds 20] [--officers 200] [--messages 100000] [--db pglite,postgres]
 *
 * TANSIQ_BENCH_SERVER_NODE_ARGS passes Node options to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
 *
 * Besides rates and latencies it reports the CPU each message cost (Linux /proc): the server process, PostgreSQL's
 * backends serving the bench database, and this load generator. On a machine shared with other work the rate follows
 * the share of the CPU the run gets; CPU per message does not, and is the figure to compare between runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../server/platform/config';
import { openDatabase, migrate, unsafeWithOwner, type Database } from '../../server/platform/db';
import { PasswordHasher, TEST_HASH } from '../../server/platform/auth';
import { loadMasterKey, newToken } from '../../server/platform/crypto';
import { loadDemoData } from '../../server/demo';
import { SEARCH_CONFIGS } from '../../server/modules/messages/deadlines';

const ROOT = new URL('../..', import.meta.url).pathname;
const arg = (args: string[], name: string, d: string) => { const i = args.indexOf(`--${name}`); return i >= 0 && args[i + 1] ? args[i + 1]! : d; };
const pct = (xs: number[], p: number) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

interface Prepared { caseId: string; ma: string; es: string; de: string; senders: { cookie: string; csrf: string }[]; listener: { cookie: string; csrf: string } }

/** Demo data, a case shared by DGSN with Policía Nacional and BKA, and sessions for the simulated officers. */
export async function prepare(db: Database, officers: number, secure: boolean): Promise<Prepared> {
  await migrate(db);
  const cfg = loadConfig({ TANSIQ_DATA_DIR: mkdtempSync(join(tmpdir(), 'tansiq-bench-keys-')), TANSIQ_FAST_HASHING: 'true' });
  await loadDemoData({ config: cfg, db, hasher: new PasswordHasher(TEST_HASH), masterKey: loadMasterKey(cfg.masterKeyFile, true), auditKey: null }, { password: 'bench-password-long' });
  return unsafeWithOwner(db, 'system', async ({ tx }) => {
    const agency = async (code: string) => (await tx.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [ma, es, de] = [await agency('dgsn'), await agency('policia'), await agency('bka')];
    const desk = async (a: string) => (await tx.selectFrom('desks').select('id').where('agency_id', '=', a).orderBy('code').executeTakeFirstOrThrow()).id;
    const owner = (await tx.selectFrom('users').select('id').where('email', '=', 'liaison@dgsn.demo').executeTakeFirstOrThrow()).id;
    const caseId = randomUUID();
    await tx.insertInto('cases').values({ id: caseId, agency_id: ma, desk_id: await desk(ma), title: 'Benchmark: migrant smuggling network', summary: 'bench', crime_areas: ['migrant-smuggling'], created_by: owner }).execute();
    await tx.insertInto('case_participants').values([
      { case_id: caseId, agency_id: ma, role: 'owner', status: 'active' },
      { case_id: caseId, agency_id: es, role: 'participant', status: 'active', invited_by: owner, invited_by_agency_id: ma },
      { case_id: caseId, agency_id: de, role: 'participant', status: 'active', invited_by: owner, invited_by_agency_id: ma },
    ]).execute();
    const maDesk = await desk(ma);
    const session = async (userId: string, agencyId: string) => {
      const { token, hash } = newToken();
      const csrf = randomBytes(16).toString('hex');
      await tx.insertInto('sessions').values({ id: hash, user_id: userId, agency_id: agencyId, csrf_token: csrf, expires_at: new Date(Date.now() + 6 * 3600_000), last_seen_at: new Date() }).execute();
      return { cookie: `tansiq_session=${token}`, csrf };
    };
    const senders = [];
    for (let i = 0; i < officers; i++) {
      const u = await tx.insertInto('users').values({ agency_id: ma, email: `bench${i}-${randomBytes(3).toString('hex')}@dgsn.demo`, display_name: `Officer ${i}`, roles: ['liaison'] }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('user_desks').values({ user_id: u.id, desk_id: maDesk, agency_id: ma }).execute();
      senders.push(await session(u.id, ma));
    }
    const esOfficer = (await tx.selectFrom('users').select('id').where('email', '=', 'officer@policia.demo').executeTakeFirstOrThrow()).id;
    const listener = await session(esOfficer, es);
    if (!secure) {
      // The baseline, in this throwaway database only: no row-level security, no audit append.
      const tables = (await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`.execute(tx)).rows;
      for (const { t } of tables) await sql`ALTER TABLE ${sql.table(t)} DISABLE ROW LEVEL SECURITY`.execute(tx);
      await sql`CREATE OR REPLACE FUNCTION tansiq_audit_append(p_events jsonb) RETURNS void LANGUAGE sql AS $$ SELECT $$`.execute(tx);
    }
    return { caseId, ma, es, de, senders, listener };
  });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [...(process.env.TANSIQ_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), join(ROOT, 'bin/tansiq.mjs'), 'serve'], { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', TANSIQ_FAST_HASHING: 'true', TANSIQ_RATE_LIMIT_PER_MINUTE: '1000000' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('Tansiq is running')) ok({ url: `http://127.0.0.1:${port}`, child }); });
    child.on('exit', (c) => fail(new Error(`server exited ${c}`)));
  });
}

function openStream(url: string, cookie: string, onEvent: (id: string, at: number) => void): () => void {
  const req = request(`${url}/api/events`, { headers: { cookie } }, (res) => {
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^data: (.*)$/m.exec(block);
        if (block.includes('event: message') && data) onEvent((JSON.parse(data[1]!) as { id: string }).id, performance.now());
      }
    });
  });
  req.end();
  return () => req.destroy();
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The CPU used by the server, by PostgreSQL's backends serving the bench database and by this load generator. */
async function cpuNow(db: Database, server: number | undefined): Promise<{ server: number; postgres: number; loader: number; backends: Map<number, number> }> {
  const backends = new Map<number, number>();
  if (db.kind === 'postgres') {
    const pids = (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(db.unsafeOwner)).rows;
    for (const { pid } of pids) backends.set(pid, cpuSeconds(pid));
  }
  const u = process.cpuUsage();
  return { server: server ? cpuSeconds(server) : NaN, postgres: [...backends.values()].reduce((a, b) => a + b, 0), loader: (u.user + u.system) / 1e6, backends };
}

async function load(url: string, p: Prepared, seconds: number, db: Database, serverPid: number | undefined) {
  const announced = new Map<string, number>();
  const close = openStream(url, p.listener.cookie, (id, at) => { if (!announced.has(id)) announced.set(id, at); });
  await new Promise((r) => setTimeout(r, 500));
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = await cpuNow(db, serverPid);
  const until = performance.now() + seconds * 1000;
  const body = (i: number) => JSON.stringify({ subject: `Sighting ${i}`, body: 'A go-fast boat left the coast east of Tangier at 02:10 with twelve people on board.', handlingCode: 'H0', tlp: 'AMBER', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal', recipients: [{ agencyId: p.es }, { agencyId: p.de }] });
  let n = 0;
  await Promise.all(p.senders.map(async (s) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const r = await fetch(`${url}/api/cases/${p.caseId}/messages`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: body(n++) }).catch(() => null);
      const t1 = performance.now();
      if (!r || r.status !== 201) { errors++; await r?.text(); continue; }
      const m = ((await r.json()) as { message: { id: string } }).message;
      sent.set(m.id, t0);
      latencies.push(t1 - t0);
    }
  }));
  // Backends that served the load: those alive now, counted from zero when they started during it.
  const cpu1 = await cpuNow(db, serverPid);
  const pgUsed = [...cpu1.backends].reduce((sum, [pid, t]) => sum + t - (cpu0.backends.get(pid) ?? 0), 0);
  const perMessage = (s: number) => (latencies.length ? (1000 * s) / latencies.length : NaN);
  const cpuMs = { server: perMessage(cpu1.server - cpu0.server), postgres: db.kind === 'postgres' ? perMessage(pgUsed) : NaN, loader: perMessage(cpu1.loader - cpu0.loader) };
  await new Promise((r) => setTimeout(r, 2000));
  close();
  const announce = [...sent].filter(([id]) => announced.has(id)).map(([id, t0]) => announced.get(id)! - t0);
  return { rate: latencies.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), a50: pct(announce, 50), a99: pct(announce, 99), announcedShare: announce.length / Math.max(1, sent.size), errors, cpuMs };
}

async function fillAndSearch(db: Database, url: string, p: Prepared, count: number) {
  const sender = (await db.unsafeOwner.selectFrom('users').select(['id']).where('email', '=', 'liaison@dgsn.demo').executeTakeFirstOrThrow()).id;
  const desk = (await db.unsafeOwner.selectFrom('desks').select('id').where('agency_id', '=', p.ma).orderBy('code').executeTakeFirstOrThrow()).id;
  const words = ['boat', 'container', 'harbour', 'smuggling', 'network', 'cocaine', 'transfer', 'wallet', 'passport', 'لقاء', 'تهريب', 'مهاجرين', 'embarcación', 'puerto', 'Schleuser', 'Hafen'];
  const vector = SEARCH_CONFIGS.map((c) => `to_tsvector('${c}', s.subject || ' ' || s.body)`).join(' || ');
  for (let done = 0; done < count; done += 10000) {
    const n = Math.min(10000, count - done);
    const w = () => Array.from({ length: 12 }, (_, i) => words[(done + i * 7) % words.length]).join(' ');
    await sql`
      WITH s AS (SELECT gen_random_uuid() AS id, 'Report ' || g AS subject, ${w()} || ' ' || g AS body FROM generate_series(1, ${n}) g),
      ins AS (INSERT INTO messages (id, case_id, sender_agency_id, sender_desk_id, sender_user_id, subject, body, handling_code, tlp, source_reliability, info_accuracy, priority, search)
        SELECT s.id, ${p.caseId}::uuid, ${p.ma}::uuid, ${desk}::uuid, ${sender}::uuid, s.subject, s.body, 'H0', 'GREEN', 'B', 2, 'normal', ${sql.raw(vector)} FROM s RETURNING id)
      INSERT INTO message_recipients (message_id, agency_id, framework) SELECT id, ${p.es}::uuid, 'bilateral' FROM ins`.execute(db.unsafeOwner);
    process.stderr.write(`\r  stored ${done + n} messages`);
  }
  process.stderr.write('\n');
  await sql`ANALYZE`.execute(db.unsafeOwner);
  const times: number[] = [];
  const queries = ['smuggling harbour', 'embarcación', 'تهريب', 'Schleuser Hafen', 'cocaine container', 'passport'];
  for (let i = 0; i < 60; i++) {
    const q = queries[i % queries.length]!;
    const t0 = performance.now();
    const r = await fetch(`${url}/api/messages?box=inbox&limit=50&q=${encodeURIComponent(q)}`, { headers: { cookie: p.listener.cookie } });
    await r.text();
    times.push(performance.now() - t0);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

export async function main(args: string[]): Promise<void> {
  const seconds = Number(arg(args, 'seconds', '20'));
  const officers = Number(arg(args, 'officers', '200'));
  const stored = Number(arg(args, 'messages', '100000'));
  const kinds = arg(args, 'db', process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite').split(',');
  console.log(`messages bench: ${officers} officers, ${seconds} s, 2 recipients each; server child process and load generator on the same machine (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB)`);
  console.log('| database | security | messages/s | request p50 ms | request p99 ms | send→announce p50 ms | p99 ms | errors | CPU ms per message: server / PostgreSQL / load generator | search p50 ms | search p95 ms (stored) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const kind of kinds) {
    for (const secure of [true, false]) {
      let db: Database;
      let env: NodeJS.ProcessEnv;
      let cleanup: () => Promise<void>;
      if (kind === 'pglite') {
        const dir = mkdtempSync(join(tmpdir(), 'tansiq-bench-'));
        db = await openDatabase({ databaseUrl: null, dataDir: join(dir, 'data', 'pg') });
        env = { TANSIQ_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const admin = process.env.DATABASE_URL!;
        const name = `tansiq_bench_${randomBytes(4).toString('hex')}`;
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`CREATE DATABASE ${name}`);
        await c.end();
        const u = new URL(admin);
        u.pathname = `/${name}`;
        const app = new URL(u.toString());
        app.username = 'tansiq_app';
        db = await openDatabase({ databaseUrl: u.toString(), appDatabaseUrl: app.toString(), dataDir: null });
        const keys = mkdtempSync(join(tmpdir(), 'tansiq-bench-keys-'));
        // The baseline connects the application as the owner too: no row-level security applies to it.
        env = { DATABASE_URL: u.toString(), TANSIQ_APP_DATABASE_URL: secure ? '' : u.toString(), TANSIQ_MASTER_KEY_FILE: join(keys, 'master.key'), TANSIQ_AUDIT_KEY_FILE: join(keys, 'audit.pem') };
        const { generateKeyPairSync } = await import('node:crypto');
        const { writeFileSync } = await import('node:fs');
        writeFileSync(join(keys, 'master.key'), randomBytes(32).toString('base64'));
        writeFileSync(join(keys, 'audit.pem'), generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
        cleanup = async () => {
          const c2 = new pg.Client({ connectionString: admin });
          await c2.connect();
          await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c2.end();
        };
      }
      const p = await prepare(db, officers, secure);
      if (kind === 'pglite') await db.close();
      const { url, child } = await startServer(env);
      try {
        const r = await load(url, p, seconds, db, child.pid);
        let s = { p50: NaN, p95: NaN };
        if (kind === 'postgres' && stored > 0) s = await fillAndSearch(db, url, p, stored);
        console.log(`| ${kind} | ${secure ? 'RLS + audit' : 'baseline: off'} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.a50.toFixed(0)} | ${r.a99.toFixed(0)} | ${r.errors} | ${[r.cpuMs.server, r.cpuMs.postgres, r.cpuMs.loader].map((x) => (Number.isNaN(x) ? '—' : x.toFixed(1))).join(' / ')} | ${Number.isNaN(s.p50) ? '—' : s.p50.toFixed(0)} | ${Number.isNaN(s.p95) ? '—' : `${s.p95.toFixed(0)} (${stored})`} |`);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        if (kind !== 'pglite') await db.close();
        await cleanup();
      }
    }
  }
}
