import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../../test/harness';
import { buildEvent, buildEventWorld, type EventWorld } from './world';

let env: TestEnv;
let w: EventWorld;
let eventId: string;
let venueId: string;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildEventWorld(env);
  ({ eventId, venueId } = await buildEvent(env, w));
});
afterAll(async () => env?.close());

describe('events, committee and incidents', () => {
  it('the organiser chairs; the committee sees the event with its venues, each with its own abilities', async () => {
    const chair = (await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}`)).json().event;
    expect(chair.myRole).toBe('chair');
    expect(chair.committee.map((c: { agency: { id: string }; role: string }) => [c.agency.id, c.role])).toEqual([[w.ma.id, 'chair'], [w.es.id, 'member'], [w.ip.id, 'observer']]);
    expect(chair.venues[0]).toMatchObject({ name: 'Palais des Congrès', lat: 31.6345, lon: -8.0106, capacity: 4000 });
    expect(chair.abilities).toMatchObject({ update: true, manageVenues: true, manageCommittee: true, logIncident: true, decideAccreditation: true });
    expect(chair.purgeOn).toBe('2030-08-21');
    const member = (await call(env, w.esOfficer, 'GET', `/api/major-events/${eventId}`)).json().event;
    expect(member.myRole).toBe('member');
    expect(member.abilities).toMatchObject({ update: false, manageCommittee: false, logIncident: true, uploadAccreditation: true, decideAccreditation: false });
    const observer = (await call(env, w.ipOfficer, 'GET', `/api/major-events/${eventId}`)).json().event;
    expect(observer.abilities).toMatchObject({ logIncident: false, readAccreditation: false, uploadAccreditation: false });
    const list = (await call(env, w.esOfficer, 'GET', '/api/major-events')).json();
    expect(list.events.map((e: { id: string }) => e.id)).toEqual([eventId]);
    expect(list.abilities.create).toBe(false);
    expect((await call(env, w.deOfficer, 'GET', '/api/major-events')).json().events).toEqual([]);
  });

  it('a member logs an incident at a venue; the board counts it; the thread records a status change', async () => {
    const res = await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Crowd surge at the north gate', category: 'crowd-safety', severity: 'high', venueId, assignedAgencyId: w.ma.id, occurredAt: '2030-06-14T09:15:00Z' });
    expect(res.statusCode, res.body).toBe(201);
    const inc = res.json().incident;
    expect(inc).toMatchObject({ category: 'crowd-safety', severity: 'high', status: 'open', venue: { id: venueId }, assignedAgency: { id: w.ma.id }, reportedBy: { id: w.es.id }, updates: [] });
    const upd = await call(env, w.maOfficer, 'POST', `/api/major-events/${eventId}/incidents/${inc.id}/updates`, { body: 'Gate closed, crowd redirected to gate 3.', status: 'resolved', severity: 'medium' });
    expect(upd.statusCode, upd.body).toBe(201);
    expect(upd.json().incident).toMatchObject({ status: 'resolved', severity: 'medium' });
    expect(upd.json().incident.updates).toEqual([expect.objectContaining({ agency: expect.objectContaining({ id: w.ma.id }), statusFrom: 'open', statusTo: 'resolved', body: 'Gate closed, crowd redirected to gate 3.' })]);
    const board = (await call(env, w.ipOfficer, 'GET', `/api/major-events/${eventId}/board`)).json().board;
    expect(board.incidents.map((i: { id: string }) => i.id)).toEqual([inc.id]);
    expect(board.byCategory.find((c: { category: string }) => c.category === 'crowd-safety').count).toBe(1);
    expect(board.overTime).toEqual([{ hour: '2030-06-14T09:00:00Z', count: 1 }]);
    expect(board.incidents[0].abilities.update).toBe(false);
  });

  it('bad input gets a field message: an unknown venue, an agency off the committee, an empty update', async () => {
    const r1 = await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Drone over the venue', category: 'terrorist-threat', severity: 'critical', venueId: '00000000-0000-4000-8000-000000000000' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details[0].path).toBe('venueId');
    const r2 = await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Drone over the venue', category: 'terrorist-threat', severity: 'critical', assignedAgencyId: w.de.id });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details[0].path).toBe('assignedAgencyId');
    const inc = (await call(env, w.esOfficer, 'GET', `/api/major-events/${eventId}/board`)).json().board.incidents[0];
    const r3 = await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/incidents/${inc.id}/updates`, {});
    expect(r3.statusCode).toBe(400);
    const r4 = await call(env, w.maSupervisor, 'POST', '/api/major-events', { name: 'Backwards', startsOn: '2030-07-21', endsOn: '2030-06-08', hostCountries: ['MA'] });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().error.details[0].path).toBe('endsOn');
  });

  it('the committee changes: Germany seated as observer sees the event, removed it answers 404 again; the chair cannot be unseated', async () => {
    expect((await call(env, w.deOfficer, 'GET', `/api/major-events/${eventId}`)).statusCode).toBe(404);
    expect((await call(env, w.maSupervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId: w.de.id, role: 'observer' })).statusCode).toBe(200);
    expect((await call(env, w.deOfficer, 'GET', `/api/major-events/${eventId}`)).json().event.myRole).toBe('observer');
    expect((await call(env, w.maSupervisor, 'DELETE', `/api/major-events/${eventId}/committee/${w.de.id}`)).statusCode).toBe(200);
    expect((await call(env, w.deOfficer, 'GET', `/api/major-events/${eventId}`)).statusCode).toBe(404);
    expect((await call(env, w.maSupervisor, 'DELETE', `/api/major-events/${eventId}/committee/${w.ma.id}`)).statusCode).toBe(404);
    expect((await call(env, w.maSupervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId: w.ma.id, role: 'member' })).statusCode).toBe(400);
  });

  it('a case is linked by someone who sees it; other members see the link without the title', async () => {
    const c = await call(env, w.maLiaison, 'POST', '/api/cases', { title: 'Ticket fraud ring targeting the Assembly', crimeAreas: ['organised-crime'] });
    expect(c.statusCode, c.body).toBe(201);
    const caseId = c.json().case.id as string;
    expect((await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/cases`, { caseId })).statusCode).toBe(404);
    const ok = await call(env, w.maLiaison, 'POST', `/api/major-events/${eventId}/cases`, { caseId });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().event.cases).toEqual([expect.objectContaining({ caseId, title: 'Ticket fraud ring targeting the Assembly' })]);
    const es = (await call(env, w.esOfficer, 'GET', `/api/major-events/${eventId}`)).json().event;
    expect(es.cases).toEqual([expect.objectContaining({ caseId, title: null })]);
  });

  it('every change is audited in the same transaction', async () => {
    const actions = (await env.db.unsafeOwner.selectFrom('audit_events').select('action').where('action', 'like', 'event.%').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['event.created', 'event.venue_added', 'event.committee_added', 'event.committee_removed', 'event.incident_logged', 'event.incident_updated', 'event.case_linked', 'event.read']));
  });
});
