import { z } from 'zod';
import { ZBatchDownloadQuery, ZBatchResultsQuery, ZCreateBatchQuery, type PBatchResults, type TCreateBatchQuery } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { cancelJob, enqueueJob, jobRunnerFor, jobsTx, presentJob, type JobRow } from '../../../platform/jobs';
import { acceptUploads, readUpload, stx } from '../../watchlists';
import { BATCH_JOB, precheckPeople, type BatchParams } from '../commands/batch';
import { batchPolicy } from '../policies/screening.policy';
import { presentBatchRow, withCurrentNoticeStates, withDeletedLists } from '../presenters';
import type { PCandidate } from '../../../../common';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });

const rec = (j: JobRow) => ({ agencyId: j.agency_id ?? '', userId: j.user_id, state: j.state });

/** A batch the actor may read (their own), or 404. */
async function loadBatch(ctx: Ctx, id: string): Promise<JobRow> {
  const j = await jobsTx(ctx.tx).selectFrom('jobs').selectAll().where('id', '=', id).where('kind', '=', BATCH_JOB).executeTakeFirst();
  if (!j || !batchPolicy.can(ctx.actor, 'read', rec(j))) throw notFound('batch');
  return j;
}

function presentBatch(ctx: Ctx, j: JobRow) {
  const p = j.params as unknown as BatchParams;
  const job = presentJob(ctx.actor, j);
  const a = batchPolicy.abilities(ctx.actor, rec(j));
  return { ...job, fileName: p.fileName ?? null, abilities: { cancel: a.cancel, delete: a.delete } };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  // Quoted, and a leading formula character neutralised so a spreadsheet does not execute it.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** Lists of people screened as jobs: upload, progress, results hits first, download, cancel, delete. */
export async function batchRoutes(app: App): Promise<void> {
  const { deps } = app;

  await app.register(async (scope) => {
    acceptUploads(scope);
    scope.post('/api/screening/batches', {
      schema: { tags: ['screening'], summary: 'Upload a list of people (CSV with a header: name, birth_date, nationality, gender, document_number, document_country, further columns kept) to screen as a job', querystring: ZCreateBatchQuery },
    }, async (req, reply) => {
      const q = req.query as TCreateBatchQuery;
      const actor = req.actor!;
      if (!batchPolicy.can(actor, 'read', { agencyId: actor.agencyId ?? '', userId: actor.userId, state: 'queued' })) throw notFound('route');
      const up = await readUpload(req);
      const { columns } = precheckPeople(up.file);
      const params: BatchParams = { purpose: q.purpose, top: q.top, fileName: up.fileName };
      const result = await withActor(deps.db, actor, req.ip, async (ctx) => {
        const j = await enqueueJob(ctx, { kind: BATCH_JOB, params: params as unknown as Record<string, unknown>, input: up.file });
        ctx.audit({ action: 'screening.batch_uploaded', objectType: 'job', objectId: j.id, purpose: q.purpose, details: { bytes: up.file.length, columns: columns.length } });
        return presentBatch(ctx, j);
      });
      jobRunnerFor(deps.db).wake();
      return reply.status(202).send({ batch: result });
    });
  });

  app.get('/api/screening/batches', { schema: { tags: ['screening'], summary: 'Your screened lists' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const rows = await jobsTx(ctx.tx).selectFrom('jobs').selectAll().where('kind', '=', BATCH_JOB).where('user_id', '=', ctx.actor.userId).orderBy('created_at', 'desc').limit(50).execute();
      return { batches: rows.filter((j) => batchPolicy.can(ctx.actor, 'read', rec(j))).map((j) => presentBatch(ctx, j)) };
    }),
  );

  app.get('/api/screening/batches/:id', { schema: { tags: ['screening'], summary: 'One screened list: state and progress', params: ZId } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => ({ batch: presentBatch(ctx, await loadBatch(ctx, id)) }));
  });

  app.get('/api/screening/batches/:id/results', { schema: { tags: ['screening'], summary: 'Results page by page, alerts first then by score', params: ZId, querystring: ZBatchResultsQuery } }, async (req) => {
    const { id } = req.params as { id: string };
    const q = req.query as z.infer<typeof ZBatchResultsQuery>;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const j = await loadBatch(ctx, id);
      const t = stx(ctx.tx);
      const counts = await t.selectFrom('screening_batch_results').select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.sum<string>(eb.case().when('alert', '=', true).then(1).else(0).end()).as('alerts')]).where('job_id', '=', id).executeTakeFirstOrThrow();
      let s = t.selectFrom('screening_batch_results').selectAll().where('job_id', '=', id);
      if (q.alertsOnly === 'true') s = s.where('alert', '=', true);
      const rows = await s.orderBy('alert', 'desc').orderBy('top_score', 'desc').orderBy('row_no').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      ctx.audit({ action: 'screening.batch_results_read', objectType: 'job', objectId: id, purpose: (j.params as unknown as BatchParams).purpose, details: { page: q.page, rows: rows.length } });
      const out: PBatchResults = {
        job: presentBatch(ctx, j),
        page: q.page,
        pageSize: q.pageSize,
        total: Number(counts.total),
        alerts: Number(counts.alerts ?? 0),
        rows: await withDeletedLists(ctx.tx, rows.map(presentBatchRow)),
      };
      return out;
    });
    // After the transaction (one connection on embedded PostgreSQL): the notices these results found, as they are now.
    out.rows = await withCurrentNoticeStates(deps.db.unsafeOwner, out.rows);
    return out;
  });

  app.get('/api/screening/batches/:id/download', { schema: { tags: ['screening'], summary: 'All results as JSON lines or CSV (alerts first)', params: ZId, querystring: ZBatchDownloadQuery } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const { format } = req.query as z.infer<typeof ZBatchDownloadQuery>;
    const body = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const j = await loadBatch(ctx, id);
      const rows = await stx(ctx.tx).selectFrom('screening_batch_results').selectAll().where('job_id', '=', id).orderBy('alert', 'desc').orderBy('top_score', 'desc').orderBy('row_no').execute();
      ctx.audit({ action: 'screening.batch_downloaded', objectType: 'job', objectId: id, purpose: (j.params as unknown as BatchParams).purpose, details: { rows: rows.length, format } });
      if (format === 'jsonl') return rows.map((r) => JSON.stringify({ row: r.row_no, query: r.query, alert: r.alert, topScore: r.top_score, candidates: r.candidates })).join('\n') + (rows.length ? '\n' : '');
      const lines = [['row', 'name', 'alert', 'top_score', 'candidate_id', 'candidate_name', 'candidate_watchlist', 'candidates'].join(',')];
      for (const r of rows) {
        const best = (r.candidates as PCandidate[])[0];
        lines.push([r.row_no, r.query.name, r.alert, r.top_score, best?.id, best?.name, best?.watchlist.name, (r.candidates as PCandidate[]).length].map(csvCell).join(','));
      }
      return lines.join('\r\n') + '\r\n';
    });
    void reply.header('content-disposition', `attachment; filename="screening-${id.slice(0, 8)}.${format}"`);
    return reply.type(format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8').send(body);
  });

  app.post('/api/screening/batches/:id/cancel', { schema: { tags: ['screening'], summary: 'Stop screening a list', params: ZId } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const j = await loadBatch(ctx, id);
      if (!batchPolicy.can(ctx.actor, 'cancel', rec(j))) return { batch: presentBatch(ctx, j) };
      const updated = (await cancelJob(ctx, id)) ?? j;
      ctx.audit({ action: 'screening.batch_cancelled', objectType: 'job', objectId: id });
      return { batch: presentBatch(ctx, updated) };
    });
  });

  app.delete('/api/screening/batches/:id', { schema: { tags: ['screening'], summary: 'Delete a list and its results once its purpose is served (a running one is cancelled first)', params: ZId } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const j = await loadBatch(ctx, id);
      if (!batchPolicy.can(ctx.actor, 'delete', rec(j))) throw notFound('batch');
      await cancelJob(ctx, id);
      const t = stx(ctx.tx);
      const gone = await t.deleteFrom('screening_batch_results').where('job_id', '=', id).executeTakeFirst();
      await t.deleteFrom('job_inputs').where('job_id', '=', id).execute();
      ctx.audit({ action: 'screening.batch_deleted', objectType: 'job', objectId: id, details: { rows: Number(gone.numDeletedRows) } });
      return { ok: true };
    });
  });
}
