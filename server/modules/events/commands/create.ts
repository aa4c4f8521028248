import { randomUUID } from 'node:crypto';
import type { TCreateEventRequest, TUpdateEventRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { canCreateEvent } from '../policies/event.policy';
import type { EventRow } from '../queries';
import { committeeAgencyIds } from '../queries';
import { etx } from '../schema';

/** Creates an event organised (and chaired) by the actor's agency. */
export async function createEvent(ctx: Ctx, body: TCreateEventRequest): Promise<string> {
  if (!canCreateEvent(ctx.actor, null)) throw notFound('route');
  const id = randomUUID();
  const t = etx(ctx.tx);
  // No RETURNING: under row-level security the event is not visible until its chair row exists.
  await t.insertInto('events').values({
    id, name: body.name, description: body.description, starts_on: body.startsOn, ends_on: body.endsOn,
    host_countries: [...new Set(body.hostCountries)], cities: [...new Set(body.cities)], organiser_agency_id: ctx.actor.agencyId!,
    retention_days: body.retentionDays, created_by: ctx.actor.userId,
  }).execute();
  await t.insertInto('event_committee').values({ event_id: id, agency_id: ctx.actor.agencyId!, role: 'chair', added_by: ctx.actor.userId }).execute();
  ctx.audit({ action: 'event.created', objectType: 'event', objectId: id, details: { hostCountries: body.hostCountries } });
  ctx.emit({ topic: 'event.changed', id, audience: { agencyIds: [ctx.actor.agencyId!] } });
  return id;
}

/** Edits an event (the chair's supervisor; the route has checked). */
export async function updateEvent(ctx: Ctx, e: EventRow, body: TUpdateEventRequest): Promise<void> {
  const starts = body.startsOn ?? e.starts_on;
  const ends = body.endsOn ?? e.ends_on;
  if (ends < starts) throw badRequest('The event cannot end before it starts.', [{ path: 'endsOn', message: 'Before the start.' }]);
  const set: Record<string, unknown> = {};
  if (body.name !== undefined) set.name = body.name;
  if (body.description !== undefined) set.description = body.description;
  if (body.startsOn !== undefined) set.starts_on = body.startsOn;
  if (body.endsOn !== undefined) set.ends_on = body.endsOn;
  if (body.hostCountries !== undefined) set.host_countries = [...new Set(body.hostCountries)];
  if (body.cities !== undefined) set.cities = [...new Set(body.cities)];
  if (body.retentionDays !== undefined) set.retention_days = body.retentionDays;
  if (Object.keys(set).length === 0) return;
  await etx(ctx.tx).updateTable('events').set({ ...set, updated_at: new Date() }).where('id', '=', e.id).execute();
  ctx.audit({ action: 'event.updated', objectType: 'event', objectId: e.id, details: { fields: Object.keys(set) } });
  ctx.emit({ topic: 'event.changed', id: e.id, audience: { agencyIds: await committeeAgencyIds(ctx, e.id) } });
}
