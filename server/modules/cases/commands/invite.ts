import type { Selectable } from 'kysely';
import type { TInviteRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import type { CaseTable } from '../../../platform/db/schema';
import { badRequest, conflict, notFound } from '../../../platform/http';
import { requireActivePartnership } from '../../partnerships';
import { recordCaseEvent } from '../timeline';

/**
 * Invites a partner agency into a case. Only under an active partnership between the owner and that agency: otherwise
 * the refusal names the missing partnership. The invited agency then sees the invitation (title, crime areas, note)
 * but not the case, until it accepts.
 */
export async function inviteAgency(ctx: Ctx, c: Selectable<CaseTable>, body: TInviteRequest): Promise<void> {
  if (body.agencyId === c.agency_id) throw badRequest('The owning agency is already in the case.', [{ path: 'agencyId', message: 'Choose a partner agency.' }]);
  const agency = await ctx.tx.selectFrom('agencies').select(['id', 'name', 'disabled_at']).where('id', '=', body.agencyId).executeTakeFirst();
  if (!agency) throw notFound('agency');
  const existing = await ctx.tx.selectFrom('case_participants').select(['status']).where('case_id', '=', c.id).where('agency_id', '=', body.agencyId).executeTakeFirst();
  if (existing && (existing.status === 'active' || existing.status === 'invited')) {
    throw conflict(`${agency.name} is already ${existing.status === 'active' ? 'taking part in' : 'invited to'} this case.`, { status: existing.status });
  }
  await requireActivePartnership(ctx, c.agency_id, body.agencyId);
  const invitation = {
    status: 'invited',
    invited_by: ctx.actor.userId,
    invited_by_agency_id: ctx.actor.agencyId,
    invited_at: new Date(),
    invitation_title: c.title,
    invitation_crime_areas: c.crime_areas,
    invitation_restricted: c.restricted,
    invitation_note: body.note,
    responded_at: null,
    responded_by: null,
    desk_id: null,
  };
  if (existing) {
    await ctx.tx.updateTable('case_participants').set(invitation).where('case_id', '=', c.id).where('agency_id', '=', body.agencyId).execute();
  } else {
    await ctx.tx.insertInto('case_participants').values({ case_id: c.id, agency_id: body.agencyId, role: 'participant', ...invitation }).execute();
  }
  await recordCaseEvent(ctx, c.id, 'participant.invited', { type: 'participant', id: body.agencyId }, { agencyId: body.agencyId, again: !!existing });
  ctx.audit({ action: 'case.invited', objectType: 'case', objectId: c.id, subjectAgencyId: body.agencyId, details: { agencyId: body.agencyId } });
}
