import { z } from 'zod';
import { ZCreateTaskRequest, ZUpdateTaskRequest, ZUuid, type PMyTask, type TCreateTaskRequest, type TUpdateTaskRequest } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { createTask, updateTask } from '../commands/tasks';
import { caseDetail } from '../detail';
import { canWorkCases, casePolicy } from '../policies/case.policy';
import { loadCase } from '../queries';
import { today } from '../timeline';
import { sql } from 'kysely';

const ZId = z.object({ id: ZUuid });
const ZTask = z.object({ id: ZUuid, taskId: ZUuid });
const ZMyTasks = z.object({ overdue: z.enum(['true', 'false']).optional() });

/** Tasks inside cases, and the signed-in user's own task list. */
export async function taskRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.post('/api/cases/:id/tasks', { schema: { tags: ['cases'], summary: 'Add a task to a case', params: ZId, body: ZCreateTaskRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TCreateTaskRequest;
    const result = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      if (!casePolicy.can(ctx.actor, 'createTask', record)) throw notFound('case');
      const task = await createTask(ctx, row, body);
      return { taskId: task.id, case: await caseDetail(ctx, row, record) };
    });
    return reply.status(201).send(result);
  });

  app.patch('/api/cases/:id/tasks/:taskId', { schema: { tags: ['cases'], summary: 'Edit a task, or mark it done or open again', params: ZTask, body: ZUpdateTaskRequest } }, async (req) => {
    const { id, taskId } = req.params as z.infer<typeof ZTask>;
    const body = req.body as TUpdateTaskRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row, record } = await loadCase(ctx, id);
      await updateTask(ctx, row, taskId, body);
      return { case: await caseDetail(ctx, row, record) };
    });
  });

  app.get('/api/my-tasks', { schema: { tags: ['cases'], summary: 'Open tasks assigned to you, earliest due first (overdue=true: only those past their day)', querystring: ZMyTasks } }, async (req) => {
    const { overdue } = req.query as z.infer<typeof ZMyTasks>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!canWorkCases(ctx.actor, null)) throw notFound('route');
      const day = today();
      let q = ctx.tx
        .selectFrom('case_tasks as t')
        .innerJoin('cases as c', 'c.id', 't.case_id')
        .select(['t.id', 't.title', 't.status', 't.case_id', 'c.title as case_title', sql<string>`to_char(t.due_on, 'YYYY-MM-DD')`.as('due_on')])
        .where('t.assignee_id', '=', ctx.actor.userId!)
        .where('t.status', '=', 'open');
      if (overdue === 'true') q = q.where(sql<boolean>`t.due_on < ${day}::date`);
      const rows = await q.orderBy('t.due_on').limit(500).execute();
      const tasks: PMyTask[] = rows.map((r) => ({ id: r.id, title: r.title, dueOn: r.due_on, status: r.status as PMyTask['status'], overdue: r.due_on < day, caseId: r.case_id, caseTitle: r.case_title }));
      return { tasks };
    });
  });
}
