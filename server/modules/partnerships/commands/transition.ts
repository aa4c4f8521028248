import type { Ctx } from '../../../platform/db';
import { conflict, notFound } from '../../../platform/http';
import { partnershipPolicy } from '../policies/partnership.policy';
import { findPartnership } from '../queries';

export const PARTNERSHIP_ACTIONS = ['accept', 'decline', 'suspend', 'resume', 'end'] as const;
export type PartnershipAction = (typeof PARTNERSHIP_ACTIONS)[number];

const TARGET: Record<PartnershipAction, string> = { accept: 'active', decline: 'declined', suspend: 'suspended', resume: 'active', end: 'ended' };
const PAST: Record<PartnershipAction, string> = { accept: 'accepted', decline: 'declined', suspend: 'suspended', resume: 'resumed', end: 'ended' };

/**
 * Moves a partnership to its next state. Not seeing it is 404; seeing it without the right is 404 too (an officer has
 * no partnership actions); a state that does not allow the action is 409 with the current state.
 */
export async function transitionPartnership(ctx: Ctx, id: string, action: PartnershipAction, reason: string | undefined) {
  const p = await findPartnership(ctx, id, { forUpdate: true });
  const rec = { proposerAgencyId: p.proposer_agency_id, partnerAgencyId: p.partner_agency_id, status: p.status, suspendedByAgencyId: p.suspended_by_agency_id };
  if (!partnershipPolicy.can(ctx.actor, 'read', rec)) throw notFound('partnership');
  if (!partnershipPolicy.can(ctx.actor, action, rec)) {
    if (!partnershipPolicy.can(ctx.actor, 'end', { ...rec, status: 'active' })) throw notFound('partnership');
    throw conflict(`This partnership is ${p.status}: it cannot be ${PAST[action]} by your agency now.`, { status: p.status });
  }
  const now = new Date();
  const to = TARGET[action];
  const row = await ctx.tx
    .updateTable('partnerships')
    .set({
      status: to,
      status_reason: reason ?? null,
      updated_at: now,
      ...(to === 'active' && { activated_at: now, suspended_by_agency_id: null }),
      ...(to === 'suspended' && { suspended_by_agency_id: ctx.actor.agencyId }),
      ...((to === 'ended' || to === 'declined') && { ended_at: now }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const other = p.proposer_agency_id === ctx.actor.agencyId ? p.partner_agency_id : p.proposer_agency_id;
  ctx.audit({ action: `partnership.${PAST[action]}`, objectType: 'partnership', objectId: id, subjectAgencyId: other, details: { from: p.status, to } });
  return row;
}
