import { z } from 'zod';
import { ZCreateIncidentRequest, ZIncidentUpdateRequest, ZUuid, type TCreateIncidentRequest, type TIncidentUpdateRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { createIncident, updateIncident } from '../commands/incidents';
import { eventBoard } from '../detail';
import { incidentPolicy, type EventRecord } from '../policies/event.policy';
import { presentIncident } from '../presenters';
import { agencyBriefs, caseTitles, loadEvent } from '../queries';
import { etx } from '../schema';
import { eventFor } from './events.routes';

const ZId = z.object({ id: ZUuid });
const ZIncident = z.object({ id: ZUuid, incidentId: ZUuid });

/** One incident with its updates thread, for an event the actor may read. */
async function incidentDetail(ctx: Ctx, eventId: string, incidentId: string, record: EventRecord) {
  const t = etx(ctx.tx);
  const i = await t.selectFrom('event_incidents').selectAll().where('id', '=', incidentId).where('event_id', '=', eventId).executeTakeFirst();
  if (!i) throw notFound('incident');
  const updates = await t.selectFrom('event_incident_updates').selectAll().where('incident_id', '=', incidentId).orderBy('at').execute();
  const venues = new Map((await t.selectFrom('event_venues').selectAll().where('event_id', '=', eventId).execute()).map((v) => [v.id, v]));
  const refs = await agencyBriefs(ctx, [i.reported_agency_id, i.assigned_agency_id, ...updates.map((u) => u.author_agency_id)]);
  return { incident: presentIncident(ctx.actor, i, record, venues, refs, await caseTitles(ctx, [i.case_id]), updates) };
}

/** The incident log and the live situation board. */
export async function incidentRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/major-events/:id/board', { schema: { tags: ['events'], summary: 'The situation board: incidents and their figures by category, severity and hour', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { record } = await loadEvent(ctx, id);
      return { board: await eventBoard(ctx, id, record) };
    });
  });

  app.post('/api/major-events/:id/incidents', { schema: { tags: ['events'], summary: 'Log an incident (operational staff of chair and member agencies)', params: ZId, body: ZCreateIncidentRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TCreateIncidentRequest;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { record } = await eventFor(ctx, id, 'logIncident');
      const incidentId = await createIncident(ctx, id, body);
      return incidentDetail(ctx, id, incidentId, record);
    });
    return reply.status(201).send(out);
  });

  app.get('/api/major-events/:id/incidents/:incidentId', { schema: { tags: ['events'], summary: 'An incident with its updates thread', params: ZIncident } }, async (req) => {
    const { id, incidentId } = req.params as z.infer<typeof ZIncident>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { record } = await loadEvent(ctx, id);
      return incidentDetail(ctx, id, incidentId, record);
    });
  });

  app.post('/api/major-events/:id/incidents/:incidentId/updates', { schema: { tags: ['events'], summary: 'Post an update to an incident, changing its status, severity or assigned agency', params: ZIncident, body: ZIncidentUpdateRequest } }, async (req, reply) => {
    const { id, incidentId } = req.params as z.infer<typeof ZIncident>;
    const body = req.body as TIncidentUpdateRequest;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { record } = await loadEvent(ctx, id);
      if (!incidentPolicy.can(ctx.actor, 'update', record)) throw notFound('incident');
      await updateIncident(ctx, id, incidentId, body);
      return incidentDetail(ctx, id, incidentId, record);
    });
    return reply.status(201).send(out);
  });
}
