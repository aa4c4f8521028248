import type { z } from 'zod';
import { ZLoginRequest } from '../../../../common';
import { withActor } from '../../../platform/db';
import { SESSION_COOKIE } from '../../../platform/auth';
import type { App } from '../../../platform/http';
import { login } from '../commands/login';
import { loadMe } from './me.routes';

/** POST /api/auth/login and /api/auth/logout. */
export async function authRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.post('/api/auth/login', {
    config: { auth: 'public', rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Sign in with e-mail, password and (when enrolled) a TOTP or recovery code', body: ZLoginRequest },
  }, async (req, reply) => {
    const body = req.body as z.infer<typeof ZLoginRequest>;
    const { session, actor } = await login(deps, body, req.ip, req.headers['user-agent'] ?? null);
    // A new session at every login (no fixation); the previous one, if any, ends.
    if (req.session) await withActor(deps.db, req.actor!, req.ip, async ({ tx }) => tx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', req.session!.id).execute());
    void reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies, expires: session.expiresAt });
    const me = await loadMe(deps, { ...actor }, req.ip, session.csrfToken);
    return me;
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session on the server' } }, async (req, reply) => {
    if (req.session) {
      await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
        await ctx.tx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', req.session!.id).execute();
        ctx.audit({ action: 'auth.logout', objectType: 'user', objectId: ctx.actor.userId });
        ctx.emit({ topic: 'session.ended', id: ctx.actor.userId!, audience: { userIds: [ctx.actor.userId!] } });
      });
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
}
