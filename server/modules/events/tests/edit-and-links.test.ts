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

const ev = async (as: EventWorld['maSupervisor']) => (await call(env, as, 'GET', `/api/major-events/${eventId}`)).json().event;

describe('editing an event, its venues and its committee', () => {
  it('the presented abilities say who edits: the chair’s supervisor only', async () => {
    expect((await ev(w.maSupervisor)).abilities).toMatchObject({ update: true, manageVenues: true, manageCommittee: true });
    for (const s of [w.maOfficer, w.esSupervisor, w.esOfficer, w.ipSupervisor]) {
      const e = await ev(s);
      expect(e.abilities).toMatchObject({ update: false, manageVenues: false, manageCommittee: false });
      expect(e.committee.every((c: { abilities: { change: boolean; remove: boolean } }) => !c.abilities.change && !c.abilities.remove)).toBe(true);
    }
    // The chair's own seat can be neither switched nor removed.
    const chair = (await ev(w.maSupervisor)).committee;
    expect(chair.map((c: { role: string; abilities: object }) => [c.role, c.abilities])).toEqual([
      ['chair', { change: false, remove: false }], ['member', { change: true, remove: true }], ['observer', { change: true, remove: true }],
    ]);
  });

  it('the chair’s supervisor edits name, dates, host countries and cities and retention; the purge day follows', async () => {
    const res = await call(env, w.maSupervisor, 'PATCH', `/api/major-events/${eventId}`, { name: 'Marrakech fan zone 2030', startsOn: '2030-06-12', endsOn: '2030-07-22', hostCountries: ['ma', 'ES'], cities: ['Marrakech', 'Agadir'], retentionDays: 10 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().event).toMatchObject({ name: 'Marrakech fan zone 2030', startsOn: '2030-06-12', endsOn: '2030-07-22', hostCountries: ['MA', 'ES'], cities: ['Marrakech', 'Agadir'], retentionDays: 10, purgeOn: '2030-08-02' });
    // A member sees the change.
    expect((await ev(w.esOfficer)).name).toBe('Marrakech fan zone 2030');
    const bad = await call(env, w.maSupervisor, 'PATCH', `/api/major-events/${eventId}`, { endsOn: '2030-06-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('endsOn');
    expect((await ev(w.maSupervisor)).endsOn).toBe('2030-07-22');
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'event.updated').execute();
    expect(audit).toHaveLength(1);
  });

  it('a venue is added with its coordinates and capacity', async () => {
    const res = await call(env, w.maSupervisor, 'POST', `/api/major-events/${eventId}/venues`, { name: 'Stade d’Agadir', city: 'Agadir', country: 'MA', lat: 30.4278, lon: -9.5981, capacity: 45480 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().event.venues).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Stade d’Agadir', lat: 30.4278, lon: -9.5981, capacity: 45480 })]));
    expect((await call(env, w.maSupervisor, 'POST', `/api/major-events/${eventId}/venues`, { name: 'Nowhere', city: 'X', country: 'MA', lat: 91, lon: 0 })).statusCode).toBe(400);
  });

  it('a member switched to observer loses the right to log incidents, and gets it back', async () => {
    const toObserver = await call(env, w.maSupervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId: w.es.id, role: 'observer' });
    expect(toObserver.statusCode, toObserver.body).toBe(200);
    expect(toObserver.json().event.committee.find((c: { agency: { id: string } }) => c.agency.id === w.es.id).role).toBe('observer');
    expect((await ev(w.esOfficer)).abilities.logIncident).toBe(false);
    expect((await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Observer writes', category: 'other', severity: 'low' })).statusCode).toBe(404);
    expect((await call(env, w.maSupervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId: w.es.id, role: 'member' })).statusCode).toBe(200);
    expect((await ev(w.esOfficer)).abilities.logIncident).toBe(true);
    const actions = (await env.db.unsafeOwner.selectFrom('audit_events').select('action').where('action', '=', 'event.committee_changed').execute()).length;
    expect(actions).toBe(2);
  });

  it('attackers: unauthenticated 401; a non-member agency, an observer, a member’s officer and supervisor, the chair’s officer: 404, nothing changes', async () => {
    const before = JSON.stringify(await ev(w.maSupervisor));
    expect((await call(env, null, 'PATCH', `/api/major-events/${eventId}`, { name: 'Hijacked' })).statusCode).toBe(401);
    for (const s of [w.deSupervisor, w.ipSupervisor, w.esOfficer, w.esSupervisor, w.maOfficer]) {
      for (const [m, url, body] of [
        ['PATCH', `/api/major-events/${eventId}`, { name: 'Hijacked', retentionDays: 365 }],
        ['POST', `/api/major-events/${eventId}/venues`, { name: 'Fake venue', city: 'X', country: 'MA', lat: 1, lon: 1 }],
        ['PUT', `/api/major-events/${eventId}/committee`, { agencyId: w.ip.id, role: 'member' }],
        ['DELETE', `/api/major-events/${eventId}/committee/${w.ip.id}`, undefined],
      ] as const) {
        const res = await call(env, s, m, url, body);
        expect(res.statusCode, `${m} ${url}`).toBe(404);
        expect(res.body).not.toContain('fan zone');
      }
    }
    expect(JSON.stringify(await ev(w.maSupervisor))).toBe(before);
  });
});

describe('incidents linked to a case', () => {
  let caseId: string;
  let esCaseId: string;
  let incidentId: string;

  beforeAll(async () => {
    const c = await call(env, w.maLiaison, 'POST', '/api/cases', { title: 'Counterfeit tickets at the fan zone', crimeAreas: ['organised-crime'] });
    expect(c.statusCode, c.body).toBe(201);
    caseId = c.json().case.id;
    const e = await call(env, w.esOfficer, 'POST', '/api/cases', { title: 'Spanish pickpocket network', crimeAreas: ['other'] });
    expect(e.statusCode, e.body).toBe(201);
    esCaseId = e.json().case.id;
  });

  it('an incident logged with a case the author sees shows the case; another member sees it linked without the title', async () => {
    const res = await call(env, w.maLiaison, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Fake tickets seized at gate 3', category: 'other', severity: 'medium', venueId, caseId });
    expect(res.statusCode, res.body).toBe(201);
    incidentId = res.json().incident.id;
    expect(res.json().incident).toMatchObject({ caseId, case: { id: caseId, title: 'Counterfeit tickets at the fan zone' } });
    const es = (await call(env, w.esOfficer, 'GET', `/api/major-events/${eventId}/incidents/${incidentId}`)).json().incident;
    expect(es.case).toEqual({ id: caseId, title: null });
    const board = (await call(env, w.ipOfficer, 'GET', `/api/major-events/${eventId}/board`)).json().board;
    expect(board.incidents.find((i: { id: string }) => i.id === incidentId).case).toEqual({ id: caseId, title: null });
    expect(JSON.stringify(board)).not.toContain('Counterfeit');
  });

  it('a case the author cannot see (or that does not exist) is refused 404 naming the field, and nothing is logged', async () => {
    const count = async () => (await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}/board`)).json().board.incidents.length;
    const n = await count();
    for (const id of [esCaseId, '00000000-0000-4000-8000-000000000000']) {
      const res = await call(env, w.maLiaison, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Linked to a hidden case', category: 'drugs', severity: 'low', caseId: id });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'not_found', message: expect.stringContaining('link a case you can see'), details: [{ path: 'caseId' }] });
      expect(res.body).not.toContain('pickpocket');
    }
    expect(await count()).toBe(n);
  });

  it('the incident page links, changes and unlinks the case; a case-only change leaves no line in the thread', async () => {
    const url = `/api/major-events/${eventId}/incidents/${incidentId}/updates`;
    const hidden = await call(env, w.esOfficer, 'POST', url, { caseId });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.details[0].path).toBe('caseId');
    const own = await call(env, w.esOfficer, 'POST', url, { caseId: esCaseId });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().incident.case).toEqual({ id: esCaseId, title: 'Spanish pickpocket network' });
    expect(own.json().incident.updates).toEqual([]);
    expect((await call(env, w.maLiaison, 'GET', `/api/major-events/${eventId}/incidents/${incidentId}`)).json().incident.case).toEqual({ id: esCaseId, title: null });
    const unlink = await call(env, w.esOfficer, 'POST', url, { caseId: null, body: 'Not related to the pickpockets after all.' });
    expect(unlink.statusCode, unlink.body).toBe(201);
    expect(unlink.json().incident).toMatchObject({ caseId: null, case: null });
    expect(unlink.json().incident.updates).toHaveLength(1);
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').select('details').where('action', '=', 'event.incident_updated').where('object_id', '=', incidentId).execute();
    expect(audit.map((a) => (a.details as { caseId?: string | null }).caseId)).toEqual([esCaseId, null]);
  });

  it('attackers: unauthenticated 401; an observer and a non-member agency 404; nothing changes', async () => {
    const url = `/api/major-events/${eventId}/incidents/${incidentId}/updates`;
    const before = JSON.stringify((await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}/incidents/${incidentId}`)).json());
    expect((await call(env, null, 'POST', url, { caseId })).statusCode).toBe(401);
    expect((await call(env, null, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'x y z', category: 'other', severity: 'low', caseId })).statusCode).toBe(401);
    for (const s of [w.ipOfficer, w.ipSupervisor, w.deOfficer]) {
      const res = await call(env, s, 'POST', url, { caseId });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Counterfeit');
      expect((await call(env, s, 'POST', `/api/major-events/${eventId}/incidents`, { title: 'Injected', category: 'other', severity: 'low', caseId })).statusCode).toBe(404);
    }
    expect(JSON.stringify((await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}/incidents/${incidentId}`)).json())).toBe(before);
  });
});
