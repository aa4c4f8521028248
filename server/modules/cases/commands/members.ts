import type { Ctx } from '../../../platform/db';
import { badRequest } from '../../../platform/http';
import { recordCaseEvent } from '../timeline';
import { caseColleagues } from '../queries';

/** Writes one member row (or brings back a removed one). */
export async function insertMember(ctx: Ctx, caseId: string, c: { id: string; displayName: string }): Promise<void> {
  await ctx.tx
    .insertInto('case_members')
    .values({ case_id: caseId, user_id: c.id, agency_id: ctx.actor.agencyId!, display_name: c.displayName, named_by: ctx.actor.userId! })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doUpdateSet({ removed_at: null, named_by: ctx.actor.userId!, named_at: new Date(), display_name: c.displayName }))
    .execute();
}

/**
 * Names colleagues of the actor's own agency as members of a case: their names are then shared with the other
 * agencies of the case (by that consent), and in a restricted case they — and only they — see it.
 * Each agency names its own staff only; the database refuses anything else too.
 */
export async function nameMembers(ctx: Ctx, caseId: string, userIds: string[]): Promise<number> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return 0;
  const colleagues = new Map((await caseColleagues(ctx, caseId)).map((c) => [c.id, c]));
  const unknown = wanted.filter((id) => !colleagues.has(id));
  if (unknown.length) throw badRequest('Only colleagues of your own agency who work cases can be named members.', [{ path: 'memberIds', message: 'Not a case worker of your agency.' }]);
  let named = 0;
  for (const id of wanted) {
    const c = colleagues.get(id)!;
    if (c.member) continue;
    await insertMember(ctx, caseId, c);
    await recordCaseEvent(ctx, caseId, 'member.named', { type: 'member', id }, { agencyId: ctx.actor.agencyId });
    named += 1;
  }
  if (named) ctx.audit({ action: 'case.members_named', objectType: 'case', objectId: caseId, details: { count: named } });
  return named;
}

/** Removes a named member of the actor's own agency. A restricted case keeps at least one named member of its owner. */
export async function removeMember(ctx: Ctx, c: { id: string; agency_id: string; restricted: boolean }, userId: string): Promise<void> {
  const m = await ctx.tx.selectFrom('case_members').select(['agency_id']).where('case_id', '=', c.id).where('user_id', '=', userId).where('removed_at', 'is', null).executeTakeFirst();
  if (!m || m.agency_id !== ctx.actor.agencyId) throw badRequest('This person is not a named member of your agency in this case.', [{ path: 'userId', message: 'Not a member.' }]);
  if (c.restricted && c.agency_id === ctx.actor.agencyId) {
    const left = await ctx.tx.selectFrom('case_members').select('user_id').where('case_id', '=', c.id).where('agency_id', '=', c.agency_id).where('removed_at', 'is', null).execute();
    if (left.length <= 1) throw badRequest('A restricted case keeps at least one named member of its owning agency: name someone else first.');
  }
  await ctx.tx.updateTable('case_members').set({ removed_at: new Date() }).where('case_id', '=', c.id).where('user_id', '=', userId).execute();
  await recordCaseEvent(ctx, c.id, 'member.removed', { type: 'member', id: userId }, { agencyId: ctx.actor.agencyId });
  ctx.audit({ action: 'case.member_removed', objectType: 'case', objectId: c.id, subjectAgencyId: c.agency_id === ctx.actor.agencyId ? null : c.agency_id, details: { userId } });
}
