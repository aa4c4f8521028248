import type { Ctx } from '../platform/db';
import { etx } from '../modules/events/schema';
import { GA_DEMO_INCIDENTS, INTERPOL_GA_2025, WORLD_CUP_2030, type FixtureEvent } from './events-fixture';
import { randomUUID } from 'node:crypto';

/** Loads the demo's major events (events-fixture.ts): venues, committees and the General Assembly's incidents. */
export async function loadDemoEvents(ctx: Ctx): Promise<number> {
  const t = etx(ctx.tx);
  const agencies = new Map((await ctx.tx.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
  const users = new Map((await ctx.tx.selectFrom('users').select(['id', 'email', 'agency_id']).execute()).map((u) => [u.email, u]));
  const agency = (code: string) => {
    const id = agencies.get(code);
    if (!id) throw new Error(`demo agency ${code} is missing`);
    return id;
  };
  const load = async (f: FixtureEvent): Promise<{ id: string; venues: string[] }> => {
    const id = randomUUID();
    const chair = users.get(`supervisor@${f.organiser}.demo`)!;
    await t.insertInto('events').values({
      id, name: f.name, description: f.description, starts_on: f.startsOn, ends_on: f.endsOn, host_countries: f.hostCountries,
      cities: [...new Set(f.venues.map((v) => v.city))], organiser_agency_id: agency(f.organiser), retention_days: f.retentionDays, created_by: chair.id,
    }).execute();
    await t.insertInto('event_committee').values([
      { event_id: id, agency_id: agency(f.organiser), role: 'chair', added_by: chair.id },
      ...Object.entries(f.committee).map(([code, role]) => ({ event_id: id, agency_id: agency(code), role, added_by: chair.id })),
    ]).execute();
    const venues = await t.insertInto('event_venues').values(f.venues.map((v) => ({ event_id: id, ...v }))).returning('id').execute();
    ctx.audit({ action: 'demo.event_loaded', objectType: 'event', objectId: id, subjectAgencyId: agency(f.organiser), details: { venues: venues.length } });
    return { id, venues: venues.map((v) => v.id) };
  };
  const ga = await load(INTERPOL_GA_2025);
  await load(WORLD_CUP_2030);
  for (const i of GA_DEMO_INCIDENTS) {
    const reporter = users.get(i.reporter)!;
    const row = await t.insertInto('event_incidents').values({
      event_id: ga.id, venue_id: ga.venues[0]!, occurred_at: i.at, category: i.category, severity: i.severity, title: i.title, description: i.description,
      status: i.status, assigned_agency_id: agency(i.assigned), reported_by: reporter.id, reported_agency_id: reporter.agency_id, created_at: i.at, updated_at: i.at,
    }).returning('id').executeTakeFirstOrThrow();
    if (i.status !== 'open') {
      const by = users.get(`officer@${i.assigned}.demo`)!;
      await t.insertInto('event_incident_updates').values({ incident_id: row.id, event_id: ga.id, at: new Date(Date.parse(i.at) + 45 * 60_000), author_user_id: by.id, author_agency_id: by.agency_id, status_from: 'open', status_to: i.status }).execute();
    }
  }
  return 2;
}
