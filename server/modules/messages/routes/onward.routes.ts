import { z } from 'zod';
import { ZPassOnRequest, ZPermissionDecision, ZPermissionRequest, permissionsOf, type PMessagePermission, type TPassOnRequest, type TPermissionRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { messagePolicy } from '../policies/message.policy';
import { messageRecord } from '../presenters';
import { loadMessage, receiptsOf } from '../queries';
import { decidePermission, onwardOptions, passOn, requestPermission } from '../commands/onward';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });

async function guard(ctx: Ctx, id: string, ability: 'passOn' | 'requestPermission') {
  const m = await loadMessage(ctx, id);
  const receipts = (await receiptsOf(ctx, [id])).get(id) ?? [];
  const acked = !!(await ctx.tx.selectFrom('message_h3_acks').select('user_id').where('message_id', '=', id).where('user_id', '=', ctx.actor.userId!).executeTakeFirst());
  if (!messagePolicy.can(ctx.actor, ability, messageRecord(ctx.actor, m, receipts, acked))) throw notFound('message');
  return m;
}

async function listPermissions(ctx: Ctx, box: 'incoming' | 'outgoing'): Promise<PMessagePermission[]> {
  const rows = await ctx.tx
    .selectFrom('message_permissions as p')
    .innerJoin('agencies as o', 'o.id', 'p.origin_agency_id')
    .innerJoin('agencies as r', 'r.id', 'p.requester_agency_id')
    .leftJoin('agencies as t', 't.id', 'p.target_agency_id')
    .selectAll('p')
    .select(['o.name as origin_name', 'r.name as requester_name', 't.name as target_name'])
    .where(box === 'incoming' ? 'p.origin_agency_id' : 'p.requester_agency_id', '=', ctx.actor.agencyId!)
    .orderBy('p.created_at', 'desc')
    .limit(200)
    .execute();
  const canDecide = permissionsOf(ctx.actor.roles).has('request.start') || permissionsOf(ctx.actor.roles).has('notice.approve');
  return rows.map((p) => ({
    id: p.id, originMessageId: p.origin_message_id, viaMessageId: p.via_message_id, originAgencyId: p.origin_agency_id, originAgencyName: p.origin_name,
    requesterAgencyId: p.requester_agency_id, requesterAgencyName: p.requester_name, kind: p.kind, targetAgencyId: p.target_agency_id, targetAgencyName: p.target_name,
    reason: p.reason, status: p.status, decisionNote: p.decision_note, createdAt: p.created_at.toISOString(), decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null,
    abilities: { decide: box === 'incoming' && p.status === 'pending' && canDecide },
  }));
}

/** Passing information on, and permissions asked of the original provider. */
export async function onwardRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.post('/api/messages/:id/pass-on', { schema: { tags: ['messages'], summary: 'Pass information on as a copy that keeps the provider\'s codes (TLP × handling-code rules apply)', params: ZId, body: ZPassOnRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TPassOnRequest;
    const copyId = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const m = await guard(ctx, id, 'passOn');
      return passOn(ctx, m, body);
    });
    return reply.status(201).send({ id: copyId });
  });

  app.get('/api/messages/:id/onward-options', { schema: { tags: ['messages'], summary: 'The agencies of a case this message could be passed on to, each with the onward rule\'s reasons when refused', params: ZId, querystring: z.object({ caseId: z.uuid('Not a valid identifier.') }) } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const { caseId } = req.query as { caseId: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => ({ targets: await onwardOptions(ctx, await guard(ctx, id, 'passOn'), caseId) }));
  });

  app.post('/api/messages/:id/permissions', { schema: { tags: ['messages'], summary: 'Ask the original provider for permission (H2 dissemination, H1 judicial use)', params: ZId, body: ZPermissionRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TPermissionRequest;
    const permissionId = await withActor(deps.db, req.actor!, req.ip, async (ctx) => requestPermission(ctx, await guard(ctx, id, 'requestPermission'), body));
    return reply.status(201).send({ id: permissionId });
  });

  app.get('/api/permissions', { schema: { tags: ['messages'], summary: 'Permission requests: incoming (to my agency as provider) or outgoing', querystring: z.object({ box: z.enum(['incoming', 'outgoing']).default('incoming') }) } }, async (req) => {
    const { box } = req.query as { box: 'incoming' | 'outgoing' };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!permissionsOf(ctx.actor.roles).has('case.work') && !permissionsOf(ctx.actor.roles).has('notice.approve')) throw notFound('route');
      return { permissions: await listPermissions(ctx, box) };
    });
  });

  app.post('/api/permissions/:id/decide', { schema: { tags: ['messages'], summary: 'The original provider grants or refuses a permission request', params: ZId, body: ZPermissionDecision } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const { decision, note } = req.body as z.infer<typeof ZPermissionDecision>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const roles = permissionsOf(ctx.actor.roles);
      if (!roles.has('request.start') && !roles.has('notice.approve')) throw notFound('permission request');
      await decidePermission(ctx, id, decision, note);
      return { permissions: await listPermissions(ctx, 'incoming') };
    });
  });
}
