import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';

/** Desk ids per user, for users of the actor's agency (row-level security limits it to that agency anyway). */
export async function deskIdsByUser(ctx: Ctx, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await ctx.tx.selectFrom('user_desks').select(['user_id', 'desk_id']).where('user_id', 'in', userIds).execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.desk_id]);
  return out;
}

/** A user of the actor's own agency, or 404 (another agency's staff do not exist for this actor). */
export async function findAgencyUser(ctx: Ctx, id: string) {
  const user = await ctx.tx.selectFrom('users').selectAll().where('id', '=', id).where('agency_id', '=', ctx.actor.agencyId!).executeTakeFirst();
  if (!user) throw notFound('user');
  return user;
}

export async function findAgency(ctx: Ctx, id: string) {
  const agency = await ctx.tx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!agency) throw notFound('agency');
  return agency;
}

export async function findDesk(ctx: Ctx, id: string) {
  const desk = await ctx.tx.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!desk) throw notFound('desk');
  return desk;
}
