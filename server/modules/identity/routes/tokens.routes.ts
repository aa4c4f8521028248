import { z } from 'zod';
import { ZCreateTokenRequest, ZUuid } from '../../../../common';
import { withActor } from '../../../platform/db';
import { newToken } from '../../../platform/crypto';
import { notFound, AppError } from '../../../platform/http';
import type { App } from '../../../platform/http';

type TokenRow = { id: string; name: string; prefix: string; created_at: Date; expires_at: Date; last_used_at: Date | null; revoked_at: Date | null };
const present = (t: TokenRow) => ({
  id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at.toISOString(), expiresAt: t.expires_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null, revoked: t.revoked_at !== null, abilities: { revoke: t.revoked_at === null },
});

/** API tokens for machine clients: act as their user, inside that user's agency; shown once, stored hashed. */
export async function tokenRoutes(app: App): Promise<void> {
  const { deps } = app;
  const cols = ['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;
  app.get('/api/me/tokens', { schema: { tags: ['me'], summary: 'My API tokens' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async ({ tx }) => ({
      tokens: (await tx.selectFrom('api_tokens').select(cols).where('user_id', '=', req.actor!.userId!).orderBy('created_at', 'desc').execute()).map(present),
    })),
  );
  app.post('/api/me/tokens', { schema: { tags: ['me'], summary: 'Create an API token (its secret is returned once)', body: ZCreateTokenRequest } }, async (req) => {
    const body = req.body as z.infer<typeof ZCreateTokenRequest>;
    if (req.actor!.tokenId) throw new AppError(400, 'bad_request', 'An API token cannot create other tokens: sign in to the web application.');
    const { token, hash } = newToken('tsq_');
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const row = await ctx.tx
        .insertInto('api_tokens')
        .values({ agency_id: ctx.actor.agencyId!, user_id: ctx.actor.userId!, name: body.name, token_hash: hash, prefix: token.slice(0, 8), expires_at: new Date(Date.now() + body.expiresInDays * 86400_000) })
        .returning(cols)
        .executeTakeFirstOrThrow();
      ctx.audit({ action: 'token.created', objectType: 'api_token', objectId: row.id });
      return { token, record: present(row) };
    });
  });
  app.delete('/api/me/tokens/:id', { schema: { tags: ['me'], summary: 'Revoke an API token', params: z.object({ id: ZUuid }) } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const r = await ctx.tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('user_id', '=', ctx.actor.userId!).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('API token');
      ctx.audit({ action: 'token.revoked', objectType: 'api_token', objectId: id });
      return { ok: true };
    });
  });
}
