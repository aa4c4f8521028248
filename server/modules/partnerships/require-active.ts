import type { Ctx } from '../../platform/db';
import { AppError } from '../../platform/http';

/**
 * The active partnership between two agencies, or a refusal that names it: "No active partnership between DGSN and
 * Bundespolizei …". Everything sent or shared with another agency (case invitations now, messages and onward
 * transmission next) goes through here. Runs under the actor's row-level security, so the actor's agency must be one
 * of the two (a third agency cannot even learn that a partnership exists).
 */
export async function requireActivePartnership(ctx: Ctx, agencyA: string, agencyB: string) {
  const rows = await ctx.tx
    .selectFrom('partnerships')
    .selectAll()
    .where((eb) => eb.or([
      eb.and([eb('proposer_agency_id', '=', agencyA), eb('partner_agency_id', '=', agencyB)]),
      eb.and([eb('proposer_agency_id', '=', agencyB), eb('partner_agency_id', '=', agencyA)]),
    ]))
    .orderBy('updated_at', 'desc')
    .execute();
  const active = rows.find((r) => r.status === 'active');
  if (active) return active;
  const names = await ctx.tx.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [agencyA, agencyB]).execute();
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? 'an unknown agency';
  const live = rows.find((r) => r.status === 'proposed' || r.status === 'suspended');
  const why = live?.status === 'proposed' ? ' (one is proposed and not yet accepted)' : live?.status === 'suspended' ? ' (it is suspended)' : '';
  throw new AppError(
    409,
    'partnership_required',
    `No active partnership between ${nameOf(agencyA)} and ${nameOf(agencyB)}${why}: nothing can be shared with ${nameOf(agencyB)} until an agency administrator of one side proposes a partnership and the other side accepts it.`,
    { agencyIds: [agencyA, agencyB], agencyNames: [nameOf(agencyA), nameOf(agencyB)], status: live?.status ?? null },
  );
}
