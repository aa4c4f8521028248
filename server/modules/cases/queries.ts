import { sql } from 'kysely';
import { ROLE_PERMISSIONS, ROLES, type Role, type TCaseListQuery } from '../../../common';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import { casePolicy, type CaseRecord } from './policies/case.policy';
import { today } from './timeline';

/** The roles that work cases (`case.work`): only their holders can see case content. */
export const CASE_ROLES: Role[] = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('case.work'));

/**
 * A case the actor may read, with the facts the policy needs, or 404 — the same answer whether the case does not
 * exist, belongs to others, or is restricted to a team the actor is not named in.
 */
export async function loadCase(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = ctx.tx.selectFrom('cases').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('case');
  const record = await caseRecord(ctx, row);
  if (!casePolicy.can(ctx.actor, 'read', record)) throw notFound('case');
  return { row, record };
}

export async function caseRecord(ctx: Ctx, row: { id: string; agency_id: string; status: string; restricted: boolean }): Promise<CaseRecord> {
  const part = await ctx.tx.selectFrom('case_participants').select(['role', 'status']).where('case_id', '=', row.id).where('agency_id', '=', ctx.actor.agencyId!).executeTakeFirst();
  const member = await ctx.tx.selectFrom('case_members').select('user_id').where('case_id', '=', row.id).where('user_id', '=', ctx.actor.userId!).where('removed_at', 'is', null).executeTakeFirst();
  return { agencyId: row.agency_id, status: row.status, restricted: row.restricted, participation: part ? { role: part.role, status: part.status } : null, member: !!member };
}

/** The actor's own agency's participation row in a case (its invitation), or 404. */
export async function loadOwnParticipation(ctx: Ctx, caseId: string) {
  const p = await ctx.tx.selectFrom('case_participants').selectAll().where('case_id', '=', caseId).where('agency_id', '=', ctx.actor.agencyId!).forUpdate().executeTakeFirst();
  if (!p) throw notFound('case');
  return p;
}

/** Cases the actor may see, with the filters of the cases list; newest activity first. */
export async function listCases(ctx: Ctx, f: TCaseListQuery) {
  const me = ctx.actor.userId!;
  const day = today();
  let q = ctx.tx
    .selectFrom('cases as c')
    .select([
      'c.id', 'c.title', 'c.crime_areas', 'c.status', 'c.restricted', 'c.agency_id', 'c.created_at', 'c.updated_at',
      sql<number>`(SELECT count(*)::int FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open')`.as('open_tasks'),
      sql<number>`(SELECT count(*)::int FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open' AND t.due_on < ${day}::date)`.as('overdue_tasks'),
      sql<Date>`coalesce((SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id), c.updated_at)`.as('last_activity'),
    ]);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.crimeArea) q = q.where(sql<boolean>`${f.crimeArea} = ANY(c.crime_areas)`);
  if (f.overdue === 'true') q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open' AND t.due_on < ${day}::date)`);
  if (f.mine === 'true') {
    const desks = ctx.actor.deskIds.length ? [...ctx.actor.deskIds] : ['00000000-0000-0000-0000-000000000000'];
    q = q.where(sql<boolean>`(c.created_by = ${me}
      OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.agency_id = ${ctx.actor.agencyId} AND p.desk_id = ANY(${desks}::uuid[]))
      OR EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = ${me} AND m.removed_at IS NULL)
      OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.assignee_id = ${me} AND t.status = 'open'))`);
  }
  return q.orderBy('last_activity', 'desc').limit(500).execute();
}

/**
 * Colleagues of the actor's agency who work cases (who may be named in a case or given its tasks), with whether each
 * is a named member of the given case.
 */
export async function caseColleagues(ctx: Ctx, caseId: string | null) {
  const rows = await ctx.tx
    .selectFrom('users')
    .select(['id', 'display_name', 'agency_id'])
    .where('agency_id', '=', ctx.actor.agencyId!)
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`roles && ${CASE_ROLES}::text[]`)
    .orderBy('display_name')
    .execute();
  const members = caseId
    ? new Set((await ctx.tx.selectFrom('case_members').select('user_id').where('case_id', '=', caseId).where('removed_at', 'is', null).execute()).map((m) => m.user_id))
    : new Set<string>();
  return rows.map((u) => ({ id: u.id, displayName: u.display_name, agencyId: u.agency_id, member: members.has(u.id) }));
}

/** Named members of a case (current ones unless `all`). */
export async function caseMembers(ctx: Ctx, caseId: string, opts: { all?: boolean } = {}) {
  let q = ctx.tx.selectFrom('case_members').selectAll().where('case_id', '=', caseId);
  if (!opts.all) q = q.where('removed_at', 'is', null);
  return q.orderBy('named_at').execute();
}

/**
 * Who may be given a task in this case: a named member of any agency; in an open (unrestricted) case also any case
 * worker of the actor's own agency (a restricted case's tasks go to its named members only).
 */
export async function assignablePeople(ctx: Ctx, caseId: string, restricted: boolean) {
  const members = await caseMembers(ctx, caseId);
  const out = new Map<string, { id: string; displayName: string; agencyId: string; member: boolean }>();
  for (const m of members) out.set(m.user_id, { id: m.user_id, displayName: m.display_name, agencyId: m.agency_id, member: true });
  if (!restricted) for (const c of await caseColleagues(ctx, caseId)) if (!out.has(c.id)) out.set(c.id, c);
  return [...out.values()];
}

/** A task of a case, as its text day. */
export function taskColumns() {
  return ['id', 'case_id', 'title', 'assignee_id', 'assignee_agency_id', 'status', 'created_by', 'created_agency_id', 'created_at', 'done_at', 'done_by', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')] as const;
}

export async function caseTasks(ctx: Ctx, caseId: string) {
  return ctx.tx.selectFrom('case_tasks').select(taskColumns()).where('case_id', '=', caseId).orderBy('status', 'desc').orderBy('due_on').orderBy('created_at').execute();
}

export async function loadTask(ctx: Ctx, caseId: string, taskId: string) {
  const t = await ctx.tx.selectFrom('case_tasks').select(taskColumns()).where('case_id', '=', caseId).where('id', '=', taskId).forUpdate().executeTakeFirst();
  if (!t) throw notFound('task');
  return t;
}

export type TaskRow = Awaited<ReturnType<typeof caseTasks>>[number];
