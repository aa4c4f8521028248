import { randomBytes } from 'node:crypto';
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

/** Ends every live session of a user, except `keep` (the caller's own, after a password change). */
export async function revokeSessions(ctx: Ctx, userId: string, keep: string | null = null): Promise<number> {
  let q = ctx.tx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keep) q = q.where('id', '!=', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
