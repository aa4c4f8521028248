import type { z } from 'zod';
import { ZJobIdParams, ZListJobsQuery } from '../../../common';
import { withActor, type Ctx } from '../db';
import { notFound, type App } from '../http';
import { jobPolicy } from './policy';
import { presentJob } from './presenter';
import { cancelJob, type JobRow } from './runner';
import { jobsTx } from './schema';
import { jobRunnerFor } from './registry';

/** A job the actor may read, or 404 (another agency's job, someone else's job, or none). */
export async function loadJob(ctx: Ctx, id: string, kind?: string): Promise<JobRow> {
  let q = jobsTx(ctx.tx).selectFrom('jobs').selectAll().where('id', '=', id);
  if (kind) q = q.where('kind', '=', kind);
  const job = await q.executeTakeFirst();
  if (!job || !jobPolicy.can(ctx.actor, 'read', { agencyId: job.agency_id ?? '', userId: job.user_id, state: job.state })) throw notFound('job');
  return job;
}

/** Jobs: follow progress and cancel. Starts the process's job runner with the app and stops it on close. */
export async function registerJobs(app: App): Promise<void> {
  const { deps } = app;
  const runner = jobRunnerFor(deps.db);
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());

  app.get('/api/jobs', { schema: { tags: ['jobs'], summary: 'Your recent background jobs (administrators: the agency’s)', querystring: ZListJobsQuery } }, async (req) => {
    const q = req.query as z.infer<typeof ZListJobsQuery>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      let s = jobsTx(ctx.tx).selectFrom('jobs').selectAll().where('agency_id', '=', ctx.actor.agencyId).orderBy('created_at', 'desc').limit(q.limit);
      if (q.kind) s = s.where('kind', '=', q.kind);
      const rows = (await s.execute()).filter((j) => jobPolicy.can(ctx.actor, 'read', { agencyId: j.agency_id ?? '', userId: j.user_id, state: j.state }));
      return { jobs: rows.map((j) => presentJob(ctx.actor, j)) };
    });
  });

  app.get('/api/jobs/:id', { schema: { tags: ['jobs'], summary: 'One job: state and progress', params: ZJobIdParams } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => ({ job: presentJob(ctx.actor, await loadJob(ctx, id)) }));
  });

  app.post('/api/jobs/:id/cancel', { schema: { tags: ['jobs'], summary: 'Cancel a queued or running job', params: ZJobIdParams } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const job = await loadJob(ctx, id);
      if (!jobPolicy.can(ctx.actor, 'cancel', { agencyId: job.agency_id ?? '', userId: job.user_id, state: job.state })) {
        return { job: presentJob(ctx.actor, job) };
      }
      const updated = (await cancelJob(ctx, id)) ?? job;
      ctx.audit({ action: 'job.cancelled', objectType: 'job', objectId: id, details: { kind: job.kind } });
      return { job: presentJob(ctx.actor, updated) };
    });
  });
}
