import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type Session, type TestEnv } from '../../../test/harness';
import { upload } from '../../watchlists/tests/fixtures';
import { buildEvent, buildEventWorld, type EventWorld } from './world';

/**
 * The authorization matrix: every event route, tried by everyone who must not get in. Each gets 401, 403 (no CSRF)
 * or 404 and no trace of the event (no name, id or incident), and nothing changes.
 */
let env: TestEnv;
let w: EventWorld;
let eventId: string;
let venueId: string;
let incidentId: string;
let personId: string;
const MARK = 'Kappa-4471';
const LIST = 'name,birth_date,nationality,document_number,document_country,category,organisation\nAmina Tazi,1990-02-03,MA,AB123456,MA,volunteer,Organising committee\n';

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildEventWorld(env);
  ({ eventId, venueId } = await buildEvent(env, w));
  await call(env, w.maSupervisor, 'PATCH', `/api/major-events/${eventId}`, { description: `Security plan ${MARK}` });
  const inc = await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/incidents`, { title: `Incident ${MARK}`, category: 'drugs', severity: 'low', venueId });
  incidentId = inc.json().incident.id;
  const up = await upload(env, w.maOfficer, `/api/major-events/${eventId}/accreditation`, LIST, { contentType: 'text/csv' });
  expect(up.statusCode, up.body).toBe(202);
  for (;;) {
    const page = (await call(env, w.maOfficer, 'GET', `/api/major-events/${eventId}/accreditation`)).json();
    if (page.people.length === 1 && page.lists[0].job.state === 'succeeded') {
      personId = page.people[0].id;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
});
afterAll(async () => env?.close());

type M = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Req = [method: M, url: () => string, body?: () => unknown];
const READS: Req[] = [
  ['GET', () => `/api/major-events/${eventId}`],
  ['GET', () => `/api/major-events/${eventId}/board`],
  ['GET', () => `/api/major-events/${eventId}/incidents/${incidentId}`],
];
const WRITES: Req[] = [
  ['PATCH', () => `/api/major-events/${eventId}`, () => ({ name: 'Hijacked' })],
  ['POST', () => `/api/major-events/${eventId}/venues`, () => ({ name: 'Fake venue', city: 'X', country: 'MA', lat: 1, lon: 1 })],
  ['PUT', () => `/api/major-events/${eventId}/committee`, () => ({ agencyId: w.de.id, role: 'member' })],
  ['DELETE', () => `/api/major-events/${eventId}/committee/${w.es.id}`],
  ['POST', () => `/api/major-events/${eventId}/cases`, () => ({ caseId: '00000000-0000-4000-8000-000000000000' })],
  ['POST', () => `/api/major-events/${eventId}/incidents`, () => ({ title: 'Injected', category: 'other', severity: 'low' })],
  ['POST', () => `/api/major-events/${eventId}/incidents/${incidentId}/updates`, () => ({ body: 'Injected', status: 'closed' })],
  ['POST', () => `/api/major-events/${eventId}/accreditation/${personId}/decision`, () => ({ decision: 'approve' })],
];
const ACCREDITATION: Req[] = [['GET', () => `/api/major-events/${eventId}/accreditation`]];

function noTrace(body: string): void {
  expect(body).not.toContain(MARK);
  expect(body).not.toContain(eventId);
  expect(body).not.toContain('Amina');
}

async function snapshot(): Promise<string> {
  const e = (await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}`)).json().event;
  const b = (await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}/board`)).json().board;
  const a = (await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}/accreditation`)).json();
  return JSON.stringify({ name: e.name, venues: e.venues.length, committee: e.committee, cases: e.cases, incidents: b.incidents.map((i: { status: string; updatedAt: string }) => [i.status, i.updatedAt]), people: a.people.map((p: { decision: string | null }) => p.decision), lists: a.lists.length });
}

async function tryAll(as: Session | null, reqs: Req[], expected: number, opts: { csrf?: boolean } = {}) {
  for (const [m, url, body] of reqs) {
    const res = await call(env, as, m, url(), body?.(), opts);
    expect(res.statusCode, `${m} ${url()}`).toBe(expected);
    noTrace(res.body);
  }
}

describe('authorization matrix of the event routes', () => {
  it('unauthenticated: 401 everywhere, the upload included', async () => {
    const before = await snapshot();
    await tryAll(null, [...READS, ...WRITES, ...ACCREDITATION, ['GET', () => '/api/major-events'], ['POST', () => '/api/major-events', () => ({ name: 'x' })]], 401);
    expect((await upload(env, null, `/api/major-events/${eventId}/accreditation`, LIST)).statusCode).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it('without the CSRF header: 403 on every mutation', async () => {
    const before = await snapshot();
    await tryAll(w.maSupervisor, WRITES, 403, { csrf: false });
    expect((await upload(env, w.maOfficer, `/api/major-events/${eventId}/accreditation`, LIST, { csrf: false })).statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it('an agency off the committee, and the platform operator: 404 on every route, nothing listed', async () => {
    const before = await snapshot();
    for (const s of [w.deOfficer, w.deSupervisor, w.platformAdmin]) {
      await tryAll(s, [...READS, ...WRITES, ...ACCREDITATION], 404);
      expect((await upload(env, s, `/api/major-events/${eventId}/accreditation`, LIST, { contentType: 'text/csv' })).statusCode).toBe(404);
      const list = await call(env, s, 'GET', '/api/major-events');
      expect(list.json().events).toEqual([]);
    }
    expect(await snapshot()).toBe(before);
  });

  it('wrong roles inside the committee: 404 on what they may not do', async () => {
    const before = await snapshot();
    // An observer reads but writes nothing and never sees the people.
    await tryAll(w.ipSupervisor, [...WRITES, ...ACCREDITATION], 404);
    expect((await upload(env, w.ipOfficer, `/api/major-events/${eventId}/accreditation`, LIST, { contentType: 'text/csv' })).statusCode).toBe(404);
    // A member's officer cannot manage the event or decide; a member's supervisor cannot manage the chair's event.
    await tryAll(w.esOfficer, [WRITES[0]!, WRITES[1]!, WRITES[2]!, WRITES[3]!, WRITES[7]!], 404);
    await tryAll(w.esSupervisor, [WRITES[0]!, WRITES[1]!, WRITES[2]!, WRITES[3]!], 404);
    // The chair's officer cannot manage the event; the agency administrator and the DPO do no operational work.
    await tryAll(w.maOfficer, [WRITES[0]!, WRITES[1]!, WRITES[2]!, WRITES[3]!, WRITES[7]!], 404);
    await tryAll(w.maAdmin, [...WRITES, ...ACCREDITATION], 404);
    await tryAll(w.maDpo, WRITES, 404);
    // Only a supervisor creates an event.
    for (const s of [w.maOfficer, w.maAdmin, w.platformAdmin]) {
      expect((await call(env, s, 'POST', '/api/major-events', { name: 'Not allowed', startsOn: '2030-06-08', endsOn: '2030-07-21', hostCountries: ['MA'] })).statusCode).toBe(404);
    }
    expect(await snapshot()).toBe(before);
  });

  it('the DPO of a member agency sees the accreditation lists and their retention, and decides nothing', async () => {
    const a = (await call(env, w.maDpo, 'GET', `/api/major-events/${eventId}/accreditation`)).json();
    expect(a.summary).toMatchObject({ total: 1, purged: false, purgeOn: '2030-08-21' });
    expect(a.people[0].abilities.decide).toBe(false);
  });
});
