import { z } from 'zod';
import { ZCreateUserRequest, ZUpdateUserRequest, ZResetUserRequest, ZUuid } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, conflict, badRequest } from '../../../platform/http';
import type { App } from '../../../platform/http';
import { userPolicy } from '../policies';
import { presentUser } from '../presenters';
import { deskIdsByUser, findAgencyUser } from '../queries';
import { issueEnrolmentLink } from '../commands/enrolment';
import { revokeSessions } from '../commands/sessions';
import { notifyAgencyAdmins } from '../commands/notify';

const ZId = z.object({ id: ZUuid });

async function setDesks(ctx: Ctx, userId: string, deskIds: string[]): Promise<void> {
  const own = await ctx.tx.selectFrom('desks').select('id').where('agency_id', '=', ctx.actor.agencyId!).where('id', 'in', deskIds.length ? deskIds : ['00000000-0000-0000-0000-000000000000']).execute();
  if (own.length !== new Set(deskIds).size) throw badRequest('One of the desks is not a desk of your agency.', [{ path: 'deskIds', message: 'Unknown desk.' }]);
  await ctx.tx.deleteFrom('user_desks').where('user_id', '=', userId).execute();
  if (deskIds.length) await ctx.tx.insertInto('user_desks').values([...new Set(deskIds)].map((d) => ({ user_id: userId, desk_id: d, agency_id: ctx.actor.agencyId! }))).execute();
}

/** An agency administrator's management of their own agency's staff. */
export async function userRoutes(app: App): Promise<void> {
  const { deps } = app;
  const canManage = (ctx: Ctx) => userPolicy.can(ctx.actor, 'update', { id: '', agencyId: ctx.actor.agencyId! });

  app.get('/api/users', { schema: { tags: ['users'], summary: "Your agency's users (agency administrator)" } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!canManage(ctx)) throw notFound('route');
      const users = await ctx.tx.selectFrom('users').selectAll().where('agency_id', '=', ctx.actor.agencyId!).orderBy('display_name').execute();
      const desks = await deskIdsByUser(ctx, users.map((u) => u.id));
      return { users: users.map((u) => presentUser(ctx.actor, u, desks.get(u.id) ?? [])) };
    }),
  );

  app.post('/api/users', { schema: { tags: ['users'], summary: 'Create a user in your agency; returns a one-time enrolment link', body: ZCreateUserRequest } }, async (req, reply) => {
    const body = req.body as z.infer<typeof ZCreateUserRequest>;
    const result = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!canManage(ctx)) throw notFound('route');
      const existing = await ctx.tx.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst();
      if (existing) throw conflict('A user with this e-mail address already exists.', [{ path: 'email', message: 'Already registered.' }]);
      const user = await ctx.tx.insertInto('users').values({ agency_id: ctx.actor.agencyId!, email: body.email, display_name: body.displayName, roles: body.roles }).returningAll().executeTakeFirstOrThrow();
      await setDesks(ctx, user.id, body.deskIds);
      ctx.audit({ action: 'user.created', objectType: 'user', objectId: user.id, details: { roles: body.roles, desks: body.deskIds.length } });
      const link = await issueEnrolmentLink(ctx, deps.config, { agencyId: user.agency_id, userId: user.id, email: user.email, displayName: user.display_name, roles: user.roles, purpose: 'new-user' });
      return { user: presentUser(ctx.actor, user, body.deskIds), enrolmentUrl: link.enrolmentUrl, expiresAt: link.expiresAt };
    });
    return reply.status(201).send(result);
  });

  app.get('/api/users/:id', { schema: { tags: ['users'], summary: 'One user of your agency', params: ZId } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { id } = req.params as { id: string };
      const user = await findAgencyUser(ctx, id);
      if (!userPolicy.can(ctx.actor, 'read', { id, agencyId: user.agency_id })) throw notFound('user');
      return { user: presentUser(ctx.actor, user, (await deskIdsByUser(ctx, [id])).get(id) ?? []) };
    }),
  );

  app.patch('/api/users/:id', { schema: { tags: ['users'], summary: 'Edit roles, desks, name, or disable a user of your agency', params: ZId, body: ZUpdateUserRequest } }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as z.infer<typeof ZUpdateUserRequest>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const user = await findAgencyUser(ctx, id);
      const rec = { id, agencyId: user.agency_id };
      if (!userPolicy.can(ctx.actor, 'update', rec)) throw notFound('user');
      if (body.disabled !== undefined && !userPolicy.can(ctx.actor, 'disable', rec)) throw badRequest('You cannot disable your own account.');
      if (body.roles && id === ctx.actor.userId && !body.roles.includes('agency-admin')) throw badRequest('You cannot remove your own administrator role: ask another administrator.', [{ path: 'roles', message: 'Keep agency-admin.' }]);
      const set = {
        ...(body.displayName !== undefined && { display_name: body.displayName }),
        ...(body.roles !== undefined && { roles: body.roles }),
        ...(body.disabled !== undefined && { disabled_at: body.disabled ? new Date() : null }),
      };
      const row = Object.keys(set).length ? await ctx.tx.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow() : user;
      if (body.deskIds) await setDesks(ctx, id, body.deskIds);
      if (body.disabled) await revokeSessions(ctx, id, null, true);
      ctx.audit({ action: body.disabled === true ? 'user.disabled' : body.disabled === false ? 'user.enabled' : 'user.updated', objectType: 'user', objectId: id, details: { fields: Object.keys(body), roles: body.roles } });
      return { user: presentUser(ctx.actor, row, body.deskIds ?? (await deskIdsByUser(ctx, [id])).get(id) ?? []) };
    });
  });

  app.post('/api/users/:id/reset', {
    schema: { tags: ['users'], summary: "Reset a user's password (new enrolment link) or second factor; ends their sessions and tells the administrators", params: ZId, body: ZResetUserRequest },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const { kind } = req.body as z.infer<typeof ZResetUserRequest>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const user = await findAgencyUser(ctx, id);
      if (!userPolicy.can(ctx.actor, 'reset', { id, agencyId: user.agency_id })) throw notFound('user');
      // Either reset clears the second factor and every session: whoever held them is out.
      await ctx.tx.updateTable('users').set({
        totp_secret_enc: null, totp_pending_enc: null, totp_enabled_at: null, totp_last_counter: null, recovery_codes: [],
        ...(kind === 'password' && { password_hash: null }),
      }).where('id', '=', id).execute();
      const ended = await revokeSessions(ctx, id, null, kind === 'password');
      ctx.audit({ action: kind === 'password' ? 'user.password_reset' : 'user.totp_reset', objectType: 'user', objectId: id, details: { sessionsEnded: ended } });
      await notifyAgencyAdmins(ctx, ctx.actor.agencyId!, kind === 'password' ? 'user.password_reset' : 'user.totp_reset', { userId: id, by: ctx.actor.userId });
      if (kind === 'totp') return { enrolmentUrl: null };
      const link = await issueEnrolmentLink(ctx, deps.config, { agencyId: user.agency_id, userId: id, email: user.email, displayName: user.display_name, roles: user.roles, purpose: 'password-reset' });
      return { enrolmentUrl: link.enrolmentUrl, expiresAt: link.expiresAt };
    });
  });
}
