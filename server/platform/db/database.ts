import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { DB } from './schema';
import { LiveHub } from '../realtime/live';

// bigint (int8) columns come back as strings unless told otherwise; audit sequence numbers fit in a double.
pg.types.setTypeParser(20, (v) => v);

export interface Database {
  kind: 'embedded' | 'postgres';
  /**
   * The owner's connection: migrations, the CLI and test factories. It bypasses row-level security
   * (superuser on PGlite; on PostgreSQL the DATABASE_URL role must be superuser or BYPASSRLS).
   * Application code never uses it: it goes through withActor (./scoped).
   */
  unsafeOwner: Kysely<DB>;
  /** The application's connection: on PostgreSQL it logs in as tansiq_app. Only ./scoped uses it. */
  app: Kysely<DB>;
  /** Runs a multi-statement SQL script as the owner (migrations). */
  execScript(text: string): Promise<void>;
  /** Live events (ids only) for server-sent event streams, delivered after commit. */
  live: LiveHub;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL owner URL; when null, PGlite in dataDir (or in memory when dataDir is null). */
  databaseUrl: string | null;
  appDatabaseUrl?: string | null;
  dataDir: string | null;
  appPoolSize?: number;
}

/** Opens the embedded or the server database with the same Kysely dialect. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (!opts.databaseUrl) {
    if (opts.dataDir) mkdirSync(dirname(opts.dataDir), { recursive: true });
    const pglite = await PGlite.create(opts.dataDir ?? 'memory://', { extensions: { pg_trgm, fuzzystrmatch, unaccent } });
    // PGlite is one backend: the pool must hand out one connection at a time (pg.Pool reads `max`, and
    // ignores the adapter's poolSize), or concurrent transactions would interleave on the same session.
    const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...(createPgConfig(pglite) as pg.PoolConfig), max: 1 }) }) });
    const live = new LiveHub(null);
    return {
      kind: 'embedded',
      unsafeOwner: kysely,
      app: kysely,
      live,
      async execScript(text) {
        await pglite.exec(text);
      },
      async close() {
        await live.close();
        await kysely.destroy();
        await pglite.close();
      },
    };
  }
  const ownerPool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  const appPool = new pg.Pool({ connectionString: opts.appDatabaseUrl ?? opts.databaseUrl, max: opts.appPoolSize ?? 10 });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is discarded by the pool and
  // the next query opens a new one; unhandled, the pool's 'error' event would bring the whole service down.
  for (const pool of [ownerPool, appPool]) pool.on('error', () => undefined);
  const owner = new Kysely<DB>({ dialect: new PostgresDialect({ pool: ownerPool }) });
  const app = new Kysely<DB>({ dialect: new PostgresDialect({ pool: appPool }) });
  const live = new LiveHub(opts.appDatabaseUrl ?? opts.databaseUrl);
  return {
    kind: 'postgres',
    unsafeOwner: owner,
    app,
    live,
    async execScript(text) {
      const client = await ownerPool.connect();
      try {
        await client.query(text);
      } finally {
        client.release();
      }
    },
    async close() {
      await live.close();
      await app.destroy();
      await owner.destroy();
    },
  };
}
