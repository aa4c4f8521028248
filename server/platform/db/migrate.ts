import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'migrations');

/** Creates the application role once per cluster (roles are cluster-wide), tolerating a concurrent creator. */
async function ensureAppRole(db: Database, appPassword: string | null): Promise<void> {
  await db.execScript(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tansiq_app') THEN
      CREATE ROLE tansiq_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$;`);
  if (appPassword) {
    // Only from TANSIQ_APP_DATABASE_URL: the password is set as the owner, never logged.
    await sql`SELECT set_config('tansiq.tmp', ${appPassword}, false)`.execute(db.unsafeOwner);
    await db.execScript(`DO $$ BEGIN EXECUTE format('ALTER ROLE tansiq_app PASSWORD %L', current_setting('tansiq.tmp')); PERFORM set_config('tansiq.tmp', '', false); END $$;`);
  }
}

export interface MigrateResult {
  applied: string[];
}

/** Applies the SQL files of migrations/ in name order, each once, each in its own transaction. */
export async function migrate(db: Database, opts: { appPassword?: string | null; onProgress?: (name: string) => void } = {}): Promise<MigrateResult> {
  await ensureAppRole(db, opts.appPassword ?? null);
  await db.execScript(`CREATE TABLE IF NOT EXISTS tansiq_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    REVOKE ALL ON tansiq_migrations FROM PUBLIC;`);
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM tansiq_migrations`.execute(db.unsafeOwner)).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    opts.onProgress?.(file);
    const body = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    // The advisory lock keeps two processes from applying the same migration at once.
    await db.execScript(`BEGIN;
      SELECT pg_advisory_xact_lock(7424872);
      ${body}
      ;INSERT INTO tansiq_migrations (name) VALUES ('${file}');
      COMMIT;`);
    applied.push(file);
  }
  return { applied };
}
