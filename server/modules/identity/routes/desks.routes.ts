import { z } from 'zod';
import { ZCreateDeskRequest, ZUpdateDeskRequest, ZUuid } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, conflict } from '../../../platform/http';
import type { App } from '../../../platform/http';
import { deskPolicy } from '../policies';
import { presentDesk } from '../presenters';
import { findDesk } from '../queries';

/** Desks (units) inside an agency: messages are addressed to them. */
export async function deskRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/desks', { schema: { tags: ['desks'], summary: "Desks of an agency (default: the caller's own)", querystring: z.object({ agencyId: ZUuid.optional() }) } }, async (req) => {
    const { agencyId } = req.query as { agencyId?: string };
    return withActor(deps.db, req.actor!, req.ip, async ({ tx, actor }) => ({
      desks: (await tx.selectFrom('desks').selectAll().where('agency_id', '=', agencyId ?? actor.agencyId!).orderBy('name').execute()).map((d) => presentDesk(actor, d)),
    }));
  });

  app.post('/api/desks', { schema: { tags: ['desks'], summary: 'Create a desk in your agency (agency administrator)', body: ZCreateDeskRequest } }, async (req, reply) => {
    const body = req.body as z.infer<typeof ZCreateDeskRequest>;
    const actor = req.actor!;
    if (!deskPolicy.can(actor, 'update', { id: '', agencyId: actor.agencyId! })) throw notFound('route');
    const desk = await withActor(deps.db, actor, req.ip, async (ctx) => {
      const exists = await ctx.tx.selectFrom('desks').select('id').where('agency_id', '=', actor.agencyId!).where('code', '=', body.code).executeTakeFirst();
      if (exists) throw conflict(`Your agency already has a desk with the code "${body.code}".`, [{ path: 'code', message: 'Already taken.' }]);
      const row = await ctx.tx.insertInto('desks').values({ agency_id: actor.agencyId!, code: body.code, name: body.name, is_ncb: body.isNcb }).returningAll().executeTakeFirstOrThrow();
      ctx.audit({ action: 'desk.created', objectType: 'desk', objectId: row.id });
      return row;
    });
    return reply.status(201).send({ desk: presentDesk(actor, desk) });
  });

  app.patch('/api/desks/:id', { schema: { tags: ['desks'], summary: 'Rename or disable a desk (agency administrator)', params: z.object({ id: ZUuid }), body: ZUpdateDeskRequest } }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as z.infer<typeof ZUpdateDeskRequest>;
    const actor = req.actor!;
    return withActor(deps.db, actor, req.ip, async (ctx) => {
      const desk = await findDesk(ctx, id);
      // Another agency's desk is readable in the directory, but for editing it does not exist.
      if (!deskPolicy.can(actor, 'update', { id, agencyId: desk.agency_id })) throw notFound('desk');
      const set = {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.disabled !== undefined && { disabled_at: body.disabled ? new Date() : null }),
      };
      const row = Object.keys(set).length ? await ctx.tx.updateTable('desks').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow() : desk;
      ctx.audit({ action: body.disabled ? 'desk.disabled' : 'desk.updated', objectType: 'desk', objectId: id, details: { fields: Object.keys(body) } });
      return { desk: presentDesk(actor, row) };
    });
  });
}
