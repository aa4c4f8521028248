/**
 * What the audit chain costs. The same small write (a profile update in the actor's scoped transaction) is run by
 * N concurrent writers with and without an audit event; with the event, every commit takes the global chain lock
 * and appends one hash-chained row. Reports transactions per second (median of 5 rounds) on PGlite and, when
 * DATABASE_URL is set, on PostgreSQL.
 *
 *   npm run bench -- audit [--seconds 3] [--writers 1,8,32]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, migrate, withActor, unsafeWithOwner, type Database, type Actor } from '../../server/platform/db';
import { verifyChain } from '../../server/platform/audit';
import { loadAuditKey } from '../../server/platform/crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function arg(args: string[], name: string, d: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : d;
}

async function seed(db: Database, writers: number): Promise<Actor[]> {
  return unsafeWithOwner(db, 'system', async ({ tx }) => {
    const a = await tx.insertInto('agencies').values({ code: `bench${randomBytes(3).toString('hex')}`, name: 'Bench', country: 'MA', type: 'police', languages: ['en'] }).returning('id').executeTakeFirstOrThrow();
    const actors: Actor[] = [];
    for (let i = 0; i < writers; i++) {
      const u = await tx.insertInto('users').values({ agency_id: a.id, email: `bench${randomBytes(6).toString('hex')}@x.example`, display_name: 'B', roles: ['officer'] }).returning('id').executeTakeFirstOrThrow();
      actors.push({ userId: u.id, agencyId: a.id, roles: ['officer'], deskIds: [] });
    }
    return actors;
  });
}

async function round(db: Database, actors: Actor[], audited: boolean, seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(actors.map(async (actor, i) => {
    while (Date.now() < until) {
      await withActor(db, actor, '127.0.0.1', async (ctx) => {
        await ctx.tx.updateTable('users').set({ display_name: `B${n}` }).where('id', '=', actor.userId!).execute();
        if (audited) ctx.audit({ action: 'bench.write', objectType: 'user', objectId: actor.userId, details: { i } });
      });
      n++;
    }
  }));
  return n / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(label: string, db: Database, writersList: number[], seconds: number, keyFile: string): Promise<void> {
  await migrate(db);
  for (const writers of writersList) {
    const actors = await seed(db, writers);
    const plain: number[] = [];
    const audited: number[] = [];
    for (let r = 0; r < 5; r++) {
      plain.push(await round(db, actors, false, seconds));
      audited.push(await round(db, actors, true, seconds));
    }
    const p = median(plain);
    const a = median(audited);
    console.log(`| ${label} | ${writers} | ${p.toFixed(0)} | ${a.toFixed(0)} | ${(a / p).toFixed(2)} |`);
  }
  const v = await verifyChain(db, loadAuditKey(keyFile, true), keyFile);
  console.log(`(${label}: chain of ${v.events} events verified ${v.ok ? 'intact' : 'BROKEN'}, no fork under concurrency)`);
}

export async function main(args: string[]): Promise<void> {
  const seconds = Number(arg(args, 'seconds', '3'));
  const writersList = arg(args, 'writers', '1,8,32').split(',').map(Number);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'tansiq-bench-')), 'audit.pem');
  console.log(`audit chain cost: ${seconds} s rounds, median of 5, machine: ${process.platform} ${(await import('node:os')).cpus().length} cores`);
  console.log('| database | writers | tx/s without audit | tx/s with audit | ratio |');
  console.log('|---|---|---|---|---|');
  const lite = await openDatabase({ databaseUrl: null, dataDir: null });
  try {
    await run('PGlite', lite, writersList, seconds, keyFile);
  } finally {
    await lite.close();
  }
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    console.log('(DATABASE_URL not set: PostgreSQL not measured)');
    return;
  }
  const name = `tansiq_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const appUrl = new URL(u.toString());
  appUrl.username = 'tansiq_app';
  const db = await openDatabase({ databaseUrl: u.toString(), appDatabaseUrl: appUrl.toString(), dataDir: null, appPoolSize: 32 });
  try {
    await run('PostgreSQL 15', db, writersList, seconds, keyFile);
  } finally {
    await db.close();
    await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await c.end();
  }
}
