import type { TCommitteeMemberRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { committeeAgencyIds } from '../queries';
import { etx } from '../schema';

/** Seats an agency on the committee, or changes its seat (member ↔ observer). The chair's seat never changes. */
export async function seatAgency(ctx: Ctx, eventId: string, body: TCommitteeMemberRequest): Promise<void> {
  if (body.agencyId === ctx.actor.agencyId) throw badRequest('Your agency chairs this committee: its seat does not change.', [{ path: 'agencyId', message: 'The chair.' }]);
  const agency = await ctx.tx.selectFrom('agencies').select(['id', 'type', 'disabled_at']).where('id', '=', body.agencyId).executeTakeFirst();
  if (!agency || agency.disabled_at) throw badRequest('There is no such active agency.', [{ path: 'agencyId', message: 'Unknown agency.' }]);
  if (agency.type === 'platform') throw badRequest('The platform operator does not sit on security committees.', [{ path: 'agencyId', message: 'Not an agency that secures events.' }]);
  const t = etx(ctx.tx);
  const before = await t.selectFrom('event_committee').select('role').where('event_id', '=', eventId).where('agency_id', '=', body.agencyId).executeTakeFirst();
  const audience = await committeeAgencyIds(ctx, eventId);
  if (before) {
    if (before.role === body.role) return;
    await t.updateTable('event_committee').set({ role: body.role }).where('event_id', '=', eventId).where('agency_id', '=', body.agencyId).execute();
  } else {
    await t.insertInto('event_committee').values({ event_id: eventId, agency_id: body.agencyId, role: body.role, added_by: ctx.actor.userId }).execute();
  }
  ctx.audit({ action: before ? 'event.committee_changed' : 'event.committee_added', objectType: 'event', objectId: eventId, subjectAgencyId: body.agencyId, details: { agencyId: body.agencyId, role: body.role } });
  ctx.emit({ topic: 'event.changed', id: eventId, audience: { agencyIds: [...new Set([...audience, body.agencyId])] } });
}

/** Removes an agency from the committee (never the chair): its staff no longer see the event. */
export async function unseatAgency(ctx: Ctx, eventId: string, agencyId: string): Promise<void> {
  const audience = await committeeAgencyIds(ctx, eventId);
  const gone = await etx(ctx.tx).deleteFrom('event_committee').where('event_id', '=', eventId).where('agency_id', '=', agencyId).where('role', '<>', 'chair').executeTakeFirst();
  if (Number(gone.numDeletedRows) === 0) throw notFound('committee member');
  ctx.audit({ action: 'event.committee_removed', objectType: 'event', objectId: eventId, subjectAgencyId: agencyId, details: { agencyId } });
  ctx.emit({ topic: 'event.changed', id: eventId, audience: { agencyIds: audience } });
}
