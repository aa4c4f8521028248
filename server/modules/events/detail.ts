import { sql } from 'kysely';
import type { IncidentCategory, IncidentSeverity, PBoard, PEvent } from '../../../common';
import { INCIDENT_CATEGORIES, INCIDENT_SEVERITIES } from '../../../common';
import type { Ctx } from '../../platform/db';
import type { EventRecord } from './policies/event.policy';
import { presentEvent, presentIncident } from './presenters';
import { agencyBriefs, caseTitles, type EventRow } from './queries';
import { etx } from './schema';

/** Everything the event page shows, for an event the actor may read (loadEvent has checked). */
export async function eventDetail(ctx: Ctx, e: EventRow, record: EventRecord): Promise<PEvent> {
  const t = etx(ctx.tx);
  const venues = await t.selectFrom('event_venues').selectAll().where('event_id', '=', e.id).orderBy('country').orderBy('city').orderBy('name').execute();
  const committee = await t.selectFrom('event_committee').select(['agency_id', 'role', 'added_at']).where('event_id', '=', e.id).execute();
  // The case title comes through the cases table's own row-level security: only a viewer who may see the case gets it.
  const cases = await t
    .selectFrom('event_cases as ec')
    .leftJoin('cases as c', 'c.id', 'ec.case_id')
    .select(['ec.case_id', 'c.title', 'ec.linked_agency_id', 'ec.linked_at'])
    .where('ec.event_id', '=', e.id)
    .orderBy('ec.linked_at')
    .execute();
  const refs = await agencyBriefs(ctx, [e.organiser_agency_id, ...committee.map((c) => c.agency_id), ...cases.map((c) => c.linked_agency_id)]);
  return presentEvent(ctx.actor, e, record, { venues, committee, cases: cases.map((c) => ({ ...c, title: c.title ?? null })), refs });
}

/** The live situation board: incidents (newest first) and the figures of its charts. */
export async function eventBoard(ctx: Ctx, eventId: string, record: EventRecord): Promise<PBoard> {
  const t = etx(ctx.tx);
  const rows = await t.selectFrom('event_incidents').selectAll().where('event_id', '=', eventId).orderBy('occurred_at', 'desc').limit(2000).execute();
  const venues = new Map((await t.selectFrom('event_venues').selectAll().where('event_id', '=', eventId).execute()).map((v) => [v.id, v]));
  const refs = await agencyBriefs(ctx, rows.flatMap((r) => [r.reported_agency_id, r.assigned_agency_id]));
  const titles = await caseTitles(ctx, rows.map((r) => r.case_id));
  const hours = await sql<{ hour: string; count: number }>`
    SELECT to_char(date_trunc('hour', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') AS hour, count(*)::int AS count
    FROM event_incidents WHERE event_id = ${eventId} GROUP BY 1 ORDER BY 1`.execute(ctx.tx);
  const cat = new Map<IncidentCategory, number>(INCIDENT_CATEGORIES.map((c) => [c, 0]));
  const sev = new Map<IncidentSeverity, number>(INCIDENT_SEVERITIES.map((s) => [s, 0]));
  for (const r of rows) {
    cat.set(r.category as IncidentCategory, (cat.get(r.category as IncidentCategory) ?? 0) + 1);
    sev.set(r.severity as IncidentSeverity, (sev.get(r.severity as IncidentSeverity) ?? 0) + 1);
  }
  return {
    incidents: rows.map((r) => presentIncident(ctx.actor, r, record, venues, refs, titles)),
    byCategory: [...cat].map(([category, count]) => ({ category, count })),
    bySeverity: [...sev].map(([severity, count]) => ({ severity, count })),
    overTime: hours.rows.map((h) => ({ hour: h.hour, count: Number(h.count) })),
  };
}
