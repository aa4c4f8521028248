import type { TCreateVenueRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { committeeAgencyIds } from '../queries';
import { etx } from '../schema';

/** Adds a venue to an event (the chair's supervisor; the route has checked). */
export async function addVenue(ctx: Ctx, eventId: string, body: TCreateVenueRequest): Promise<string> {
  const v = await etx(ctx.tx).insertInto('event_venues').values({ event_id: eventId, name: body.name, city: body.city, country: body.country, lat: body.lat, lon: body.lon, capacity: body.capacity ?? null }).returning('id').executeTakeFirstOrThrow();
  ctx.audit({ action: 'event.venue_added', objectType: 'event_venue', objectId: v.id, details: { eventId } });
  ctx.emit({ topic: 'event.changed', id: eventId, audience: { agencyIds: await committeeAgencyIds(ctx, eventId) } });
  return v.id;
}
