import { z } from 'zod';
import { permissionsOf, ZDecideHitRequest, ZListHitsQuery, type PHitList, type TDecideHitRequest, type TListHitsQuery } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { decideHit } from '../commands/decide';
import { presentHits } from '../presenters';
import { listHits, loadHit } from '../queries';

const ZHitParams = z.object({ id: z.uuid('Not a valid identifier.') });

/** Hits: the screening officer's to decide; confirmed ones also the notice's (or document's) owner's to see. */
export async function hitRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/hits', { schema: { tags: ['hits'], summary: 'Your hits, or the confirmed hits on your agency’s notices', querystring: ZListHitsQuery } }, async (req) => {
    const q = req.query as TListHitsQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx): Promise<PHitList> => {
      if (!ctx.actor.agencyId || !ctx.actor.userId) throw notFound('route');
      // Own hits need the right to screen; the hits on the agency's notices are the NCB's business (any of its staff
      // who work cases, and the supervisors who approved the notices).
      const perms = permissionsOf(ctx.actor.roles);
      if (q.scope === 'ours' ? !perms.has('screening.run') : !(perms.has('case.work') || perms.has('notice.approve'))) throw notFound('route');
      const { rows, total, counts } = await listHits(ctx, q);
      return { hits: await presentHits(ctx, rows), total, counts };
    });
  });

  app.get('/api/hits/:id', { schema: { tags: ['hits'], summary: 'One hit, with the current status of the notice, list entry or document it hit', params: ZHitParams } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const row = await loadHit(ctx, id);
      ctx.audit({ action: 'hit.read', objectType: 'hit', objectId: id, ...(row.agency_id !== ctx.actor.agencyId ? { subjectAgencyId: row.agency_id } : {}), details: {} });
      return { hit: (await presentHits(ctx, [row]))[0]! };
    });
  });

  app.post('/api/hits/:id/decision', { schema: { tags: ['hits'], summary: 'Confirm or discard your hit with a reason (a confirmed hit on a notice tells the requesting NCB)', params: ZHitParams, body: ZDecideHitRequest } }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as TDecideHitRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await decideHit(ctx, id, body);
      return { hit: (await presentHits(ctx, [await loadHit(ctx, id)]))[0]! };
    });
  });
}
