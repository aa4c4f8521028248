import { z } from 'zod';
import { ZCaseListQuery, ZCreateCaseRequest, ZInviteRequest, ZNameMembersRequest, ZUpdateCaseRequest, ZUuid, type PAgencyRef, type TCaseListQuery, type TCreateCaseRequest, type TInviteRequest, type TNameMembersRequest, type TUpdateCaseRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { agencyRefs } from '../../partnerships';
import { leaveCase } from '../commands/answer';
import { inviteAgency } from '../commands/invite';
import { nameMembers, removeMember } from '../commands/members';
import { openCase } from '../commands/open';
import { updateCase } from '../commands/update';
import { caseDetail } from '../detail';
import { canWorkCases, casePolicy } from '../policies/case.policy';
import { presentCaseSummary } from '../presenters';
import { assignablePeople, caseColleagues, listCases, loadCase } from '../queries';

const ZId = z.object({ id: ZUuid });
const ZMember = z.object({ id: ZUuid, userId: ZUuid });

function requireWorker(ctx: Ctx): void {
  if (!canWorkCases(ctx.actor, null)) throw notFound('route');
}

/** Reads a case for its page: an audited read (`case.read`), seen by the owning agency in its audit trail. */
async function readCase(ctx: Ctx, id: string) {
  const { row, record } = await loadCase(ctx, id);
  ctx.audit({ action: 'case.read', objectType: 'case', objectId: id, subjectAgencyId: row.agency_id === ctx.actor.agencyId ? null : row.agency_id });
  return { case: await caseDetail(ctx, row, record) };
}

/** Cases: list, open, read, edit, invite, leave, members. */
export async function caseRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/cases', { schema: { tags: ['cases'], summary: 'Cases you may see, with filters (status, crime area, mine, overdue)', querystring: ZCaseListQuery } }, async (req) => {
    const f = req.query as TCaseListQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      requireWorker(ctx);
      const rows = await listCases(ctx, f);
      const parts = rows.length
        ? await ctx.tx.selectFrom('case_participants').select(['case_id', 'agency_id', 'role']).where('case_id', 'in', rows.map((r) => r.id)).where('status', '=', 'active').execute()
        : [];
      const refs = await agencyRefs(ctx, [...rows.map((r) => r.agency_id), ...parts.map((p) => p.agency_id)]);
      const byCase = new Map<string, PAgencyRef[]>();
      for (const p of [...parts].sort((a, b) => (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1))) {
        const ref = refs.get(p.agency_id);
        if (ref) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), ref]);
      }
      ctx.audit({ action: 'case.listed', objectType: 'case', details: { count: rows.length } });
      return { cases: rows.map((r) => presentCaseSummary(r, byCase.get(r.id) ?? [], refs)), abilities: { create: true } };
    });
  });

  app.post('/api/cases', { schema: { tags: ['cases'], summary: 'Open a case for your agency and desk', body: ZCreateCaseRequest } }, async (req, reply) => {
    const body = req.body as TCreateCaseRequest;
    const result = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      requireWorker(ctx);
      const id = await openCase(ctx, body);
      const { row, record } = await loadCase(ctx, id);
      return { case: await caseDetail(ctx, row, record) };
    });
    return reply.status(201).send(result);
  });

  app.get('/api/case-colleagues', { schema: { tags: ['cases'], summary: 'Colleagues of your agency who work cases (to name as members)' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      requireWorker(ctx);
      return { colleagues: await caseColleagues(ctx, null) };
    }),
  );

  app.get('/api/cases/:id', { schema: { tags: ['cases'], summary: 'A case: summary, participants, members, tasks and timeline (an audited read)', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, (ctx) => readCase(ctx, id));
  });

  app.patch('/api/cases/:id', { schema: { tags: ['cases'], summary: 'Edit a case or change its status (owning agency)', params: ZId, body: ZUpdateCaseRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TUpdateCaseRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      await updateCase(ctx, row, record, body);
      const fresh = await loadCase(ctx, id);
      return { case: await caseDetail(ctx, fresh.row, fresh.record) };
    });
  });

  app.get('/api/cases/:id/people', { schema: { tags: ['cases'], summary: 'Who can be given a task in the case, and which colleagues you can name as members', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      const canName = casePolicy.can(ctx.actor, 'nameMembers', record);
      return { assignees: await assignablePeople(ctx, id, row.restricted), nameable: canName ? (await caseColleagues(ctx, id)).filter((c) => !c.member) : [] };
    });
  });

  app.post('/api/cases/:id/invitations', { schema: { tags: ['cases'], summary: 'Invite a partner agency into the case (liaison of the owning agency; needs an active partnership)', params: ZId, body: ZInviteRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TInviteRequest;
    const result = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      if (!casePolicy.can(ctx.actor, 'invite', record)) throw notFound('case');
      await inviteAgency(ctx, row, body);
      return { case: await caseDetail(ctx, row, record) };
    });
    return reply.status(201).send(result);
  });

  app.post('/api/cases/:id/leave', { schema: { tags: ['cases'], summary: 'Your agency leaves the case (not the owner)', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      if (!casePolicy.can(ctx.actor, 'leave', record)) throw notFound('case');
      await leaveCase(ctx, row);
      return { ok: true };
    });
  });

  app.post('/api/cases/:id/members', { schema: { tags: ['cases'], summary: 'Name colleagues of your agency as members of the case (a joint team)', params: ZId, body: ZNameMembersRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TNameMembersRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      if (!casePolicy.can(ctx.actor, 'nameMembers', record)) throw notFound('case');
      await nameMembers(ctx, id, body.userIds);
      return { case: await caseDetail(ctx, row, record) };
    });
  });

  app.delete('/api/cases/:id/members/:userId', { schema: { tags: ['cases'], summary: 'Remove a named member of your agency from the case', params: ZMember } }, async (req) => {
    const { id, userId } = req.params as z.infer<typeof ZMember>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      if (!casePolicy.can(ctx.actor, 'nameMembers', record)) throw notFound('case');
      await removeMember(ctx, row, userId);
      return { ok: true };
    });
  });
}
