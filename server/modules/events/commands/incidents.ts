import type { TCreateIncidentRequest, TIncidentUpdateRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError, badRequest, notFound } from '../../../platform/http';
import { loadCase } from '../../cases';
import { committeeAgencyIds } from '../queries';
import { etx } from '../schema';

async function checkRefs(ctx: Ctx, eventId: string, r: { venueId?: string | null; assignedAgencyId?: string | null; caseId?: string | null }): Promise<void> {
  const t = etx(ctx.tx);
  if (r.venueId) {
    const v = await t.selectFrom('event_venues').select('id').where('id', '=', r.venueId).where('event_id', '=', eventId).executeTakeFirst();
    if (!v) throw badRequest('This venue is not one of the event\'s venues.', [{ path: 'venueId', message: 'Unknown venue.' }]);
  }
  if (r.assignedAgencyId) {
    const c = await t.selectFrom('event_committee').select('agency_id').where('event_id', '=', eventId).where('agency_id', '=', r.assignedAgencyId).executeTakeFirst();
    if (!c) throw badRequest('An incident is assigned to an agency of the committee.', [{ path: 'assignedAgencyId', message: 'Not on the committee.' }]);
  }
  if (r.caseId) {
    try {
      await loadCase(ctx, r.caseId);
    } catch (e) {
      // A case the actor may not see is refused exactly like one that does not exist (404), naming the field.
      if (e instanceof AppError && e.status === 404) {
        throw new AppError(404, 'not_found', 'No such case, or you may not see it: link a case you can see.', [{ path: 'caseId', message: 'Unknown case.' }]);
      }
      throw e;
    }
  }
}

/** Logs an incident; every committee agency's board is told (the id only). */
export async function createIncident(ctx: Ctx, eventId: string, body: TCreateIncidentRequest): Promise<string> {
  await checkRefs(ctx, eventId, body);
  const row = await etx(ctx.tx).insertInto('event_incidents').values({
    event_id: eventId, venue_id: body.venueId ?? null, occurred_at: body.occurredAt ? new Date(body.occurredAt) : new Date(), category: body.category, severity: body.severity,
    title: body.title, description: body.description, assigned_agency_id: body.assignedAgencyId ?? null, case_id: body.caseId ?? null,
    reported_by: ctx.actor.userId, reported_agency_id: ctx.actor.agencyId!,
  }).returning('id').executeTakeFirstOrThrow();
  ctx.audit({ action: 'event.incident_logged', objectType: 'event_incident', objectId: row.id, details: { eventId, category: body.category, severity: body.severity } });
  ctx.emit({ topic: 'event.incident', id: eventId, audience: { agencyIds: await committeeAgencyIds(ctx, eventId) } });
  return row.id;
}

/** Adds an update to an incident's thread, changing its status, severity or assigned agency on the way. */
export async function updateIncident(ctx: Ctx, eventId: string, incidentId: string, body: TIncidentUpdateRequest): Promise<void> {
  const t = etx(ctx.tx);
  const i = await t.selectFrom('event_incidents').selectAll().where('id', '=', incidentId).where('event_id', '=', eventId).forUpdate().executeTakeFirst();
  if (!i) throw notFound('incident');
  if (body.assignedAgencyId || body.caseId) await checkRefs(ctx, eventId, { assignedAgencyId: body.assignedAgencyId, caseId: body.caseId });
  const set: Record<string, unknown> = {};
  if (body.status !== undefined && body.status !== i.status) set.status = body.status;
  if (body.severity !== undefined && body.severity !== i.severity) set.severity = body.severity;
  if (body.assignedAgencyId !== undefined && body.assignedAgencyId !== i.assigned_agency_id) set.assigned_agency_id = body.assignedAgencyId;
  if (body.caseId !== undefined && body.caseId !== i.case_id) set.case_id = body.caseId;
  if (Object.keys(set).length > 0) await t.updateTable('event_incidents').set({ ...set, updated_at: new Date() }).where('id', '=', incidentId).execute();
  // A change of the linked case alone leaves no line in the thread (the incident shows its case; the audit keeps it).
  const caseOnly = body.body.length === 0 && Object.keys(set).every((k) => k === 'case_id');
  if (!caseOnly) {
    await t.insertInto('event_incident_updates').values({
      incident_id: incidentId, event_id: eventId, author_user_id: ctx.actor.userId, author_agency_id: ctx.actor.agencyId!, body: body.body,
      status_from: set.status ? i.status : null, status_to: (set.status as string | undefined) ?? null,
    }).execute();
  }
  ctx.audit({ action: 'event.incident_updated', objectType: 'event_incident', objectId: incidentId, details: { eventId, fields: Object.keys(set), ...(set.case_id !== undefined ? { caseId: set.case_id } : {}) } });
  ctx.emit({ topic: 'event.incident', id: eventId, audience: { agencyIds: await committeeAgencyIds(ctx, eventId) } });
}
