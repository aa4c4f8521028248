import { z } from 'zod';
import { ZCreateAgencyRequest, ZUpdateAgencyRequest, ZEnrolmentLinkRequest, ZUuid } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, conflict } from '../../../platform/http';
import type { App } from '../../../platform/http';
import { agencyPolicy } from '../policies';
import { presentAgency } from '../presenters';
import { findAgency } from '../queries';
import { issueEnrolmentLink } from '../commands/enrolment';

const ZId = z.object({ id: ZUuid });

/** The agency directory; the platform administrator creates agencies and their first administrator's link. */
export async function agencyRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/agencies', { schema: { tags: ['agencies'], summary: 'The agencies on the platform' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async ({ tx, actor }) => ({
      agencies: (await tx.selectFrom('agencies').selectAll().orderBy('name').execute()).map((a) => presentAgency(actor, a)),
    })),
  );

  app.post('/api/agencies', { schema: { tags: ['agencies'], summary: 'Create an agency (platform administrator)', body: ZCreateAgencyRequest } }, async (req, reply) => {
    const body = req.body as z.infer<typeof ZCreateAgencyRequest>;
    const actor = req.actor!;
    if (!agencyPolicy.can(actor, 'update', { id: '', agencyId: '' })) throw notFound('route');
    const agency = await withActor(deps.db, actor, req.ip, async (ctx) => {
      const exists = await ctx.tx.selectFrom('agencies').select('id').where('code', '=', body.code).executeTakeFirst();
      if (exists) throw conflict(`An agency with the code "${body.code}" already exists.`, [{ path: 'code', message: 'Already taken.' }]);
      const row = await ctx.tx.insertInto('agencies').values({ code: body.code, name: body.name, country: body.country, type: body.type, languages: body.languages }).returningAll().executeTakeFirstOrThrow();
      ctx.audit({ action: 'agency.created', objectType: 'agency', objectId: row.id, subjectAgencyId: row.id, details: { code: row.code, type: row.type } });
      return row;
    });
    return reply.status(201).send({ agency: presentAgency(actor, agency) });
  });

  app.patch('/api/agencies/:id', { schema: { tags: ['agencies'], summary: 'Edit or disable an agency (platform administrator)', params: ZId, body: ZUpdateAgencyRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as z.infer<typeof ZUpdateAgencyRequest>;
    const actor = req.actor!;
    return withActor(deps.db, actor, req.ip, async (ctx) => {
      const agency = await findAgency(ctx, id);
      if (!agencyPolicy.can(actor, 'update', { id, agencyId: id })) throw notFound('agency');
      if (agency.type === 'platform' && body.disabled) throw conflict('The platform operator cannot be disabled.');
      const set = {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.country !== undefined && { country: body.country }),
        ...(body.type !== undefined && { type: body.type }),
        ...(body.languages !== undefined && { languages: body.languages }),
        ...(body.disabled !== undefined && { disabled_at: body.disabled ? new Date() : null }),
      };
      const row = Object.keys(set).length ? await ctx.tx.updateTable('agencies').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow() : agency;
      ctx.audit({ action: body.disabled ? 'agency.disabled' : 'agency.updated', objectType: 'agency', objectId: id, subjectAgencyId: id, details: { fields: Object.keys(body) } });
      return { agency: presentAgency(actor, row) };
    });
  });

  app.post('/api/agencies/:id/enrolment-links', { schema: { tags: ['agencies'], summary: "Issue a one-time enrolment link for an agency's first administrator (platform administrator)", params: ZId, body: ZEnrolmentLinkRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as z.infer<typeof ZEnrolmentLinkRequest>;
    const actor = req.actor!;
    const link = await withActor(deps.db, actor, req.ip, async (ctx) => {
      await findAgency(ctx, id);
      if (!agencyPolicy.can(actor, 'issueEnrolment', { id, agencyId: id })) throw notFound('agency');
      const taken = await ctx.tx.selectFrom('enrolment_links').select('id').where('email', '=', body.email).where('used_at', 'is', null).where('expires_at', '>', new Date()).executeTakeFirst();
      if (taken) throw conflict('An unused enrolment link for this e-mail address already exists.', [{ path: 'email', message: 'A link is pending.' }]);
      return issueEnrolmentLink(ctx, deps.config, { agencyId: id, userId: null, email: body.email, displayName: body.displayName ?? null, roles: ['agency-admin'], purpose: 'first-admin' });
    });
    return reply.status(201).send(link);
  });
}
