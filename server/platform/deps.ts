import type { Config } from './config';
import type { Database } from './db';
import type { PasswordHasher } from './auth';
import type { MasterKey, AuditKey } from './crypto';

/** What route handlers and commands need from the running service. */
export interface Deps {
  config: Config;
  db: Database;
  hasher: PasswordHasher;
  masterKey: MasterKey;
  auditKey: AuditKey | null;
}
