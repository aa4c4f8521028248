import type { TAcceptInvitationRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { requireActivePartnership } from '../../partnerships';
import { casePolicy, type CaseRecord } from '../policies/case.policy';
import { loadOwnParticipation } from '../queries';
import { recordCaseEvent } from '../timeline';
import { nameMembers } from './members';
import { ownDesk } from './open';

async function loadInvitation(ctx: Ctx, caseId: string) {
  const p = await loadOwnParticipation(ctx, caseId);
  const record: CaseRecord = { agencyId: p.invited_by_agency_id ?? '', status: 'open', restricted: p.invitation_restricted, participation: { role: p.role, status: p.status }, member: false };
  if (!casePolicy.can(ctx.actor, 'answer', record)) throw notFound('invitation');
  return p;
}

/**
 * The invited agency accepts: it becomes an active participant, handling the case at one of its desks, and names its
 * members (at least one for a restricted case, where only named members see anything). The partnership with the
 * owner must still be active.
 */
export async function acceptInvitation(ctx: Ctx, caseId: string, body: TAcceptInvitationRequest): Promise<void> {
  const p = await loadInvitation(ctx, caseId);
  const owner = p.invited_by_agency_id!;
  if (p.invitation_restricted && body.memberIds.length === 0) {
    throw badRequest('This case is restricted to a joint team: name at least one member of your agency (yourself, for instance).', [{ path: 'memberIds', message: 'Name at least one member.' }]);
  }
  await requireActivePartnership(ctx, ctx.actor.agencyId!, owner);
  const deskId = await ownDesk(ctx, body.deskId);
  await ctx.tx.updateTable('case_participants').set({ status: 'active', desk_id: deskId, responded_at: new Date(), responded_by: ctx.actor.userId }).where('case_id', '=', caseId).where('agency_id', '=', ctx.actor.agencyId!).execute();
  await recordCaseEvent(ctx, caseId, 'participant.accepted', { type: 'participant', id: ctx.actor.agencyId! }, { agencyId: ctx.actor.agencyId });
  ctx.audit({ action: 'case.invitation_accepted', objectType: 'case', objectId: caseId, subjectAgencyId: owner, details: { members: body.memberIds.length } });
  await nameMembers(ctx, caseId, body.memberIds);
}

/** The invited agency declines: it keeps no access; the owner sees the answer in the timeline. */
export async function declineInvitation(ctx: Ctx, caseId: string): Promise<void> {
  const p = await loadInvitation(ctx, caseId);
  await ctx.tx.updateTable('case_participants').set({ status: 'declined', responded_at: new Date(), responded_by: ctx.actor.userId }).where('case_id', '=', caseId).where('agency_id', '=', ctx.actor.agencyId!).execute();
  await recordCaseEvent(ctx, caseId, 'participant.declined', { type: 'participant', id: ctx.actor.agencyId! }, { agencyId: ctx.actor.agencyId });
  ctx.audit({ action: 'case.invitation_declined', objectType: 'case', objectId: caseId, subjectAgencyId: p.invited_by_agency_id });
}

/** A participant agency leaves a case: its named members are removed with it, and it no longer sees the case. */
export async function leaveCase(ctx: Ctx, c: { id: string; agency_id: string }): Promise<void> {
  await ctx.tx.updateTable('case_members').set({ removed_at: new Date() }).where('case_id', '=', c.id).where('agency_id', '=', ctx.actor.agencyId!).where('removed_at', 'is', null).execute();
  await recordCaseEvent(ctx, c.id, 'participant.left', { type: 'participant', id: ctx.actor.agencyId! }, { agencyId: ctx.actor.agencyId });
  await ctx.tx.updateTable('case_participants').set({ status: 'left', responded_at: new Date(), responded_by: ctx.actor.userId }).where('case_id', '=', c.id).where('agency_id', '=', ctx.actor.agencyId!).execute();
  ctx.audit({ action: 'case.left', objectType: 'case', objectId: c.id, subjectAgencyId: c.agency_id });
}
