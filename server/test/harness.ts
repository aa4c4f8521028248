import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { loadConfig, deriveAppUrl, type Config } from '../platform/config';
import { openDatabase, migrate, unsafeWithOwner, type Database } from '../platform/db';
import { PasswordHasher, TEST_HASH, newRecoveryCodes } from '../platform/auth';
import { loadAuditKey, loadMasterKey, seal } from '../platform/crypto';
import type { Deps } from '../platform/deps';
import type { App } from '../platform/http';
import { buildApp } from '../app';
import type { Role } from '../../common';

/** Which database this run uses: PGlite always; PostgreSQL when the vitest project sets TANSIQ_TEST_DB=postgres. */
export const TEST_DB = process.env.TANSIQ_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestEnv {
  app: App;
  db: Database;
  deps: Deps;
  config: Config;
  dir: string;
  close(): Promise<void>;
}

/** A fresh database built by the migrations (PGlite in memory, or a new database on the PostgreSQL server). */
export async function createTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-test-'));
  let dbName: string | null = null;
  let ownerUrl: string | null = null;
  if (TEST_DB === 'postgres') {
    const admin = process.env.DATABASE_URL;
    if (!admin) throw new Error('TANSIQ_TEST_DB=postgres needs DATABASE_URL (the owner URL of a PostgreSQL server).');
    dbName = `tansiq_test_${randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${dbName}`;
    ownerUrl = u.toString();
  }
  const config: Config = {
    ...loadConfig({ TANSIQ_DATA_DIR: join(dir, 'data'), TANSIQ_AUDIT_KEY_FILE: join(dir, 'keys', 'audit.pem'), TANSIQ_MASTER_KEY_FILE: join(dir, 'keys', 'master.key'), TANSIQ_FAST_HASHING: 'true', LOG_LEVEL: process.env.TANSIQ_TEST_LOG === '1' ? 'error' : 'silent' }),
    databaseUrl: ownerUrl,
    appDatabaseUrl: ownerUrl ? deriveAppUrl(ownerUrl) : null,
    ...overrides,
  };
  const db = await openDatabase({ databaseUrl: config.databaseUrl, appDatabaseUrl: config.appDatabaseUrl, dataDir: null, appPoolSize: 4 });
  await migrate(db);
  const deps: Deps = {
    config,
    db,
    hasher: new PasswordHasher(TEST_HASH),
    masterKey: loadMasterKey(config.masterKeyFile, true),
    auditKey: loadAuditKey(config.auditKeyFile, true),
  };
  const app = await buildApp(deps, { logger: process.env.TANSIQ_TEST_LOG === '1' });
  return {
    app, db, deps, config, dir,
    async close() {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      if (dbName) {
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c.end();
      }
    },
  };
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}`;

export interface BuiltAgency { id: string; code: string; deskId: string }
/** An agency with one desk, written as the owner (test factories bypass the application on purpose). */
export async function buildAgency(env: TestEnv, o: { code?: string; type?: string; country?: string } = {}): Promise<BuiltAgency> {
  const code = o.code ?? `a${uniq()}`.slice(0, 30);
  return unsafeWithOwner(env.db, 'system', async ({ tx }) => {
    const a = await tx.insertInto('agencies').values({ code, name: `Agency ${code}`, country: o.country ?? 'MA', type: o.type ?? 'police', languages: ['en'] }).returning('id').executeTakeFirstOrThrow();
    const d = await tx.insertInto('desks').values({ agency_id: a.id, code: 'main', name: 'Main desk' }).returning('id').executeTakeFirstOrThrow();
    return { id: a.id, code, deskId: d.id };
  });
}

export const TEST_PASSWORD = 'a-long-test-passphrase-42';

export interface BuiltUser { id: string; email: string; password: string; agencyId: string; totpSecret: string | null; recoveryCodes: string[] }
/** A user with a password (and optionally an enrolled TOTP factor). */
export async function buildUser(env: TestEnv, agency: BuiltAgency, o: { roles?: Role[]; totp?: boolean; email?: string; desk?: boolean } = {}): Promise<BuiltUser> {
  const email = o.email ?? `u${uniq()}@test.example`;
  const hash = await env.deps.hasher.hash(TEST_PASSWORD);
  const totpSecret = o.totp ? new Secret({ size: 20 }).base32 : null;
  const rc = newRecoveryCodes();
  const id = await unsafeWithOwner(env.db, 'system', async ({ tx }) => {
    const u = await tx.insertInto('users').values({ agency_id: agency.id, email, display_name: `User ${email}`, roles: o.roles ?? ['officer'], password_hash: hash }).returning('id').executeTakeFirstOrThrow();
    if (totpSecret) {
      await tx.updateTable('users').set({ totp_secret_enc: seal(env.deps.masterKey, totpSecret, `totp:${u.id}`), totp_enabled_at: new Date(), recovery_codes: rc.hashes }).where('id', '=', u.id).execute();
    }
    if (o.desk !== false) await tx.insertInto('user_desks').values({ user_id: u.id, desk_id: agency.deskId, agency_id: agency.id }).execute();
    return u.id;
  });
  return { id, email, password: TEST_PASSWORD, agencyId: agency.id, totpSecret, recoveryCodes: totpSecret ? rc.codes : [] };
}

export function totpNow(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

export interface Session { cookie: string; csrf: string; userId: string }

/** Signs in through the API and returns the cookie and CSRF token to act as that user. */
export async function signIn(env: TestEnv, u: BuiltUser, totp?: string): Promise<Session> {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: u.password, ...(totp || u.totpSecret ? { totp: totp ?? totpNow(u.totpSecret!) } : {}) } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tansiq_session');
  return { cookie: `tansiq_session=${cookie!.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken, userId: u.id };
}

/** An API call as a session (cookie + CSRF header), or anonymously when `as` is null. */
export async function call(env: TestEnv, as: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (as) {
    headers.cookie = as.cookie;
    if (opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = as.csrf;
  }
  return env.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

export const DEMO_TEST_PASSWORD = 'demo-password-for-tests-1';

/** A test environment with the demo data loaded (every demo user's password is DEMO_TEST_PASSWORD). */
export async function createDemoEnv(): Promise<TestEnv> {
  const env = await createTestEnv();
  const { loadDemoData } = await import('../demo');
  await loadDemoData(env.deps, { password: DEMO_TEST_PASSWORD });
  return env;
}

/** Signs a demo user in by e-mail (demo users have no second factor). */
export async function signInDemo(env: TestEnv, email: string): Promise<Session> {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`demo sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tansiq_session');
  return { cookie: `tansiq_session=${cookie!.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken, userId: (res.json() as { user: { id: string } }).user.id };
}
