import { sql } from 'kysely';
import type { PAgencyBrief } from '../../../common';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import { eventPolicy, type EventRecord } from './policies/event.policy';
import { etx } from './schema';

/** Event columns with days as text (a date column would come back as a local-midnight Date). */
export function eventColumns() {
  return [
    'id', 'name', 'description', 'host_countries', 'cities', 'organiser_agency_id', 'retention_days', 'accreditation_purged_at', 'created_by', 'created_at', 'updated_at',
    sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
    sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
  ] as const;
}

export type EventRow = Awaited<ReturnType<typeof loadEvent>>['row'];

/**
 * An event the actor may read, with the facts the policy needs, or 404 — the same answer whether the event does not
 * exist or the actor's agency has no seat on its committee.
 */
export async function loadEvent(ctx: Ctx, id: string) {
  const t = etx(ctx.tx);
  const row = await t.selectFrom('events').select(eventColumns()).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('event');
  const seat = await t.selectFrom('event_committee').select('role').where('event_id', '=', id).where('agency_id', '=', ctx.actor.agencyId ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
  const record: EventRecord = { organiserAgencyId: row.organiser_agency_id, myRole: seat?.role ?? null, accreditationOpen: accreditationOpen(row) };
  if (!eventPolicy.can(ctx.actor, 'read', record)) throw notFound('event');
  return { row, record };
}

/** Agencies by id as the event pages show them (every signed-in user may see the list of agencies). */
export async function agencyBriefs(ctx: Ctx, ids: (string | null | undefined)[]): Promise<Map<string, PAgencyBrief>> {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  if (uniq.length === 0) return new Map();
  const rows = await ctx.tx.selectFrom('agencies').select(['id', 'code', 'name', 'country']).where('id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, country: r.country }]));
}

/** The committee's agencies (the live audience of the event's updates). */
export async function committeeAgencyIds(ctx: Ctx, eventId: string): Promise<string[]> {
  return (await etx(ctx.tx).selectFrom('event_committee').select('agency_id').where('event_id', '=', eventId).execute()).map((r) => r.agency_id);
}

/** Whether lists may still be taken in: not purged, and the day of the purge has not come. */
export function accreditationOpen(row: { ends_on: string; retention_days: number; accreditation_purged_at: Date | null }): boolean {
  return row.accreditation_purged_at === null && new Date().toISOString().slice(0, 10) < purgeDay(row.ends_on, row.retention_days);
}

/** The day accreditation data of an event is reduced to statistics: its end plus the retention days. */
export function purgeDay(endsOn: string, retentionDays: number): string {
  return new Date(Date.parse(`${endsOn}T00:00:00Z`) + (retentionDays + 1) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Titles of cases by id, read through the cases table's own row-level security: a case the viewer may not see is
 * absent from the map (shown as linked, without its title).
 */
export async function caseTitles(ctx: Ctx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  if (uniq.length === 0) return new Map();
  const rows = await ctx.tx.selectFrom('cases').select(['id', 'title']).where('id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
