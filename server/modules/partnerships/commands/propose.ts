import type { TProposePartnershipRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../../platform/http';
import { frameworkRefusal, type AgencyFacts } from '../rules';

async function facts(ctx: Ctx, id: string): Promise<AgencyFacts & { disabled: boolean }> {
  const a = await ctx.tx.selectFrom('agencies').select(['name', 'country', 'type', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('agency');
  const ncbDesk = await ctx.tx.selectFrom('desks').select('id').where('agency_id', '=', id).where('is_ncb', '=', true).where('disabled_at', 'is', null).executeTakeFirst();
  return { name: a.name, country: a.country, type: a.type, hasNcb: a.type === 'ncb' || !!ncbDesk, disabled: a.disabled_at !== null };
}

/** An agency administrator proposes a partnership to another agency; the other side's administrator answers. */
export async function proposePartnership(ctx: Ctx, body: TProposePartnershipRequest) {
  const me = ctx.actor.agencyId!;
  if (body.partnerAgencyId === me) throw badRequest('An agency cannot be its own partner.', [{ path: 'partnerAgencyId', message: 'Choose another agency.' }]);
  const [mine, theirs] = [await facts(ctx, me), await facts(ctx, body.partnerAgencyId)];
  if (theirs.disabled) throw badRequest(`${theirs.name} is disabled on this platform.`, [{ path: 'partnerAgencyId', message: 'Disabled agency.' }]);
  const refusal = frameworkRefusal(body.framework, mine, theirs);
  if (refusal) throw new AppError(400, 'framework_not_allowed', refusal, [{ path: 'framework', message: refusal }]);
  const live = await ctx.tx
    .selectFrom('partnerships')
    .select(['id', 'status'])
    .where('status', 'in', ['proposed', 'active', 'suspended'])
    .where((eb) => eb.or([
      eb.and([eb('proposer_agency_id', '=', me), eb('partner_agency_id', '=', body.partnerAgencyId)]),
      eb.and([eb('proposer_agency_id', '=', body.partnerAgencyId), eb('partner_agency_id', '=', me)]),
    ]))
    .executeTakeFirst();
  if (live) throw conflict(`There is already a ${live.status} partnership with ${theirs.name}: end it before proposing another.`, { partnershipId: live.id });
  const eu = body.framework === 'eu-2023-977';
  const row = await ctx.tx
    .insertInto('partnerships')
    .values({
      proposer_agency_id: me,
      partner_agency_id: body.partnerAgencyId,
      framework: body.framework,
      instrument: body.instrument,
      urgent_hours: eu ? null : (body.urgentHours ?? null),
      normal_hours: eu ? null : (body.normalHours ?? null),
      transfer_conditions: body.transferConditions,
      status: 'proposed',
      proposed_by: ctx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  ctx.audit({ action: 'partnership.proposed', objectType: 'partnership', objectId: row.id, subjectAgencyId: body.partnerAgencyId, details: { framework: body.framework } });
  return row;
}
