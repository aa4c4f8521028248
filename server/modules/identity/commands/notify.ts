import { randomUUID } from 'node:crypto';
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
  // Ids are made here: the inserting user may not read other people's notifications back (RETURNING).
  const rows = admins.map((a) => ({ id: randomUUID(), agency_id: agencyId, user_id: a.id, kind, payload: JSON.stringify(payload) }));
  await ctx.tx.insertInto('notifications').values(rows).execute();
  for (const r of rows) ctx.emit({ topic: 'notification', id: r.id, audience: { userIds: [r.user_id] } });
}
