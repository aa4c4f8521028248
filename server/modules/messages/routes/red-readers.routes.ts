import { z } from 'zod';
import { ZRedReadersRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { badRequest, notFound, type App } from '../../../platform/http';
import { allow, definePolicy, has, ownAgency } from '../../../platform/policy';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });

/** A desk's standing TLP:RED readers are kept by a supervisor of the desk's own agency, before anything arrives. */
export const redReadersPolicy = definePolicy<{ agencyId: string }, 'manage'>({ manage: allow(has('desk.red-readers'), ownAgency()) });

async function deskOf(ctx: Ctx, id: string) {
  const desk = await ctx.tx.selectFrom('desks').select(['id', 'agency_id']).where('id', '=', id).executeTakeFirst();
  if (!desk || !redReadersPolicy.can(ctx.actor, 'manage', { agencyId: desk.agency_id })) throw notFound('desk');
  return desk;
}

async function readers(ctx: Ctx, deskId: string) {
  return ctx.tx.selectFrom('desk_red_readers as r').innerJoin('users as u', 'u.id', 'r.user_id').select(['u.id as userId', 'u.display_name as displayName', 'u.email as email']).where('r.desk_id', '=', deskId).orderBy('u.display_name').execute();
}

export async function redReaderRoutes(app: App): Promise<void> {
  const { deps } = app;
  // Whom a supervisor may name: active colleagues of their own agency who work cases (officer, analyst, liaison).
  app.get('/api/red-reader-candidates', { schema: { tags: ['messages'], summary: 'Colleagues a supervisor may name as TLP:RED readers' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!redReadersPolicy.can(ctx.actor, 'manage', { agencyId: ctx.actor.agencyId! })) throw notFound('route');
      const candidates = await ctx.tx.selectFrom('users').select(['id', 'display_name as displayName', 'email']).where('agency_id', '=', ctx.actor.agencyId!).where('disabled_at', 'is', null)
        .where((eb) => eb.or(['officer', 'analyst', 'liaison'].map((r) => eb(eb.val(r), '=', eb.fn.any('roles'))))).orderBy('display_name').execute();
      return { candidates };
    }),
  );
  app.get('/api/desks/:id/red-readers', { schema: { tags: ['messages'], summary: "A desk's standing TLP:RED readers (its agency's supervisor)", params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await deskOf(ctx, id);
      return { readers: await readers(ctx, id) };
    });
  });
  app.put('/api/desks/:id/red-readers', { schema: { tags: ['messages'], summary: "Replace a desk's TLP:RED readers (applies to messages sent from now on)", params: ZId, body: ZRedReadersRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const { userIds } = req.body as z.infer<typeof ZRedReadersRequest>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const desk = await deskOf(ctx, id);
      const unique = [...new Set(userIds)];
      const own = unique.length ? await ctx.tx.selectFrom('users').select('id').where('agency_id', '=', desk.agency_id).where('disabled_at', 'is', null).where('id', 'in', unique).execute() : [];
      if (own.length !== unique.length) throw badRequest('Every RED reader must be an active user of your agency.', [{ path: 'userIds', message: 'Unknown user.' }]);
      await ctx.tx.deleteFrom('desk_red_readers').where('desk_id', '=', id).execute();
      if (unique.length) await ctx.tx.insertInto('desk_red_readers').values(unique.map((u) => ({ desk_id: id, user_id: u, agency_id: desk.agency_id, added_by: ctx.actor.userId! }))).execute();
      ctx.audit({ action: 'desk.red_readers_set', objectType: 'desk', objectId: id, details: { readers: unique.length } });
      return { readers: await readers(ctx, id) };
    });
  });
}
