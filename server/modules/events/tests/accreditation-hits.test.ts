import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeWithOwner } from '../../../platform/db';
import { jobRunnerFor, jobsTx } from '../../../platform/jobs';
import { buildUser, call, createTestEnv, signIn, type Session, type TestEnv } from '../../../test/harness';
import { ntx } from '../../notices';
import { buildNoticeWorld, RED_NOTICE, type NoticeWorld } from '../../notices/tests/world';
import { upload, waitJob } from '../../watchlists/tests/fixtures';
import { purgeExpiredAccreditations } from '../commands/retention';

/**
 * Accreditation alerts are hits like any other screening's: Spain's NCB has a published Red Notice and a passport
 * registered as stolen; Morocco chairs an event with Spain on its committee and screens a list that meets both.
 */
let env: TestEnv;
let w: NoticeWorld;
let maSupervisor: Session;
let eventId: string;
let noticeId: string;
let jobId: string;
const PURPOSE = 'Accreditation, Marrakech fan zone';
const LIST = [
  'name,birth_date,nationality,document_number,document_country,category,organisation',
  'Abderrahim Louazani,1979-03-14,MA,MA7781234,MA,contractor,Atlas Security SARL',
  'Lucía Fernández Gómez,1992-07-01,ES,PAB123456,ES,volunteer,Voluntarios Madrid 2030',
  'Fatima Zahra Bennani,1979-05-09,MA,BE445566,MA,staff,ONDA',
].join('\n');

type Person = { id: string; name: string; proposal: string; hits: { id: string; state: string; abilities: { open: boolean } }[]; candidates: { hitId?: string }[] };
const people = async (as: Session) => (await call(env, as, 'GET', `/api/major-events/${eventId}/accreditation`)).json().people as Person[];
const person = async (as: Session, name: string) => (await people(as)).find((p) => p.name.startsWith(name))!;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildNoticeWorld(env);
  maSupervisor = await signIn(env, await buildUser(env, w.ma, { roles: ['supervisor'] }));
  const d = await call(env, w.esLiaison.s, 'POST', '/api/notices', RED_NOTICE);
  expect(d.statusCode, d.body).toBe(201);
  noticeId = d.json().notice.id;
  for (const [as, action] of [[w.esLiaison.s, 'submit'], [w.esSupervisor.s, 'approve'], [w.reviewer.s, 'publish']] as const) {
    expect((await call(env, as, 'POST', `/api/notices/${noticeId}/${action}`, {})).statusCode).toBe(200);
  }
  expect((await call(env, w.esSupervisor.s, 'POST', '/api/documents', { number: 'PAB123456', type: 'passport', lossType: 'stolen', lossDate: '2026-10-01' })).statusCode).toBe(201);
  const ev = await call(env, maSupervisor, 'POST', '/api/major-events', { name: 'Marrakech fan zone', startsOn: '2030-06-13', endsOn: '2030-07-21', hostCountries: ['MA'], retentionDays: 30 });
  expect(ev.statusCode, ev.body).toBe(201);
  eventId = ev.json().event.id;
  expect((await call(env, maSupervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId: w.es.id, role: 'member' })).statusCode).toBe(200);
  const up = await upload(env, w.maOfficer.s, `/api/major-events/${eventId}/accreditation?purpose=${encodeURIComponent(PURPOSE)}`, LIST, { contentType: 'text/csv' });
  expect(up.statusCode, up.body).toBe(202);
  jobId = up.json().list.jobId;
  const job = await waitJob(env, w.maOfficer.s, jobId);
  expect(job.state, job.error ?? '').toBe('succeeded');
});
afterAll(async () => env?.close());

describe('accreditation alerts become hits', () => {
  it('the notice hit and the stolen passport are hits of the uploading officer, linked from the person’s row', async () => {
    const listed = await person(w.maOfficer.s, 'Abderrahim');
    expect(listed.proposal).toBe('refer');
    expect(listed.hits).toEqual([{ id: expect.any(String), state: 'open', abilities: { open: true } }]);
    // The candidate kept with the person carries the same hit.
    expect(listed.candidates.map((c) => c.hitId).filter(Boolean)).toEqual([listed.hits[0]!.id]);
    const stolen = await person(w.maOfficer.s, 'Lucía');
    expect(stolen.hits).toHaveLength(1);
    expect((await person(w.maOfficer.s, 'Fatima')).hits).toEqual([]);

    const mine = (await call(env, w.maOfficer.s, 'GET', `/api/hits?jobId=${jobId}`)).json();
    expect(mine.hits.map((h: { origin: string; source: string; query: { name: string } }) => [h.origin, h.source, h.query.name]).sort()).toEqual([
      ['accreditation', 'document', 'Lucía Fernández Gómez'],
      ['accreditation', 'notice', 'Abderrahim Louazani'],
    ]);
    const hit = (await call(env, w.maOfficer.s, 'GET', `/api/hits/${listed.hits[0]!.id}`)).json().hit;
    expect(hit).toMatchObject({ origin: 'accreditation', source: 'notice', arrestAlert: true, notice: { id: noticeId }, context: { jobId, row: 1 }, abilities: { decide: true } });
    // The audit keeps no name.
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').select('details').where('action', 'like', 'event.%').execute();
    expect(JSON.stringify(audit)).not.toMatch(/Louazani|Lucía/);
  });

  it('a colleague sees the hit’s state but cannot open it; another committee agency sees no hit; nobody else gets in', async () => {
    const listed = await person(w.maOfficer2.s, 'Abderrahim');
    expect(listed.hits).toEqual([{ id: expect.any(String), state: 'open', abilities: { open: false } }]);
    expect((await call(env, w.maOfficer2.s, 'GET', `/api/hits/${listed.hits[0]!.id}`)).statusCode).toBe(404);
    expect((await call(env, maSupervisor, 'POST', `/api/hits/${listed.hits[0]!.id}/decision`, { decision: 'discard', reason: 'Not the officer' })).statusCode).toBe(404);
    // Spain, on the committee, sees the person and the candidates but not Morocco's hits (until one is confirmed on its notice).
    expect((await person(w.esLiaison.s, 'Abderrahim')).hits).toEqual([]);
    expect((await call(env, w.esLiaison.s, 'GET', `/api/hits/${listed.hits[0]!.id}`)).statusCode).toBe(404);
    // Germany is on no committee: the accreditation page is 404, and so is the hit.
    expect((await call(env, w.deOfficer.s, 'GET', `/api/major-events/${eventId}/accreditation`)).statusCode).toBe(404);
    expect((await call(env, w.deOfficer.s, 'GET', `/api/hits/${listed.hits[0]!.id}`)).statusCode).toBe(404);
    expect((await call(env, null, 'GET', `/api/major-events/${eventId}/accreditation`)).statusCode).toBe(401);
  });

  it('confirming the notice hit tells Spain’s NCB through a message, exactly as for other hits; the row shows it confirmed', async () => {
    const listed = await person(w.maOfficer.s, 'Abderrahim');
    const dec = await call(env, w.maOfficer.s, 'POST', `/api/hits/${listed.hits[0]!.id}/decision`, { decision: 'confirm', reason: 'Birth date and photograph match the notice.', location: 'Accreditation centre, Marrakech' });
    expect(dec.statusCode, dec.body).toBe(200);
    const hit = dec.json().hit;
    expect(hit).toMatchObject({ state: 'confirmed', notifyProblem: null });
    expect(hit.message).toBeTruthy();
    const ours = (await call(env, w.esLiaison.s, 'GET', `/api/hits?scope=on-our-notices&noticeId=${noticeId}`)).json();
    expect(ours.hits).toEqual([expect.objectContaining({ id: hit.id, origin: 'accreditation', query: null })]);
    const msg = await call(env, w.esLiaison.s, 'GET', `/api/messages/${hit.message.id}`);
    expect(msg.statusCode, msg.body).toBe(200);
    expect(JSON.stringify(msg.json())).toMatch(/accreditation screening/);
    expect((await person(w.maOfficer.s, 'Abderrahim')).hits[0]!.state).toBe('confirmed');
    // The stolen passport turns out to be a clerical error: discarded.
    const stolen = await person(w.maOfficer.s, 'Lucía');
    expect((await call(env, w.maOfficer.s, 'POST', `/api/hits/${stolen.hits[0]!.id}/decision`, { decision: 'discard', reason: 'The passport was reported found.' })).statusCode).toBe(200);
    expect((await person(w.maOfficer.s, 'Lucía')).hits[0]!.state).toBe('discarded');
  });

  it('a job started again (a restart before it finished) goes on after its last written chunk: no person or hit twice', async () => {
    const count = async () => ({
      people: (await people(w.maOfficer.s)).length,
      hits: (await ntx(env.db.unsafeOwner).selectFrom('hits').select('id').where('job_id', '=', jobId).execute()).length,
    });
    const before = await count();
    expect(before).toEqual({ people: 3, hits: 2 });
    await unsafeWithOwner(env.db, 'system', async ({ tx }) => {
      await jobsTx(tx).updateTable('jobs').set({ state: 'queued', finished_at: null, attempts: 0 }).where('id', '=', jobId).execute();
    });
    jobRunnerFor(env.db).wake();
    const again = await waitJob(env, w.maOfficer.s, jobId);
    expect(again.state, again.error ?? '').toBe('succeeded');
    expect(again.result).toEqual({ people: 3, referred: 2 });
    expect(await count()).toEqual(before);
  });

  it('after the retention period the discarded hit goes with the people; the confirmed one stays with the NCB exchange', async () => {
    expect(await purgeExpiredAccreditations(env.db, '2030-08-21')).toEqual({ events: 1, people: 3 });
    const left = await ntx(env.db.unsafeOwner).selectFrom('hits').select(['state', 'source']).where('job_id', '=', jobId).execute();
    expect(left).toEqual([{ state: 'confirmed', source: 'notice' }]);
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').select('details').where('action', '=', 'event.accreditation_purged').execute();
    expect(audit.map((a) => a.details)).toEqual([{ people: 3, hits: 1 }]);
  });
});
