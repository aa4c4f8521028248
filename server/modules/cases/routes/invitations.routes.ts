import { z } from 'zod';
import { ZAcceptInvitationRequest, ZUuid, type TAcceptInvitationRequest } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { agencyRefs } from '../../partnerships';
import { acceptInvitation, declineInvitation } from '../commands/answer';
import { canWorkCases } from '../policies/case.policy';
import { presentInvitation } from '../presenters';

const ZId = z.object({ id: ZUuid });

/** Invitations to the actor's agency: seen and answered by its case workers. */
export async function invitationRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/case-invitations', { schema: { tags: ['cases'], summary: 'Open invitations of your agency to cases of partner agencies' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!canWorkCases(ctx.actor, null)) throw notFound('route');
      const rows = await ctx.tx.selectFrom('case_participants').selectAll().where('agency_id', '=', ctx.actor.agencyId!).where('status', '=', 'invited').orderBy('invited_at', 'desc').execute();
      const refs = await agencyRefs(ctx, rows.flatMap((r) => (r.invited_by_agency_id ? [r.invited_by_agency_id] : [])));
      return { invitations: rows.map((r) => presentInvitation(ctx.actor, r, refs)) };
    }),
  );

  app.post('/api/cases/:id/accept', { schema: { tags: ['cases'], summary: "Accept your agency's invitation to a case, naming its members", params: ZId, body: ZAcceptInvitationRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TAcceptInvitationRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await acceptInvitation(ctx, id, body);
      // In a restricted case the person accepting sees it only if they named themselves.
      const visible = await ctx.tx.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst();
      return { caseId: id, visible: !!visible };
    });
  });

  app.post('/api/cases/:id/decline', { schema: { tags: ['cases'], summary: "Decline your agency's invitation to a case", params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await declineInvitation(ctx, id);
      return { ok: true };
    });
  });
}
