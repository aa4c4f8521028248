import { randomUUID } from 'node:crypto';
import type { TCreateCaseRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { caseColleagues } from '../queries';
import { recordCaseEvent } from '../timeline';
import { insertMember, nameMembers } from './members';

/** A desk of the actor's own agency (the one chosen, or the actor's first), or a field error. */
export async function ownDesk(ctx: Ctx, deskId: string | undefined, field = 'deskId'): Promise<string> {
  const id = deskId ?? ctx.actor.deskIds[0];
  if (!id) throw badRequest('Choose the desk that handles the case: you belong to no desk.', [{ path: field, message: 'Choose a desk.' }]);
  const d = await ctx.tx.selectFrom('desks').select('id').where('id', '=', id).where('agency_id', '=', ctx.actor.agencyId!).where('disabled_at', 'is', null).executeTakeFirst();
  if (!d) throw badRequest('This is not an active desk of your agency.', [{ path: field, message: 'Unknown desk.' }]);
  return d.id;
}

/**
 * Opens a case owned by the actor's agency and desk. A restricted case (a joint team) names its opener first, so
 * that somebody sees it (row-level security hides it from everyone until then); other colleagues may be named at once.
 */
export async function openCase(ctx: Ctx, body: TCreateCaseRequest): Promise<string> {
  const { userId, agencyId } = ctx.actor;
  if (!userId || !agencyId) throw notFound('route');
  const deskId = await ownDesk(ctx, body.deskId);
  const id = randomUUID();
  const crimeAreas = [...new Set(body.crimeAreas)];
  await ctx.tx.insertInto('cases').values({ id, agency_id: agencyId, desk_id: deskId, title: body.title, summary: body.summary, crime_areas: crimeAreas, restricted: body.restricted, created_by: userId }).execute();
  await ctx.tx.insertInto('case_participants').values({ case_id: id, agency_id: agencyId, role: 'owner', status: 'active', desk_id: deskId, responded_at: new Date(), responded_by: userId }).execute();
  const opener = (await caseColleagues(ctx, null)).find((c) => c.id === userId);
  if (body.restricted) {
    if (!opener) throw notFound('route');
    await insertMember(ctx, id, opener);
  }
  await recordCaseEvent(ctx, id, 'case.opened', { type: 'case', id }, { restricted: body.restricted, crimeAreas });
  ctx.audit({ action: 'case.opened', objectType: 'case', objectId: id, details: { restricted: body.restricted, crimeAreas } });
  if (body.restricted) await recordCaseEvent(ctx, id, 'member.named', { type: 'member', id: userId }, { agencyId });
  await nameMembers(ctx, id, body.memberIds);
  return id;
}
