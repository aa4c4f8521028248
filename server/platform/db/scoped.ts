import { sql, type Transaction } from 'kysely';
import type { Role } from '../../../common';
import type { Database } from './database';
import type { DB } from './schema';
import { CHANNEL, type LiveEvent } from '../realtime/live';

/** Who is acting. A user (with their agency and roles), or the CLI/system with a label. */
export interface Actor {
  userId: string | null;
  agencyId: string | null;
  roles: readonly Role[];
  /** Desks the user belongs to (loaded at authentication). */
  deskIds: readonly string[];
  label?: 'cli' | 'system' | 'anonymous';
  /** Set when the actor authenticated with an API token. */
  tokenId?: string | null;
}

export interface AuditInput {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  /** The agency owning the object when it is not the actor's (so that agency sees it in its audit). */
  subjectAgencyId?: string | null;
  purpose?: string | null;
  /** References only (ids, counts): never names searched or content read. */
  details?: Record<string, unknown>;
}

/** The context every mutation takes: the actor, the client address, the transaction and the audit. */
export interface Ctx {
  actor: Actor;
  ip: string | null;
  tx: Transaction<DB>;
  audit(event: AuditInput): void;
  /** Announces a change (topic and id only) to the named audience once the transaction commits. */
  emit(event: LiveEvent): void;
}

export const ANONYMOUS: Actor = { userId: null, agencyId: null, roles: [], deskIds: [], label: 'anonymous' };

/**
 * The one way application code reaches the database. Opens a transaction, drops to the application role
 * (PGlite always connects as a superuser; on PostgreSQL the pool already logs in as tansiq_app), sets the
 * actor in transaction-local settings that the row-level-security policies read, runs `fn`, and appends the
 * audit events it recorded as the last step before commit, under the chain lock.
 */
export async function withActor<T>(db: Database, actor: Actor, ip: string | null, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const live: LiveEvent[] = [];
  const result = await db.app.transaction().execute(async (tx) => {
    if (db.kind === 'embedded') await sql`SET LOCAL ROLE tansiq_app`.execute(tx);
    await setContext(tx, actor, ip);
    const events: AuditInput[] = [];
    const out = await fn({ actor, ip, tx, audit: (e) => events.push(e), emit: (e) => live.push(e) });
    await finish(db, tx, events, live);
    return out;
  });
  if (db.kind === 'embedded' && live.length > 0) db.live.deliver(live);
  return result;
}

/** Last steps before commit: the audit append (under the chain lock), then the live notification on PostgreSQL. */
async function finish(db: Database, tx: Transaction<DB>, events: AuditInput[], live: LiveEvent[]): Promise<void> {
  // NOTIFY is transactional: listeners hear it only if this commits. Payloads stay under PostgreSQL's 8 kB limit.
  const batches: LiveEvent[][] = [];
  if (db.kind === 'postgres') {
    let batch: LiveEvent[] = [];
    let size = 2;
    for (const e of live) {
      const n = JSON.stringify(e).length + 1;
      if (batch.length > 0 && size + n > 7000) {
        batches.push(batch);
        batch = [];
        size = 2;
      }
      batch.push(e);
      size += n;
    }
    if (batch.length > 0) batches.push(batch);
  }
  // The audit append and the first notification travel in one statement: one round trip fewer per audited write.
  const first = batches.shift();
  if (events.length > 0 && first) await sql`SELECT tansiq_audit_append(${JSON.stringify(events)}::jsonb), pg_notify(${CHANNEL}, ${JSON.stringify(first)})`.execute(tx);
  else if (events.length > 0) await sql`SELECT tansiq_audit_append(${JSON.stringify(events)}::jsonb)`.execute(tx);
  else if (first) await sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(first)})`.execute(tx);
  for (const b of batches) await sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(b)})`.execute(tx);
}

/**
 * For the CLI and maintenance only: a transaction as the owner (row-level security bypassed), still audited,
 * with the actor labelled. Named unsafe because nothing scopes what it can see.
 */
export async function unsafeWithOwner<T>(db: Database, label: 'cli' | 'system', fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const actor: Actor = { userId: null, agencyId: null, roles: [], deskIds: [], label };
  const live: LiveEvent[] = [];
  const result = await db.unsafeOwner.transaction().execute(async (tx) => {
    await setContext(tx, actor, null);
    const events: AuditInput[] = [];
    const out = await fn({ actor, ip: null, tx, audit: (e) => events.push(e), emit: (e) => live.push(e) });
    await finish(db, tx, events, live);
    return out;
  });
  if (db.kind === 'embedded' && live.length > 0) db.live.deliver(live);
  return result;
}

async function setContext(tx: Transaction<DB>, actor: Actor, ip: string | null): Promise<void> {
  await sql`SELECT set_config('tansiq.user_id', ${actor.userId ?? ''}, true),
                   set_config('tansiq.agency_id', ${actor.agencyId ?? ''}, true),
                   set_config('tansiq.platform_admin', ${actor.roles.includes('platform-admin') ? 'on' : 'off'}, true),
                   set_config('tansiq.actor_label', ${actor.label ?? ''}, true),
                   set_config('tansiq.ip', ${ip ?? ''}, true)`.execute(tx);
}
