import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type Session, type TestEnv } from '../../../test/harness';
import { unsafeWithOwner } from '../../../platform/db';
import { upload, waitJob } from '../../watchlists/tests/fixtures';
import { purgeExpiredAccreditations } from '../commands/retention';
import { buildEvent, buildEventWorld, type EventWorld } from './world';

let env: TestEnv;
let w: EventWorld;
let eventId: string;
let maAdmin: Session;

// A listed person on Morocco's own watchlist, and an accreditation list where he appears under a Spanish spelling.
const WATCHLIST = 'id,name,birth_date\nma-17,Mohamed Yousef El Amrani,1988-03-14\n';
const LIST = [
  'name,birth_date,nationality,document_number,document_country,category,organisation',
  'Mohamed Yusef El Amrani,1988-03-14,MA,ZX998877,MA,contractor,Catering Atlas SARL',
  'Lucía Fernández Gómez,1992-07-01,ES,PAB123456,ES,volunteer,Voluntarios Madrid 2030',
  'Jonas Becker,1985-11-20,DE,C01X00T47,D,media,Deutsche Presse-Agentur',
  'Fatima Zahra Bennani,1979-05-09,MA,BE445566,MA,staff,ONDA',
].join('\n');

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildEventWorld(env);
  ({ eventId } = await buildEvent(env, w));
  maAdmin = w.maAdmin;
  const wl = await upload(env, maAdmin, `/api/watchlists?name=${encodeURIComponent('DGSN event watchlist')}&scope=agency`, WATCHLIST);
  expect(wl.statusCode, wl.body).toBe(202);
  expect((await waitJob(env, maAdmin, wl.json().job.id)).state).toBe('succeeded');
  // Spain has registered Lucía's passport as stolen.
  const doc = await call(env, w.esOfficer, 'POST', '/api/documents', { number: 'PAB123456', type: 'passport', lossType: 'stolen', lossDate: '2025-10-01' });
  expect(doc.statusCode, doc.body).toBe(201);
});
afterAll(async () => env?.close());

describe('accreditation screening', () => {
  it('a list is screened as a job: the listed person under a Spanish spelling and the stolen passport are referred, the others proposed for approval', async () => {
    const res = await upload(env, w.maOfficer, `/api/major-events/${eventId}/accreditation?purpose=${encodeURIComponent('Accreditation, INTERPOL General Assembly')}`, LIST, { contentType: 'text/csv' });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitJob(env, w.maOfficer, res.json().list.jobId);
    expect(job.state, job.error ?? '').toBe('succeeded');
    expect(job.progress).toEqual({ done: 4, total: 4 });
    const page = (await call(env, w.maOfficer, 'GET', `/api/major-events/${eventId}/accreditation`)).json();
    expect(page.total).toBe(4);
    expect(page.people[0]).toMatchObject({ name: 'Mohamed Yusef El Amrani', proposal: 'refer', category: 'contractor', organisation: 'Catering Atlas SARL', decision: null });
    expect(page.people[0].candidates[0]).toMatchObject({ id: 'ma-17', alert: true });
    expect(page.people[0].documentHits).toEqual([]);
    expect(page.people[1]).toMatchObject({ name: 'Lucía Fernández Gómez', proposal: 'refer', documentHits: [expect.objectContaining({ number: 'PAB123456', issuingState: 'ESP', lossType: 'stolen', agency: expect.objectContaining({ id: w.es.id }) })] });
    expect(page.people.slice(2).map((p: { proposal: string }) => p.proposal)).toEqual(['approve', 'approve']);
    expect(page.summary).toMatchObject({ total: 4, referred: 2, purged: false });
    expect(page.lists[0]).toMatchObject({ people: 4, job: { state: 'succeeded' } });
    // Spain (a member) sees the people and the list, but not Morocco's job nor Morocco's watchlist entry beyond the hit.
    const es = (await call(env, w.esOfficer, 'GET', `/api/major-events/${eventId}/accreditation?status=refer`)).json();
    expect(es.people.map((p: { name: string }) => p.name)).toEqual(['Mohamed Yusef El Amrani', 'Lucía Fernández Gómez']);
    expect(es.lists[0].job).toBeNull();
    // The audit keeps the purpose and counts, never a name.
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').selectAll().where('action', 'like', 'event.accreditation%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event.accreditation_uploaded', 'event.accreditation_screened']));
    expect(JSON.stringify(audit)).not.toMatch(/Amrani|Lucía|Becker|Bennani/);
  });

  it('the committee decides: refer and deny need a reason; an officer cannot decide', async () => {
    const people = (await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}/accreditation`)).json().people as { id: string; name: string }[];
    const listed = people.find((p) => p.name.startsWith('Mohamed'))!;
    const other = people.find((p) => p.name.startsWith('Lucía'))!;
    const noReason = await call(env, w.esSupervisor, 'POST', `/api/major-events/${eventId}/accreditation/${listed.id}/decision`, { decision: 'deny' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
    expect((await call(env, w.esOfficer, 'POST', `/api/major-events/${eventId}/accreditation/${listed.id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    const deny = await call(env, w.esSupervisor, 'POST', `/api/major-events/${eventId}/accreditation/${listed.id}/decision`, { decision: 'deny', reason: 'Confirmed match on the DGSN watchlist.' });
    expect(deny.statusCode, deny.body).toBe(200);
    expect(deny.json().person).toMatchObject({ decision: 'deny', decidedBy: { id: w.es.id } });
    expect((await call(env, w.maSupervisor, 'POST', `/api/major-events/${eventId}/accreditation/${other.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    const summary = (await call(env, w.maDpo, 'GET', `/api/major-events/${eventId}/accreditation`)).json().summary;
    expect(summary.byCategory).toEqual(expect.arrayContaining([{ category: 'contractor', decision: 'deny', count: 1 }, { category: 'volunteer', decision: 'approve', count: 1 }, { category: 'media', decision: 'pending', count: 1 }]));
  });

  it('a file without a name column is refused at once, naming line 1', async () => {
    const res = await upload(env, w.maOfficer, `/api/major-events/${eventId}/accreditation`, 'full_name,category\nX,staff\n', { contentType: 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ details: { line: 1 } });
  });

  it('after the retention days the people are deleted and statistics remain', async () => {
    expect(await purgeExpiredAccreditations(env.db, '2030-08-20')).toEqual({ events: 0, people: 0 });
    expect(await purgeExpiredAccreditations(env.db, '2030-08-21')).toEqual({ events: 1, people: 4 });
    const page = (await call(env, w.maDpo, 'GET', `/api/major-events/${eventId}/accreditation`)).json();
    expect(page.people).toEqual([]);
    expect(page.summary).toMatchObject({ purged: true, total: 4 });
    expect(page.summary.byCategory).toEqual(expect.arrayContaining([{ category: 'contractor', decision: 'deny', count: 1 }]));
    // The uploaded file went with the people.
    const left = await unsafeWithOwner(env.db, 'system', async ({ tx }) => sql<{ n: number }>`SELECT count(*)::int AS n FROM job_inputs i JOIN jobs j ON j.id = i.job_id WHERE j.kind = 'events.accreditation'`.execute(tx));
    expect(left.rows[0]!.n).toBe(0);
    expect((await call(env, w.maSupervisor, 'GET', `/api/major-events/${eventId}`)).json().event.accreditationPurgedAt).not.toBeNull();
  });

  it('no list is taken in once the retention period has come: 409, with the date', async () => {
    const res = await upload(env, w.maOfficer, `/api/major-events/${eventId}/accreditation`, LIST, { contentType: 'text/csv' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('2030-08-21');
    // The page no longer offers the upload.
    expect((await call(env, w.maOfficer, 'GET', `/api/major-events/${eventId}`)).json().event.abilities.uploadAccreditation).toBe(false);
  });
});
