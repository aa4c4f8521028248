import { sql } from 'kysely';
import { z } from 'zod';
import { ZCommitteeMemberRequest, ZCreateEventRequest, ZCreateVenueRequest, ZLinkCaseRequest, ZUpdateEventRequest, ZUuid, type CommitteeRole, type TCommitteeMemberRequest, type TCreateEventRequest, type TCreateVenueRequest, type TLinkCaseRequest, type TUpdateEventRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { seatAgency, unseatAgency } from '../commands/committee';
import { createEvent, updateEvent } from '../commands/create';
import { linkCase } from '../commands/link-case';
import { addVenue } from '../commands/venues';
import { eventDetail } from '../detail';
import { canCreateEvent, eventPolicy } from '../policies/event.policy';
import { presentEventSummary } from '../presenters';
import { agencyBriefs, eventColumns, loadEvent } from '../queries';
import { etx } from '../schema';

const ZId = z.object({ id: ZUuid });
const ZSeat = z.object({ id: ZUuid, agencyId: ZUuid });

/** Loads an event and checks one ability: a viewer without it gets 404, as if the event did not exist. */
export async function eventFor(ctx: Ctx, id: string, ability: Parameters<typeof eventPolicy.can>[1]) {
  const e = await loadEvent(ctx, id);
  if (!eventPolicy.can(ctx.actor, ability, e.record)) throw notFound('event');
  return e;
}

async function detail(ctx: Ctx, id: string) {
  const { row, record } = await loadEvent(ctx, id);
  return { event: await eventDetail(ctx, row, record) };
}

/** Events: list, create, read, edit, venues, committee and linked cases. */
export async function eventRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/major-events', { schema: { tags: ['events'], summary: 'Major events whose security committee your agency sits on' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const t = etx(ctx.tx);
      // Row-level security returns only the events of the viewer's committees.
      const rows = await t.selectFrom('events').select(eventColumns()).orderBy('starts_on').execute();
      const seats = new Map((await t.selectFrom('event_committee').select(['event_id', 'role']).where('agency_id', '=', ctx.actor.agencyId ?? '00000000-0000-0000-0000-000000000000').execute()).map((s) => [s.event_id, s.role]));
      const visible = rows.filter((r) => eventPolicy.can(ctx.actor, 'read', { organiserAgencyId: r.organiser_agency_id, myRole: seats.get(r.id) ?? null, accreditationOpen: false }));
      const counts = visible.length
        ? await sql<{ event_id: string; venues: number; open: number }>`
            SELECT e.id AS event_id, (SELECT count(*)::int FROM event_venues v WHERE v.event_id = e.id) AS venues,
                   (SELECT count(*)::int FROM event_incidents i WHERE i.event_id = e.id AND i.status IN ('open', 'in-progress')) AS open
            FROM events e WHERE e.id = ANY(${visible.map((r) => r.id)}::uuid[])`.execute(ctx.tx)
        : { rows: [] };
      const byId = new Map(counts.rows.map((c) => [c.event_id, c]));
      const refs = await agencyBriefs(ctx, visible.map((r) => r.organiser_agency_id));
      return {
        events: visible.map((r) => presentEventSummary(r, seats.get(r.id) as CommitteeRole, refs, Number(byId.get(r.id)?.venues ?? 0), Number(byId.get(r.id)?.open ?? 0))),
        abilities: { create: canCreateEvent(ctx.actor, null) },
      };
    }),
  );

  app.post('/api/major-events', { schema: { tags: ['events'], summary: 'Create an event: your agency organises it and chairs its security committee (supervisor)', body: ZCreateEventRequest } }, async (req, reply) => {
    const body = req.body as TCreateEventRequest;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => detail(ctx, await createEvent(ctx, body)));
    return reply.status(201).send(out);
  });

  app.get('/api/major-events/:id', { schema: { tags: ['events'], summary: 'An event: dates, venues, committee and linked cases', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const out = await detail(ctx, id);
      ctx.audit({ action: 'event.read', objectType: 'event', objectId: id });
      return out;
    });
  });

  app.patch('/api/major-events/:id', { schema: { tags: ['events'], summary: 'Edit an event (the chair’s supervisor)', params: ZId, body: ZUpdateEventRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TUpdateEventRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { row } = await eventFor(ctx, id, 'update');
      await updateEvent(ctx, row, body);
      return detail(ctx, id);
    });
  });

  app.post('/api/major-events/:id/venues', { schema: { tags: ['events'], summary: 'Add a venue with its coordinates (the chair’s supervisor)', params: ZId, body: ZCreateVenueRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TCreateVenueRequest;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await eventFor(ctx, id, 'manageVenues');
      await addVenue(ctx, id, body);
      return detail(ctx, id);
    });
    return reply.status(201).send(out);
  });

  app.put('/api/major-events/:id/committee', { schema: { tags: ['events'], summary: 'Seat an agency on the committee as member or observer, or change its seat (the chair’s supervisor)', params: ZId, body: ZCommitteeMemberRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TCommitteeMemberRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await eventFor(ctx, id, 'manageCommittee');
      await seatAgency(ctx, id, body);
      return detail(ctx, id);
    });
  });

  app.delete('/api/major-events/:id/committee/:agencyId', { schema: { tags: ['events'], summary: 'Remove an agency from the committee (the chair’s supervisor)', params: ZSeat } }, async (req) => {
    const { id, agencyId } = req.params as z.infer<typeof ZSeat>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await eventFor(ctx, id, 'manageCommittee');
      await unseatAgency(ctx, id, agencyId);
      return detail(ctx, id);
    });
  });

  app.post('/api/major-events/:id/cases', { schema: { tags: ['events'], summary: 'Link a case you can see to the event', params: ZId, body: ZLinkCaseRequest } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TLinkCaseRequest;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await eventFor(ctx, id, 'linkCase');
      await linkCase(ctx, id, body.caseId);
      return detail(ctx, id);
    });
    return reply.status(201).send(out);
  });
}
