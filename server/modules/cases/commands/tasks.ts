import type { TCreateTaskRequest, TUpdateTaskRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { taskPolicy } from '../policies/case.policy';
import { assignablePeople, loadTask, taskColumns } from '../queries';
import { recordCaseEvent } from '../timeline';

async function assignee(ctx: Ctx, c: { id: string; restricted: boolean }, id: string) {
  const person = (await assignablePeople(ctx, c.id, c.restricted)).find((p) => p.id === id);
  if (!person) {
    throw badRequest(
      c.restricted ? 'Tasks in a restricted case go to its named members.' : 'A task goes to a colleague of your agency who works cases, or to a named member of the case.',
      [{ path: 'assigneeId', message: 'Not someone who can see this case.' }],
    );
  }
  return person;
}

/** A new task in a case, for someone who can see it, due on a given day. */
export async function createTask(ctx: Ctx, c: { id: string; restricted: boolean; agency_id: string }, body: TCreateTaskRequest) {
  const person = await assignee(ctx, c, body.assigneeId);
  const row = await ctx.tx
    .insertInto('case_tasks')
    .values({ case_id: c.id, title: body.title, assignee_id: person.id, assignee_agency_id: person.agencyId, due_on: body.dueOn, created_by: ctx.actor.userId!, created_agency_id: ctx.actor.agencyId! })
    .returning(taskColumns())
    .executeTakeFirstOrThrow();
  await recordCaseEvent(ctx, c.id, 'task.created', { type: 'task', id: row.id }, { dueOn: body.dueOn });
  ctx.audit({ action: 'case.task_created', objectType: 'case_task', objectId: row.id, subjectAgencyId: c.agency_id === ctx.actor.agencyId ? null : c.agency_id, details: { caseId: c.id } });
  return row;
}

/** Edits a task (its creating agency) or marks it done / open again (also its assignee). */
export async function updateTask(ctx: Ctx, c: { id: string; restricted: boolean; agency_id: string; status: string }, taskId: string, body: TUpdateTaskRequest) {
  const t = await loadTask(ctx, c.id, taskId);
  const rec = { caseOpen: c.status === 'open', assigneeId: t.assignee_id, createdBy: t.created_by, createdAgencyId: t.created_agency_id, status: t.status };
  const edits = body.title !== undefined || body.assigneeId !== undefined || body.dueOn !== undefined;
  const statusChange = body.status !== undefined && body.status !== t.status;
  if (edits && !taskPolicy.can(ctx.actor, 'update', rec)) throw notFound('task');
  if (statusChange && !taskPolicy.can(ctx.actor, body.status === 'done' ? 'complete' : 'reopen', rec)) throw notFound('task');
  const set: Record<string, unknown> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.dueOn !== undefined) set.due_on = body.dueOn;
  if (body.assigneeId !== undefined && body.assigneeId !== t.assignee_id) {
    const person = await assignee(ctx, c, body.assigneeId);
    set.assignee_id = person.id;
    set.assignee_agency_id = person.agencyId;
  }
  if (statusChange) Object.assign(set, body.status === 'done' ? { status: 'done', done_at: new Date(), done_by: ctx.actor.userId } : { status: 'open', done_at: null, done_by: null });
  if (Object.keys(set).length === 0) return t;
  const row = await ctx.tx.updateTable('case_tasks').set(set).where('id', '=', taskId).where('case_id', '=', c.id).returning(taskColumns()).executeTakeFirstOrThrow();
  const subject = c.agency_id === ctx.actor.agencyId ? null : c.agency_id;
  if (edits && Object.keys(set).some((k) => k !== 'status' && k !== 'done_at' && k !== 'done_by')) {
    await recordCaseEvent(ctx, c.id, 'task.updated', { type: 'task', id: taskId }, { fields: Object.keys(body).filter((k) => k !== 'status') });
  }
  if (statusChange) await recordCaseEvent(ctx, c.id, body.status === 'done' ? 'task.done' : 'task.reopened', { type: 'task', id: taskId });
  ctx.audit({ action: statusChange ? (body.status === 'done' ? 'case.task_done' : 'case.task_reopened') : 'case.task_updated', objectType: 'case_task', objectId: taskId, subjectAgencyId: subject, details: { caseId: c.id } });
  return row;
}
