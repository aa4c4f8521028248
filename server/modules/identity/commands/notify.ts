import type { Ctx } from '../../../platform/db';

/** Tells every active administrator of the actor's agency (used for resets and second-factor changes). */
export async function notifyAgencyAdmins(ctx: Ctx, agencyId: string, kind: string, payload: Record<string, unknown>): Promise<void> {
  const admins = await ctx.tx
    .selectFrom('users')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('disabled_at', 'is', null)
    .where((eb) => eb(eb.val('agency-admin'), '=', eb.fn.any('roles')))
    .execute();
  if (admins.length === 0) return;
  await ctx.tx
    .insertInto('notifications')
    .values(admins.map((a) => ({ agency_id: agencyId, user_id: a.id, kind, payload: JSON.stringify(payload) })))
    .execute();
}
