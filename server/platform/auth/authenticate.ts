import { sql, type RawBuilder } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../../common';
import { withActor, ANONYMOUS, type Actor, type Database } from '../db';
import { sha256, safeEqual } from '../crypto';
import { AppError } from '../http';
import type { SessionInfo } from '../http';
import type { Config } from '../config';

export const SESSION_COOKIE = 'tansiq_session';

function asRoles(roles: string[]): Role[] {
  return roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/**
 * A credential look-up through its SECURITY DEFINER function. On a PostgreSQL server the application pool already logs
 * in as tansiq_app and the function reads no actor setting: one statement instead of a four-statement transaction, on
 * every request. The embedded database connects as a superuser, so there it runs inside withActor (application role).
 */
async function definerLookup<R>(db: Database, ip: string | null, q: RawBuilder<R>): Promise<R | undefined> {
  if (db.kind === 'postgres') return (await q.execute(db.app)).rows[0];
  return withActor(db, ANONYMOUS, ip, async ({ tx }) => (await q.execute(tx)).rows[0]);
}

/**
 * Finds who is calling: a session cookie (idle and absolute timeouts enforced, last use recorded at most once a
 * minute) or an API token (`Authorization: Bearer tsq_…`, scoped to the token's agency and user).
 * Returns null for anonymous callers; never throws for a bad credential (the route decides).
 */
export async function authenticate(db: Database, config: Config, req: FastifyRequest): Promise<{ actor: Actor; session: SessionInfo | null } | null> {
  const ip = req.ip || null;
  const authz = req.headers.authorization;
  if (authz?.startsWith('Bearer ')) {
    const hash = sha256(authz.slice(7).trim());
    const row = await definerLookup(db, ip, sql<{ id: string; user_id: string; agency_id: string; expires_at: Date; roles: string[]; disabled: boolean; desk_ids: string[] }>`SELECT * FROM tansiq_auth_api_token(${hash})`);
    if (!row || row.disabled || row.expires_at.getTime() <= Date.now()) return null;
    const actor: Actor = { userId: row.user_id, agencyId: row.agency_id, roles: asRoles(row.roles), deskIds: row.desk_ids, tokenId: row.id };
    await withActor(db, actor, ip, async ({ tx }) => {
      await tx.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
    });
    return { actor, session: null };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  const id = sha256(token);
  const row = await definerLookup(db, ip, sql<{ id: string; user_id: string; agency_id: string; csrf_token: string; last_seen_at: Date; expires_at: Date; roles: string[]; disabled: boolean; desk_ids: string[] }>`SELECT * FROM tansiq_auth_session(${id})`);
  if (!row || row.disabled) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000 <= now) return null;
  const actor: Actor = { userId: row.user_id, agencyId: row.agency_id, roles: asRoles(row.roles), deskIds: row.desk_ids };
  // The idle clock is kept to the minute: one write a minute per session, not one per request.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await withActor(db, actor, ip, async ({ tx }) => tx.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute());
  }
  return { actor, session: { id, csrfToken: row.csrf_token } };
}

/** Cookie-authenticated mutations must carry the session's CSRF token in X-CSRF-Token. */
export function checkCsrf(req: FastifyRequest): void {
  if (!req.session) return; // API tokens are not sent by browsers automatically: no CSRF exposure.
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, req.session.csrfToken)) {
    throw new AppError(403, 'csrf_failed', 'This request lacks a valid X-CSRF-Token header. Reload the page and try again.');
  }
}
