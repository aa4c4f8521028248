import { resolve, join, dirname } from 'node:path';

/** Everything Tansiq reads from its environment, resolved once. */
export interface Config {
  port: number;
  host: string;
  /** Embedded PostgreSQL data folder (PGlite); also the lock-file owner. */
  dataDir: string;
  /** Owner connection (migrations, CLI). When unset, Tansiq runs on embedded PGlite. */
  databaseUrl: string | null;
  /** Application connection: a NOSUPERUSER, NOBYPASSRLS role that owns nothing. */
  appDatabaseUrl: string | null;
  auditKeyFile: string;
  masterKeyFile: string;
  /** True when keys were not configured and demo keys are generated in a folder beside the data. */
  demoKeys: boolean;
  demoPassword: string | null;
  publicUrl: string;
  /** Cookies get the Secure flag (set when served under TLS, directly or behind a proxy). */
  secureCookies: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  logLevel: string;
  /** Cheap argon2 parameters under test only. */
  fastHashing: boolean;
  auditCheckpointMinutes: number;
  /** Requests a minute per client address across the API (login and enrolment have their own, lower limits). */
  rateLimitPerMinute: number;
  /** Sign-in attempts a minute per client address (per-account back-off protects each account on its own). */
  loginRateLimitPerMinute: number;
  /** Largest attachment accepted, in bytes (TANSIQ_MAX_ATTACHMENT_MB, default 50). */
  maxAttachmentBytes: number;
  /** Largest photo of a notice's subject accepted, in bytes (TANSIQ_MAX_PHOTO_MB, default 5). */
  maxPhotoBytes: number;
}

function int(v: string | undefined, d: number): number {
  if (v === undefined || v === '') return d;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Expected a whole number, got "${v}".`);
  return n;
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.TANSIQ_DATA_DIR || './data');
  const keysDir = join(dirname(dataDir), `${dataDir.split(/[\\/]/).pop() ?? 'data'}-keys`);
  const port = int(env.PORT, 8080);
  const databaseUrl = env.DATABASE_URL || null;
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl,
    appDatabaseUrl: env.TANSIQ_APP_DATABASE_URL || (databaseUrl ? deriveAppUrl(databaseUrl) : null),
    auditKeyFile: resolve(env.TANSIQ_AUDIT_KEY_FILE || join(keysDir, 'audit-ed25519.pem')),
    masterKeyFile: resolve(env.TANSIQ_MASTER_KEY_FILE || join(keysDir, 'master.key')),
    demoKeys: !env.TANSIQ_AUDIT_KEY_FILE || !env.TANSIQ_MASTER_KEY_FILE,
    demoPassword: env.TANSIQ_DEMO_PASSWORD || null,
    publicUrl: (env.TANSIQ_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secureCookies: env.TANSIQ_SECURE_COOKIES ? env.TANSIQ_SECURE_COOKIES === 'true' : (env.TANSIQ_PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy: env.TANSIQ_TRUST_PROXY === 'true',
    sessionIdleMinutes: int(env.TANSIQ_SESSION_IDLE_MINUTES, 60),
    sessionAbsoluteHours: int(env.TANSIQ_SESSION_ABSOLUTE_HOURS, 12),
    logLevel: env.LOG_LEVEL || 'info',
    fastHashing: env.TANSIQ_FAST_HASHING === 'true' && env.NODE_ENV !== 'production',
    auditCheckpointMinutes: int(env.TANSIQ_AUDIT_CHECKPOINT_MINUTES, 60),
    rateLimitPerMinute: int(env.TANSIQ_RATE_LIMIT_PER_MINUTE, 600),
    loginRateLimitPerMinute: int(env.TANSIQ_LOGIN_RATE_LIMIT_PER_MINUTE, 60),
    maxAttachmentBytes: int(env.TANSIQ_MAX_ATTACHMENT_MB, 50) * 1024 * 1024,
    maxPhotoBytes: int(env.TANSIQ_MAX_PHOTO_MB, 5) * 1024 * 1024,
  };
}

/** The application role's URL derived from the owner's: same server and database, user tansiq_app. */
export function deriveAppUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = 'tansiq_app';
  u.password = '';
  return u.toString();
}
