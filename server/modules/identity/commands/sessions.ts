import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/db';
import { newToken } from '../../../platform/crypto';
import type { Config } from '../../../platform/config';

/** Starts a session for the context's actor; the cookie carries the token, the database only its hash. */
export async function startSession(ctx: Ctx, config: Config, userAgent: string | null): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionAbsoluteHours * 3600_000);
  await ctx.tx
    .insertInto('sessions')
    .values({ id: hash, user_id: ctx.actor.userId!, agency_id: ctx.actor.agencyId!, csrf_token: csrfToken, ip: ctx.ip, user_agent: userAgent?.slice(0, 300) ?? null, expires_at: expiresAt, last_seen_at: new Date() })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * Ends every live session of a user of the actor's agency, except `keep` (the caller's own, after a password
 * change), and their API tokens when `tokens` is set. Goes through a database function because the sessions of
 * other users are invisible to the application role.
 */
export async function revokeSessions(ctx: Ctx, userId: string, keep: string | null = null, tokens = false): Promise<number> {
  const r = await sql<{ n: number }>`SELECT tansiq_revoke_user_access(${userId}::uuid, ${keep}, ${tokens}) AS n`.execute(ctx.tx);
  // Open live streams of that user re-check their session at once.
  ctx.emit({ topic: 'session.ended', id: userId, audience: { userIds: [userId] } });
  return Number(r.rows[0]?.n ?? 0);
}
