import type { Selectable } from 'kysely';
import type { PCase } from '../../../common';
import type { Ctx } from '../../platform/db';
import type { CaseTable } from '../../platform/db/schema';
import { agencyRefs } from '../partnerships';
import type { CaseRecord } from './policies/case.policy';
import { PeopleDirectory, presentCase } from './presenters';
import { caseMembers, caseTasks } from './queries';

/** Everything the case page shows, for a case the actor may read (loadCase has checked). */
export async function caseDetail(ctx: Ctx, c: Selectable<CaseTable>, record: CaseRecord): Promise<PCase> {
  const participants = await ctx.tx.selectFrom('case_participants').selectAll().where('case_id', '=', c.id).execute();
  const members = await caseMembers(ctx, c.id, { all: true });
  const tasks = await caseTasks(ctx, c.id);
  const events = await ctx.tx.selectFrom('case_events').selectAll().where('case_id', '=', c.id).orderBy('at', 'desc').orderBy('id').limit(500).execute();
  const refs = await agencyRefs(ctx, [c.agency_id, ...participants.map((p) => p.agency_id)]);
  const deskIds = [c.desk_id, ...participants.flatMap((p) => (p.desk_id ? [p.desk_id] : []))];
  const deskNames = new Map((await ctx.tx.selectFrom('desks').select(['id', 'name']).where('id', 'in', deskIds).execute()).map((d) => [d.id, d.name]));
  // Row-level security returns only the viewer's own agency's staff here: other agencies' people stay unnamed
  // unless they are named members of this case.
  const userIds = [...new Set([...events.flatMap((e) => (e.actor_user_id ? [e.actor_user_id] : [])), ...tasks.map((t) => t.assignee_id)])];
  const own = userIds.length
    ? await ctx.tx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).where('agency_id', '=', ctx.actor.agencyId!).execute()
    : [];
  const people = new PeopleDirectory(new Map(own.map((u) => [u.id, u.display_name])), new Map(members.map((m) => [m.user_id, m.display_name])));
  return presentCase(ctx.actor, c, record, { participants, members, tasks, events, refs, deskNames, people });
}
