import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { enqueueJob, jobRunnerFor, presentJob } from '../../../platform/jobs';
import { acceptUploads, readUpload } from '../../watchlists';
import { permissionsOf } from '../../../../common';
import { DOCUMENT_IMPORT_JOB, assertNoProblems, readDocumentsCsv } from '../commands/import';
import { agencyIssuer } from '../issuer';

/** Registers many documents from a CSV as a job with progress; a file with any bad line is refused before it is queued. */
export async function uploadRoutes(app: App): Promise<void> {
  await app.register(async (scope) => {
    acceptUploads(scope);
    scope.post('/api/documents/import', {
      schema: { tags: ['documents'], summary: 'Register documents from a CSV (number, issuing_state, type, loss_type, date) as a job; every line is checked first' },
    }, async (req, reply) => {
      const actor = req.actor!;
      if (!permissionsOf(actor.roles).has('document.register')) throw notFound('route');
      const up = await readUpload(req);
      const issuer = await withActor(app.deps.db, actor, req.ip, (ctx) => agencyIssuer(ctx));
      const r = readDocumentsCsv(up.file, issuer, actor);
      assertNoProblems(r);
      const job = await withActor(app.deps.db, actor, req.ip, async (ctx) => {
        const j = await enqueueJob(ctx, { kind: DOCUMENT_IMPORT_JOB, params: { rows: r.docs.length }, input: up.file });
        ctx.audit({ action: 'document.import_queued', objectType: 'job', objectId: j.id, details: { rows: r.docs.length, bytes: up.file.length } });
        return j;
      });
      jobRunnerFor(app.deps.db).wake();
      return reply.status(202).send({ job: presentJob(actor, job), rows: r.docs.length });
    });
  });
}
