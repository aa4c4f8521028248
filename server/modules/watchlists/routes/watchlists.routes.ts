import { z } from 'zod';
import { permissionsOf, ZImportWatchlistQuery, ZUpdateWatchlistRequest, type TImportWatchlistQuery, type TUpdateWatchlistRequest } from '../../../../common';
import { withActor, type Actor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { enqueueJob, jobRunnerFor, presentJob } from '../../../platform/jobs';
import { deleteWatchlist } from '../commands/delete';
import { IMPORT_JOB, precheckWatchlist, type ImportParams } from '../commands/import';
import { refreshLiveIndex } from '../live-index';
import { watchlistPolicy } from '../policies/watchlist.policy';
import { presentVersion, presentWatchlist } from '../presenters';
import { findWatchlist } from '../queries';
import { stx } from '../schema';
import { acceptUploads, readUpload, uploadLimitBytes } from '../upload';
import type { FastifyRequest } from 'fastify';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });
const ZVersionQuery = ZImportWatchlistQuery.pick({ format: true });

/** Queues the import of an uploaded file as the next version of a watchlist (created by its first import). */
async function queueImport(app: App, req: FastifyRequest, actor: Actor, q: { name: string; scope: 'global' | 'agency'; format?: TImportWatchlistQuery['format'] }, existingId: string | null) {
  const up = await readUpload(req);
  const format = precheckWatchlist(up.file, q.format);
  const params: ImportParams = {
    name: q.name,
    scope: q.scope,
    agencyId: q.scope === 'agency' ? actor.agencyId : null,
    ...(q.format ? { format: q.format } : {}),
    ...(up.extra.alt ? { ofacAlt: up.extra.alt.toString('utf8') } : {}),
    ...(up.extra.add ? { ofacAdd: up.extra.add.toString('utf8') } : {}),
  };
  const job = await withActor(app.deps.db, actor, req.ip, async (ctx) => {
    const j = await enqueueJob(ctx, { kind: IMPORT_JOB, params: params as unknown as Record<string, unknown>, input: up.file });
    ctx.audit({ action: 'watchlist.import_queued', objectType: 'job', objectId: j.id, details: { watchlist: existingId, scope: q.scope, format, bytes: up.file.length } });
    return j;
  });
  jobRunnerFor(app.deps.db).wake();
  return { job: presentJob(actor, job), format };
}

/** Watchlists: the lists screened against, their versions, and their import (as jobs). */
export async function watchlistRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/watchlists', { schema: { tags: ['watchlists'], summary: 'Global watchlists and your agency’s own' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const rows = await stx(ctx.tx).selectFrom('watchlists').selectAll().where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('scope', '=', 'global'), eb('agency_id', '=', ctx.actor.agencyId)]))
        .orderBy('scope', 'desc').orderBy('name').execute();
      const perms = permissionsOf(ctx.actor.roles);
      return {
        watchlists: rows.filter((w) => watchlistPolicy.can(ctx.actor, 'read', { scope: w.scope, agencyId: w.agency_id ?? '' })).map((w) => presentWatchlist(ctx.actor, w)),
        abilities: { importGlobal: perms.has('watchlist.manage-global'), importAgency: perms.has('watchlist.manage-agency') },
        uploadLimitBytes: uploadLimitBytes(),
      };
    }),
  );

  app.get('/api/watchlists/:id', { schema: { tags: ['watchlists'], summary: 'One watchlist with its versions (added, removed, changed)', params: ZId } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const w = await findWatchlist(ctx, id);
      const versions = await stx(ctx.tx).selectFrom('watchlist_versions').selectAll().where('watchlist_id', '=', id).orderBy('version', 'desc').limit(100).execute();
      return { watchlist: presentWatchlist(ctx.actor, w), versions: versions.map(presentVersion) };
    });
  });

  app.patch('/api/watchlists/:id', { schema: { tags: ['watchlists'], summary: 'Set or clear the watchlist’s alert threshold', params: ZId, body: ZUpdateWatchlistRequest } }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as TUpdateWatchlistRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const w = await findWatchlist(ctx, id);
      if (!watchlistPolicy.can(ctx.actor, 'update', { scope: w.scope, agencyId: w.agency_id ?? '' })) throw notFound('watchlist');
      const row = await stx(ctx.tx).updateTable('watchlists').set({ alert_threshold: body.alertThreshold, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      ctx.audit({ action: 'watchlist.updated', objectType: 'watchlist', objectId: id, details: { alertThreshold: body.alertThreshold } });
      return { watchlist: presentWatchlist(ctx.actor, row) };
    });
  });

  app.delete('/api/watchlists/:id', { schema: { tags: ['watchlists'], summary: 'Delete a watchlist: its entries leave screening at once; hits and results that found them stay, marked "list deleted"', params: ZId } }, async (req) => {
    const { id } = req.params as { id: string };
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const w = await findWatchlist(ctx, id);
      if (!watchlistPolicy.can(ctx.actor, 'delete', { scope: w.scope, agencyId: w.agency_id ?? '' })) throw notFound('watchlist');
      return deleteWatchlist(ctx, w);
    });
    // This process's index drops the list now; other processes at their next look at the database (and screening
    // already skips a deleted list's candidates, since it screens only against the live lists it reads per request).
    // The deletion has committed: a failed refresh is logged, not reported as a failed deletion (the next sync drops it).
    await refreshLiveIndex(deps.db).catch((err: unknown) => req.log.error({ err }, 'screening index refresh after a watchlist deletion failed'));
    return { deleted: { id, ...out } };
  });

  // Uploads: the file is the body (or the field "file" of a multipart form), in a scope of their own.
  await app.register(async (scope) => {
    acceptUploads(scope);

    scope.post('/api/watchlists', {
      schema: { tags: ['watchlists'], summary: 'Import a watchlist file (UN XML, OFAC SDN CSV, FollowTheMoney JSON lines, CSV with a name column) as a job; the format is recognised from the content', querystring: ZImportWatchlistQuery },
    }, async (req, reply) => {
      const q = req.query as TImportWatchlistQuery;
      const actor = req.actor!;
      if (!watchlistPolicy.can(actor, 'import', { scope: q.scope, agencyId: q.scope === 'agency' ? actor.agencyId ?? '' : '' })) throw notFound('route');
      return reply.status(202).send(await queueImport(app, req, actor, q, null));
    });

    scope.post('/api/watchlists/:id/versions', {
      schema: { tags: ['watchlists'], summary: 'Import a new version of a watchlist (as a job)', params: ZId, querystring: ZVersionQuery },
    }, async (req, reply) => {
      const { id } = req.params as { id: string };
      const q = req.query as z.infer<typeof ZVersionQuery>;
      const actor = req.actor!;
      const w = await withActor(deps.db, actor, req.ip, (ctx) => findWatchlist(ctx, id));
      if (!watchlistPolicy.can(actor, 'import', { scope: w.scope, agencyId: w.agency_id ?? '' })) throw notFound('watchlist');
      return reply.status(202).send(await queueImport(app, req, actor, { name: w.name, scope: w.scope, ...(q.format ? { format: q.format } : {}) }, w.id));
    });
  });
}
