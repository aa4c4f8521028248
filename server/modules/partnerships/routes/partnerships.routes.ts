import { z } from 'zod';
import { ZPartnershipDecisionRequest, ZPartnershipQuery, ZProposePartnershipRequest, ZUuid, type TPartnershipDecisionRequest, type TProposePartnershipRequest } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { proposePartnership } from '../commands/propose';
import { PARTNERSHIP_ACTIONS, transitionPartnership } from '../commands/transition';
import { canProposePartnership, partnershipPolicy } from '../policies/partnership.policy';
import { presentPartnership } from '../presenters';
import { agencyRefs, findPartnership, listPartnerships } from '../queries';

const ZId = z.object({ id: ZUuid });
const recordOf = (p: { proposer_agency_id: string; partner_agency_id: string; status: string; suspended_by_agency_id: string | null }) => ({
  proposerAgencyId: p.proposer_agency_id, partnerAgencyId: p.partner_agency_id, status: p.status, suspendedByAgencyId: p.suspended_by_agency_id,
});

/** Partnerships between agencies: propose, answer, suspend, resume, end. */
export async function partnershipRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/partnerships', { schema: { tags: ['partnerships'], summary: "Your agency's partnerships (administrators: every state; others: the active ones)", querystring: ZPartnershipQuery } }, async (req) => {
    const { status } = req.query as z.infer<typeof ZPartnershipQuery>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const rows = (await listPartnerships(ctx, status)).filter((p) => partnershipPolicy.can(ctx.actor, 'read', recordOf(p)));
      const refs = await agencyRefs(ctx, rows.flatMap((p) => [p.proposer_agency_id, p.partner_agency_id]));
      return { partnerships: rows.map((p) => presentPartnership(ctx.actor, p, refs)), abilities: { propose: canProposePartnership(ctx.actor, null) } };
    });
  });

  app.get('/api/partnerships/:id', { schema: { tags: ['partnerships'], summary: 'One partnership of your agency', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const p = await findPartnership(ctx, id);
      if (!partnershipPolicy.can(ctx.actor, 'read', recordOf(p))) throw notFound('partnership');
      return { partnership: presentPartnership(ctx.actor, p, await agencyRefs(ctx, [p.proposer_agency_id, p.partner_agency_id])) };
    });
  });

  app.post('/api/partnerships', { schema: { tags: ['partnerships'], summary: 'Propose a partnership to another agency (agency administrator)', body: ZProposePartnershipRequest } }, async (req, reply) => {
    const body = req.body as TProposePartnershipRequest;
    const result = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!canProposePartnership(ctx.actor, null)) throw notFound('route');
      const p = await proposePartnership(ctx, body);
      return { partnership: presentPartnership(ctx.actor, p, await agencyRefs(ctx, [p.proposer_agency_id, p.partner_agency_id])) };
    });
    return reply.status(201).send(result);
  });

  for (const action of PARTNERSHIP_ACTIONS) {
    app.post(`/api/partnerships/:id/${action}`, { schema: { tags: ['partnerships'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} a partnership (agency administrator)`, params: ZId, body: ZPartnershipDecisionRequest.nullish() } }, async (req) => {
      const { id } = req.params as z.infer<typeof ZId>;
      const body = (req.body ?? {}) as TPartnershipDecisionRequest;
      return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
        const p = await transitionPartnership(ctx, id, action, body.reason);
        return { partnership: presentPartnership(ctx.actor, p, await agencyRefs(ctx, [p.proposer_agency_id, p.partner_agency_id])) };
      });
    });
  }
}
