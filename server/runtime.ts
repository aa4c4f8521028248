import { existsSync, mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import type { Config } from './platform/config';
import { openDatabase, migrate, type Database } from './platform/db';
import { PasswordHasher, PRODUCTION_HASH, TEST_HASH } from './platform/auth';
import { loadAuditKey, loadMasterKey } from './platform/crypto';
import type { Deps } from './platform/deps';

export class DataDirBusyError extends Error {}

/**
 * Takes the data directory's lock (embedded mode): PGlite has none of its own, and two processes on one
 * directory would corrupt it. Refuses with a clear message while another process holds it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: `${dataDir}/.tansiq.lock`, stale: 15_000, update: 5_000, realpath: false });
  } catch (e) {
    if ((e as { code?: string }).code === 'ELOCKED') {
      throw new DataDirBusyError(`The data directory ${dataDir} is in use by another Tansiq process (a running server?). Stop it first, or point this command at another directory with TANSIQ_DATA_DIR.`);
    }
    throw e;
  }
}

export interface Runtime {
  deps: Deps;
  db: Database;
  close(): Promise<void>;
}

/** Opens everything a command needs: lock, database (migrated), keys and the password hasher. */
export async function openRuntime(config: Config, opts: { migrate?: boolean; needAuditKey?: boolean } = {}): Promise<Runtime> {
  const unlock = config.databaseUrl ? null : await lockDataDir(config.dataDir);
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, appDatabaseUrl: config.appDatabaseUrl, dataDir: config.databaseUrl ? null : `${config.dataDir}/pg` });
    if (opts.migrate !== false) {
      const appPassword = config.databaseUrl && process.env.TANSIQ_APP_DATABASE_URL ? decodeURIComponent(new URL(process.env.TANSIQ_APP_DATABASE_URL).password) || null : null;
      await migrate(db, { appPassword });
    }
    // Keys live outside the data directory. Only in embedded demo mode are missing keys generated.
    const mayCreate = !config.databaseUrl;
    const masterKey = loadMasterKey(config.masterKeyFile, mayCreate);
    const auditKey = existsSync(config.auditKeyFile) || mayCreate || opts.needAuditKey ? loadAuditKey(config.auditKeyFile, mayCreate) : null;
    const hasher = new PasswordHasher(config.fastHashing ? TEST_HASH : PRODUCTION_HASH);
    const deps: Deps = { config, db, hasher, masterKey, auditKey };
    return {
      deps,
      db,
      async close() {
        await db?.close();
        await unlock?.();
      },
    };
  } catch (e) {
    await db?.close();
    await unlock?.();
    throw e;
  }
}
