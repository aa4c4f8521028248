/**
 * Full-text search and the message lists over a large mailbox (issue 3: "full-text search p95 over 1 M stored
 * messages", target p95 ≤ 200 ms on PostgreSQL).
 *
 *   npm run bench -- messages-search [--size 1000000] [--db postgres|pglite] [--url postgres://…] [--reps 30]
 *                                    [--agencies 60] [--cases SIZE/50] [--budget 60] [--timeout 30000] [--keep] [--no-before]
 *                                    [--no-baseline] [--reuse DBNAME]
 *
 * A fresh database (on PostgreSQL a throwaway one on the server of --url / DATABASE_URL / 127.0.0.1:5432, dropped at
 * the end unless --keep; or PGlite in a temporary folder) is migrated up to, not including, 0013; it is filled as the owner with
 * SIZE messages in six languages spread over agencies and cases (./data.ts: recipients, TLP:RED readers and the
 * reader's read marks exist, the search vector is computed as the send command computes it). Then, as the officer
 * of one large agency (agency 0: about a third of all cases), each kind of list and search is timed three ways:
 *
 * What is timed is what GET /api/messages asks the database (the list, then its rows' receipts and read marks):
 *   before    the list query as it was (./before.ts) inside withActor: row-level security of migration 0004;
 *   baseline  the same SQL on the owner's connection, where row-level security does not apply (what security costs);
 *   after     the remaining migrations applied (0013: indexable visibility; timed, it is the backfill an existing
 *             installation runs), then the real listMessages() of server/modules/messages/queries.ts in withActor.
 *
 * Each kind runs --reps times with varying words (after two warm-ups), fewer when one run takes longer than
 * --budget seconds in all; a statement is stopped after --timeout ms and counted at that. The ids the officer gets
 * after must equal the ids before (the new rule shows the same messages as the old one).
 *
 * Besides agency 0's lists and searches: the inbox badge (GET /api/messages/unread-count, a count), and a small
 * agency (./data.ts smallAgencySql: 2,000 messages in 60 cases) reading its lists, a search and its badge.
 *
 * --reuse DBNAME runs on a database kept by an earlier run (--keep): no fill; "before" is then the real code on that
 * database as it is (the migrations it has), "after" the same code once the migrations it lacks are applied, and the
 * ids must again be the same. --no-baseline skips the owner's baseline runs (they take minutes at 1 M).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import type { TMessageListQuery } from '../../common';
import { deriveAppUrl } from '../../server/platform/config';
import { migrate, MIGRATIONS_DIR, openDatabase, withActor, type Actor, type Ctx, type Database } from '../../server/platform/db';
import { listMessages, readByMe, receiptsOf, unreadCount, UNREAD_CAP } from '../../server/modules/messages/queries';
import { listMessagesBefore, unreadCountBefore } from './before';
import { LANGS, SMALL, SURNAMES, messagesSql, readsSql, smallAgencySql, worldSql, type Shape } from './data';

const FIRST_NEW = '0013';

function arg(args: string[], name: string, d: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : d;
}
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const f1 = (x: number) => (Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** The migrations before 0013, the way migrate() applies them (the later ones are applied by migrate() itself). */
async function migrateBefore(db: Database): Promise<void> {
  await db.execScript(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tansiq_app') THEN
      CREATE ROLE tansiq_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$;
  CREATE TABLE IF NOT EXISTS tansiq_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
  REVOKE ALL ON tansiq_migrations FROM PUBLIC;`);
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort()) {
    if (file >= FIRST_NEW) break;
    await db.execScript(`BEGIN; ${readFileSync(join(MIGRATIONS_DIR, file), 'utf8')}
      ;INSERT INTO tansiq_migrations (name) VALUES ('${file}'); COMMIT;`);
  }
}

async function q<T>(db: Database, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(db.unsafeOwner)).rows;
}

/** A list or search (`filters`), or the badge's count (`badge`), read by agency 0's officer or the small agency's. */
interface Kind { name: string; filters: (rep: number) => TMessageListQuery; small?: boolean; badge?: boolean }
interface Timing { times: number[]; rows: number; timeouts: number; ids: string[] | null }

export async function main(args: string[]): Promise<void> {
  const size = Number(arg(args, 'size', '1000000'));
  const kind = arg(args, 'db', 'postgres');
  const reps = Number(arg(args, 'reps', '30'));
  const budget = Number(arg(args, 'budget', '60')) * 1000;
  const timeout = Number(arg(args, 'timeout', '30000'));
  const shape: Shape = { agencies: Number(arg(args, 'agencies', '60')), cases: Number(arg(args, 'cases', String(Math.max(100, Math.round(size / 50))))), messages: size };
  const server = arg(args, 'url', process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  console.log(`messages-search bench: ${size.toLocaleString('en')} messages, ${shape.cases.toLocaleString('en')} cases, ${shape.agencies} agencies, ${kind}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; load average ${load()}`);

  let db: Database | null = null;
  let cleanup: () => Promise<void> = async () => undefined;
  const reuse = arg(args, 'reuse', '');
  const name = reuse || `tansiq_bench_search_${randomBytes(4).toString('hex')}`;
  const noBaseline = args.includes('--no-baseline');
  try {
    if (reuse) {
      if (kind === 'pglite' || !/^tansiq_bench_search_[0-9a-f]{8}$/.test(reuse)) throw new Error('--reuse takes the name of a PostgreSQL database kept by this bench (tansiq_bench_search_…)');
      const u = new URL(server);
      u.pathname = `/${name}`;
      db = await openDatabase({ databaseUrl: u.toString(), appDatabaseUrl: deriveAppUrl(u.toString()), dataDir: null });
    } else if (kind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'tansiq-bench-search-'));
      db = await openDatabase({ databaseUrl: null, dataDir: join(dir, 'pg') });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(server);
      u.pathname = `/${name}`;
      db = await openDatabase({ databaseUrl: u.toString(), appDatabaseUrl: deriveAppUrl(u.toString()), dataDir: null });
      cleanup = async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        for (let i = 0; ; i++) {
          try { await c.query(`DROP DATABASE IF EXISTS ${name}`); break; } catch (e) {
            if (i >= 20) { console.error(`could not drop ${name}: ${(e as Error).message}`); break; }
            await new Promise((r) => setTimeout(r, 500));
          }
        }
        await c.end();
      };
    }
    let t0 = performance.now();
    let fillS = 0;
    let ginS = 0;
    if (reuse) {
      const [has] = await q<{ n: number }>(db, `SELECT count(*)::int AS n FROM bench_agency WHERE n = ${SMALL}`);
      if (has!.n === 0) {
        await db.execScript(smallAgencySql('x'));
        await db.execScript('VACUUM ANALYZE');
        console.log(`added the small agency in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    } else {
      await migrateBefore(db);

      // ------------------------------------------------------------------ fill
      await db.execScript(worldSql(shape, 'x'));
      await db.execScript('DROP INDEX messages_search');
      const chunk = 25000;
      for (let lo = 1; lo <= size; lo += chunk) {
        await db.execScript(messagesSql(shape, lo, Math.min(size, lo + chunk - 1)));
        process.stderr.write(`\r  stored ${Math.min(size, lo + chunk - 1).toLocaleString('en')} messages (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
      process.stderr.write('\n');
      await db.execScript(readsSql());
      await db.execScript(smallAgencySql('x'));
      fillS = (performance.now() - t0) / 1000;
      t0 = performance.now();
      await db.execScript(`SET maintenance_work_mem = '256MB'; CREATE INDEX messages_search ON messages USING gin (search); RESET maintenance_work_mem;`);
      ginS = (performance.now() - t0) / 1000;
      await db.execScript('VACUUM ANALYZE');
    }
    const [stats] = await q<{ n: number; rec: number; red: number; t: string; i: string }>(db, `SELECT (SELECT count(*) FROM messages)::int AS n, (SELECT count(*) FROM message_recipients)::int AS rec,
      (SELECT count(*) FROM messages WHERE tlp = 'RED')::int AS red, pg_size_pretty(pg_table_size('messages')) AS t, pg_size_pretty(pg_indexes_size('messages')) AS i`);
    if (!reuse) console.log(`filled in ${fillS.toFixed(0)} s (search index ${ginS.toFixed(0)} s): ${stats!.n.toLocaleString('en')} messages (${stats!.red.toLocaleString('en')} RED), ${stats!.rec.toLocaleString('en')} recipient rows; messages table ${stats!.t}, its indexes ${stats!.i}`);

    // ------------------------------------------------------------------ the reader and the words
    const [me] = await q<{ officer: string; id: string; desk: string }>(db, `SELECT officer, id, desk FROM bench_agency WHERE n = 0`);
    const actor: Actor = { userId: me!.officer, agencyId: me!.id, roles: ['officer'], deskIds: [me!.desk] };
    const [sm] = await q<{ officer: string; id: string; desk: string; n: number }>(db, `SELECT a.officer, a.id, a.desk, (SELECT count(*)::int FROM message_recipients r WHERE r.agency_id = a.id) AS n FROM bench_agency a WHERE a.n = ${SMALL}`);
    const smallActor: Actor = { userId: sm!.officer, agencyId: sm!.id, roles: ['officer'], deskIds: [sm!.desk] };
    console.log(`the small agency: ${sm!.n.toLocaleString('en')} messages addressed to it`);
    const [vis] = await q<{ n: number; unread: number }>(db, `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM message_reads x WHERE x.message_id = m.id AND x.user_id = '${me!.officer}'))::int AS unread FROM messages m
      WHERE (m.sender_agency_id = '${me!.id}' OR EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.agency_id = '${me!.id}'))`);
    console.log(`the reader: agency 0's officer; its agency sent or received ${vis!.n.toLocaleString('en')} messages (${(100 * vis!.n / size).toFixed(1)} %), ${vis!.unread.toLocaleString('en')} of them unread by the officer`);
    // Selective words taken from messages the agency holds (a telephone number, a number plate), so most searches find something.
    const bodies = await q<{ body: string }>(db, `SELECT body FROM messages m WHERE m.sender_agency_id = '${me!.id}' AND body ~ '\\+2126' ORDER BY created_at DESC LIMIT 400`);
    const phones = [...new Set(bodies.map((b) => /\+2126\d+/.exec(b.body)?.[0]).filter((x): x is string => !!x))];
    const plates = [...new Set(bodies.map((b) => /\b\d{4}[B-U]{3}\b/.exec(b.body)?.[0]).filter((x): x is string => !!x))];
    const cases = (await q<{ id: string }>(db, `SELECT c.id FROM bench_case c WHERE 0 = ANY(c.parts) AND NOT c.restricted ORDER BY c.n LIMIT 50`)).map((r) => r.id);
    const common = LANGS.map((l) => l.words[Math.min(l.words.length - 1, 19)]!); // about four messages in ten of that language
    const mid = LANGS.map((l) => l.words[l.words.length - 3]!); // the rare end of the trade's words
    const phrases = ['cash payment hotel', 'virement compte banque', 'contenedor puerto cocaína', 'Container Hafen Kokain', 'تحويل حساب بنك', 'transfer to the account'];
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
    const base: TMessageListQuery = { box: 'all', limit: 50 };
    const kinds: Kind[] = [
      { name: 'inbox, no search', filters: () => ({ ...base, box: 'inbox' }) },
      { name: 'all, no search', filters: () => ({ ...base }) },
      { name: 'inbox, unread, no search', filters: () => ({ ...base, box: 'inbox', unread: true }) },
      { name: 'search: telephone or plate (selective)', filters: (i) => ({ ...base, q: i % 2 ? pick(plates, i) : pick(phones, i) }) },
      { name: 'search: a surname (≈ 0.8 %)', filters: (i) => ({ ...base, q: pick(SURNAMES, i * 7) }) },
      { name: 'search: a rarer trade word', filters: (i) => ({ ...base, q: pick(mid, i) }) },
      { name: 'search: a common word (≈ 40 % of its language)', filters: (i) => ({ ...base, q: pick(common, i) }) },
      { name: 'search: three words', filters: (i) => ({ ...base, q: pick(phrases, i) }) },
      { name: 'search: common word, unread', filters: (i) => ({ ...base, q: pick(common, i), unread: true }) },
      { name: 'search: common word, inbox', filters: (i) => ({ ...base, box: 'inbox', q: pick(common, i) }) },
      { name: 'search: common word, in one case', filters: (i) => ({ ...base, q: pick(common, i), caseId: pick(cases, i) }) },
      // Filters applied outside the find function, that keep about 2 % of the matches: the batches fall short.
      { name: 'search: common word, urgent and unread', filters: (i) => ({ ...base, q: pick(common, i), urgent: true, unread: true }) },
      { name: 'inbox badge (unread count)', filters: () => base, badge: true },
      { name: 'small agency: inbox', filters: () => ({ ...base, box: 'inbox' }), small: true },
      { name: 'small agency: inbox, unread', filters: () => ({ ...base, box: 'inbox', unread: true }), small: true },
      { name: 'small agency: search, a common word', filters: (i) => ({ ...base, q: pick(common, i) }), small: true },
      { name: 'small agency: inbox badge', filters: () => base, small: true, badge: true },
    ];

    // What GET /api/messages asks the database: the list, then the receipts and the read marks of its rows.
    const page = async (ctx: Ctx, list: (ctx: Ctx) => Promise<{ id: string }[]>) => {
      await sql.raw(`SET LOCAL statement_timeout = ${timeout}`).execute(ctx.tx);
      const rows = await list(ctx);
      const ids = rows.map((r) => r.id);
      await receiptsOf(ctx, ids);
      await readByMe(ctx, ids);
      return rows;
    };
    // The badge: one count, no receipts; compared as the badge shows it (exact up to UNREAD_CAP, then "999+").
    const count = async (ctx: Ctx, fn: (ctx: Ctx) => Promise<number>) => {
      await sql.raw(`SET LOCAL statement_timeout = ${timeout}`).execute(ctx.tx);
      return [{ id: String(Math.min(await fn(ctx), UNREAD_CAP)) }];
    };
    const badgeNow = async (ctx: Ctx) => (await unreadCount(ctx)).unread;
    type Run = (k: Kind) => (f: TMessageListQuery) => () => Promise<{ id: string }[]>;
    const who = (k: Kind) => (k.small ? smallActor : actor);
    const asActor = (list: (ctx: Ctx, f: TMessageListQuery) => Promise<{ id: string }[]>, badge: (ctx: Ctx) => Promise<number>): Run => (k) => (f) => () =>
      withActor(db!, who(k), null, (ctx) => (k.badge ? count(ctx, badge) : page(ctx, (c) => list(c, f))));
    const asOwner: Run = (k) => (f) => () => db!.unsafeOwner.transaction().execute((tx) => {
      const ctx: Ctx = { actor: who(k), ip: null, tx, audit: () => undefined, emit: () => undefined };
      return k.badge ? count(ctx, unreadCountBefore) : page(ctx, (c) => listMessagesBefore(c, f));
    });
    // Before: the old SQL under 0004's policy; on a reused database, the real code on it as it is.
    const before = reuse ? asActor(listMessages, badgeNow) : asActor(listMessagesBefore, unreadCountBefore);
    const after = asActor(listMessages, badgeNow);
    const none: Timing = { times: [], rows: 0, timeouts: 0, ids: null };
    async function time(k: Kind, run: (f: TMessageListQuery) => () => Promise<{ id: string }[]>): Promise<Timing> {
      const out: Timing = { times: [], rows: 0, timeouts: 0, ids: null };
      const once = async (i: number) => {
        const t = performance.now();
        try {
          const rows = await run(k.filters(i))();
          if (i === 0) out.ids = rows.map((r) => r.id);
          out.rows += rows.length;
        } catch (e) {
          if (!/statement timeout/.test((e as Error).message)) throw e;
          out.timeouts++;
        }
        return performance.now() - t;
      };
      const warm = await once(reps + 1);
      let spent = warm;
      if (warm < budget / 4) spent += await once(reps + 2);
      for (let i = 0; i < reps && (i < 3 || spent < budget); i++) {
        const t = await once(i);
        out.times.push(t);
        spent += t;
      }
      out.rows = Math.round(out.rows / (out.times.length + (warm < budget / 4 ? 2 : 1)));
      return out;
    }

    const results = new Map<string, { before?: Timing; baseline?: Timing; after?: Timing; baseline2?: Timing }>();
    const line = (label: string, t: Timing) => console.log(`  ${label.padEnd(9)} ${k0.padEnd(48)} p50 ${f1(pct(t.times, 50)).padStart(7)} ms · p95 ${f1(pct(t.times, 95)).padStart(7)} ms · ${t.times.length} runs${t.timeouts ? ` · ${t.timeouts} stopped at ${timeout} ms` : ''} · ${t.rows} rows`);
    let k0 = '';
    console.log(`\nbefore (${reuse ? 'the kept database as it is' : "migration 0004's policy"}), load average ${load()}`);
    const skipBefore = args.includes('--no-before');
    for (const k of kinds) {
      k0 = k.name;
      if (skipBefore) { results.set(k.name, {}); continue; }
      const r = { before: await time(k, before(k)), baseline: noBaseline ? none : await time(k, asOwner(k)) };
      results.set(k.name, r);
      line('before', r.before);
      if (!noBaseline) line('baseline', r.baseline);
    }

    const applied = new Set((await q<{ name: string }>(db, 'SELECT name FROM tansiq_migrations')).map((r) => r.name));
    const pending = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f) && !applied.has(f)).sort();
    t0 = performance.now();
    await migrate(db);
    const migS = (performance.now() - t0) / 1000;
    await db.execScript('ANALYZE');
    console.log(`\napplied ${pending.join(', ') || 'nothing'} in ${migS.toFixed(1)} s; after, load average ${load()}`);
    let mismatches = 0;
    for (const k of kinds) {
      k0 = k.name;
      const r = results.get(k.name)!;
      r.after = await time(k, after(k));
      r.baseline2 = noBaseline ? none : await time(k, asOwner(k));
      line('after', r.after);
      if (!noBaseline) line('baseline', r.baseline2);
      if (r.before?.ids && r.after.ids && JSON.stringify(r.before.ids) !== JSON.stringify(r.after.ids)) {
        mismatches++;
        console.log(`  !! ${k.name}: the officer gets other messages after than before (${r.after.ids.length} vs ${r.before.ids.length})`);
      }
    }

    console.log(`\n${size.toLocaleString('en')} messages on ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}; the reader's agency holds ${vis!.n.toLocaleString('en')}; limit 50, newest first; load average at the end ${load()}`);
    console.log('| query | rows | before p50 | before p95 | baseline p50 | baseline p95 | after p50 | after p95 | baseline (after) p95 | after / baseline p95 |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const k of kinds) {
      const r = results.get(k.name)!;
      const b = (t: Timing | undefined, p: number) => (t ? `${f1(pct(t.times, p))}${t.timeouts ? ` (${t.timeouts}×≥${timeout})` : ''}` : '—');
      console.log(`| ${k.name} | ${r.after!.rows} | ${b(r.before!, 50)} | ${b(r.before!, 95)} | ${b(r.baseline!, 50)} | ${b(r.baseline!, 95)} | ${b(r.after!, 50)} | ${b(r.after!, 95)} | ${b(r.baseline2!, 95)} | ${noBaseline ? '—' : (pct(r.after!.times, 95) / pct(r.baseline2!.times, 95)).toFixed(2)} |`);
    }
    console.log(mismatches === 0 ? 'the officer got the same messages before and after in every kind' : `${mismatches} kinds differ before and after`);
    if (mismatches > 0) process.exitCode = 1;
  } finally {
    if (db) await db.close().catch(() => undefined);
    if (reuse || (args.includes('--keep') && kind !== 'pglite')) console.log(`kept the database ${name}`);
    else await cleanup();
  }
}
