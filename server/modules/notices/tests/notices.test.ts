import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsTx } from '../../../platform/jobs';
import { call, createTestEnv, type Session, type TestEnv } from '../../../test/harness';
import { upload, waitJob } from '../../watchlists/tests/fixtures';
import { buildNoticeWorld, RED_NOTICE, type NoticeWorld } from './world';

let env: TestEnv;
let w: NoticeWorld;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildNoticeWorld(env);
});
afterAll(async () => env?.close());

const PURPOSE = 'Border check, ferry Tanger Med – Algeciras';

async function draft(as: Session, body: Record<string, unknown> = RED_NOTICE): Promise<string> {
  const res = await call(env, as, 'POST', '/api/notices', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().notice.id as string;
}
const step = (as: Session | null, id: string, action: string, reason?: string, opts?: { csrf?: boolean }) => call(env, as, 'POST', `/api/notices/${id}/${action}`, reason ? { reason } : {}, opts);
const screen = (as: Session, name: string) => call(env, as, 'POST', '/api/screening/match', { name, purpose: PURPOSE });

async function published(body: Record<string, unknown> = RED_NOTICE): Promise<string> {
  const id = await draft(w.esLiaison.s, body);
  expect((await step(w.esLiaison.s, id, 'submit')).statusCode).toBe(200);
  expect((await step(w.esSupervisor.s, id, 'approve')).statusCode).toBe(200);
  if (body.kind !== 'diffusion') expect((await step(w.reviewer.s, id, 'publish')).statusCode).toBe(200);
  return id;
}

describe('a Red Notice from request to publication', () => {
  it('is drafted at the NCB desk, approved by its supervisor, published by the General Secretariat, each step in its history', async () => {
    const id = await draft(w.esLiaison.s);
    let n = (await call(env, w.esLiaison.s, 'GET', `/api/notices/${id}`)).json().notice;
    expect(n).toMatchObject({ state: 'draft', reference: null, name: 'Abderrahim El Ouazzani', abilities: { edit: true, submit: true, approve: false, publish: false } });

    // Nobody outside Spain sees the draft: not the General Secretariat, not Morocco.
    expect((await call(env, w.reviewer.s, 'GET', `/api/notices/${id}`)).statusCode).toBe(404);
    expect((await call(env, w.maOfficer.s, 'GET', `/api/notices/${id}`)).statusCode).toBe(404);

    expect((await step(w.esLiaison.s, id, 'submit')).statusCode).toBe(200);
    // Waiting for approval: the drafter can no longer change it.
    expect((await call(env, w.esLiaison.s, 'PATCH', `/api/notices/${id}`, { offence: 'Changed after submission' })).statusCode).toBe(400);
    const approved = await step(w.esSupervisor.s, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    n = approved.json().notice;
    expect(n.state).toBe('requested');
    expect(n.reference).toMatch(/^R-\d{4}\/\d{5}$/);

    // The General Secretariat sees it now; the gallery of others does not yet.
    const review = (await call(env, w.reviewer.s, 'GET', '/api/notices?scope=review')).json();
    expect(review.notices.map((x: { id: string }) => x.id)).toContain(id);
    expect((await call(env, w.maOfficer.s, 'GET', `/api/notices/${id}`)).statusCode).toBe(404);

    const pub = await step(w.reviewer.s, id, 'publish');
    expect(pub.statusCode, pub.body).toBe(200);
    n = (await call(env, w.maOfficer.s, 'GET', `/api/notices/${id}`)).json().notice;
    expect(n).toMatchObject({ state: 'published', colour: 'red', requestingAgency: { id: w.es.id }, abilities: { edit: false, suspend: false, cancel: false } });
    expect(n.history.map((h: { action: string }) => h.action)).toEqual(['drafted', 'submitted', 'approved', 'published']);
    // Another agency sees the step, not who in Spain took it.
    expect(n.history[0].actor).toMatchObject({ name: null, agencyId: w.es.id });

    const audit = await env.db.unsafeOwner.selectFrom('audit_events').select('action').where('object_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['notice.drafted', 'notice.submitted', 'notice.approved', 'notice.published', 'notice.read']));
  });

  it('a Red request without a warrant reference is not complete, and says what is missing', async () => {
    const { warrantReference: _w, ...noWarrant } = RED_NOTICE;
    const id = await draft(w.esLiaison.s, noWarrant);
    const res = await step(w.esLiaison.s, id, 'submit');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/warrant/);
    expect(res.json().error.details[0].path).toBe('warrantReference');
  });

  it('the General Secretariat refuses with a reason; the NCB reworks and requests again', async () => {
    const id = await draft(w.esLiaison.s);
    await step(w.esLiaison.s, id, 'submit');
    await step(w.esSupervisor.s, id, 'approve');
    expect((await step(w.reviewer.s, id, 'refuse')).statusCode).toBe(400);
    const refused = await step(w.reviewer.s, id, 'refuse', 'Predominantly political character: Article 3 of the Constitution.');
    expect(refused.json().notice).toMatchObject({ state: 'refused', stateReason: expect.stringMatching(/Article 3/) });
    const edit = await call(env, w.esLiaison.s, 'PATCH', `/api/notices/${id}`, { offence: 'Leading a migrant smuggling organisation; ordinary-law offence.' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await step(w.esLiaison.s, id, 'submit')).statusCode).toBe(200);
  });
});

describe('attackers', () => {
  let id: string;
  beforeAll(async () => {
    id = await published();
  });

  it('unauthenticated: every route answers 401', async () => {
    for (const [m, u] of [['GET', '/api/notices'], ['GET', `/api/notices/${id}`], ['POST', '/api/notices'], ['PATCH', `/api/notices/${id}`], ['POST', `/api/notices/${id}/suspend`], ['GET', '/api/notices/addressees'], ['GET', '/api/hits']] as const) {
      expect((await call(env, null, m, u, m === 'GET' ? undefined : {})).statusCode, `${m} ${u}`).toBe(401);
    }
  });

  it('administrators and data-protection officers read no notices', async () => {
    expect((await call(env, w.esAdmin.s, 'GET', '/api/notices')).statusCode).toBe(404);
    expect((await call(env, w.esAdmin.s, 'GET', `/api/notices/${id}`)).statusCode).toBe(404);
    expect((await call(env, w.esAdmin.s, 'GET', '/api/me')).json().abilities.notices).toBe(false);
    expect((await call(env, w.maOfficer.s, 'GET', '/api/me')).json().abilities.notices).toBe(true);
  });

  it('without the CSRF header a step is refused', async () => {
    expect((await step(w.reviewer.s, id, 'suspend', 'Pending review', { csrf: false })).statusCode).toBe(403);
  });

  it('another agency cannot edit, withdraw or cancel the notice (404), not even its supervisor', async () => {
    expect((await call(env, w.deLiaison.s, 'PATCH', `/api/notices/${id}`, { offence: 'Tampered with' })).statusCode).toBe(404);
    expect((await step(w.deSupervisor.s, id, 'withdraw', 'Not ours to withdraw')).statusCode).toBe(404);
    expect((await step(w.deSupervisor.s, id, 'cancel', 'Not ours to cancel')).statusCode).toBe(404);
    expect((await step(w.maOfficer.s, id, 'suspend', 'Not ours to suspend')).statusCode).toBe(404);
  });

  it('the reviewer role outside the General Secretariat gives nothing', async () => {
    const other = await draft(w.esLiaison.s);
    await step(w.esLiaison.s, other, 'submit');
    await step(w.esSupervisor.s, other, 'approve');
    expect((await call(env, w.rogueReviewer.s, 'GET', `/api/notices/${other}`)).statusCode).toBe(404);
    expect((await step(w.rogueReviewer.s, other, 'publish')).statusCode).toBe(404);
    expect((await step(w.rogueReviewer.s, id, 'suspend', 'Trying')).statusCode).toBe(404);
  });

  it('wrong role inside the NCB: an officer does not approve, an administrator drafts nothing', async () => {
    const other = await draft(w.esLiaison.s);
    await step(w.esLiaison.s, other, 'submit');
    expect((await step(w.esLiaison.s, other, 'approve')).statusCode).toBe(404);
    expect((await call(env, w.esAdmin.s, 'POST', '/api/notices', RED_NOTICE)).statusCode).toBe(404);
    // An agency without an NCB desk requests no notice.
    expect((await call(env, w.maOfficer.s, 'POST', '/api/notices', RED_NOTICE)).statusCode).toBe(404);
  });

  it('a National Central Bureau does not request the UN Special Notice', async () => {
    const res = await call(env, w.esLiaison.s, 'POST', '/api/notices', { ...RED_NOTICE, colour: 'un' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('colour');
  });
});

describe('screening against notices, and the hit that reaches the requesting NCB', () => {
  it('a French-style spelling hits the published Red Notice; confirming it sends a message into a case shared with Spain', async () => {
    const id = await published();
    const res = await screen(w.maOfficer.s, 'Abderrahim Louazani');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().candidates.find((x: { notice?: { id: string } }) => x.notice?.id === id);
    expect(c, res.body).toBeDefined();
    expect(c).toMatchObject({ alert: true, arrestAlert: true, notice: { colour: 'red', state: 'published' } });
    expect(c.hitId).toBeTruthy();

    // The hit is the screening officer's: a colleague, Spain and Germany cannot read or decide it yet.
    expect((await call(env, w.maOfficer2.s, 'GET', `/api/hits/${c.hitId}`)).statusCode).toBe(404);
    expect((await call(env, w.esLiaison.s, 'GET', `/api/hits/${c.hitId}`)).statusCode).toBe(404);
    expect((await call(env, w.deOfficer.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'confirm', reason: 'Not mine' })).statusCode).toBe(404);
    expect((await call(env, w.maOfficer2.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'confirm', reason: 'Not mine' })).statusCode).toBe(404);

    const dec = await call(env, w.maOfficer.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'confirm', reason: 'Passport photo and birth date match; held at the port.', location: 'Tanger Med port, passenger terminal' });
    expect(dec.statusCode, dec.body).toBe(200);
    const hit = dec.json().hit;
    expect(hit).toMatchObject({ state: 'confirmed', arrestAlert: true, notifyProblem: null });
    expect(hit.message).toBeTruthy();

    // Spain sees the hit among the hits on its notices, and the message in the case, with where and when.
    const ours = (await call(env, w.esLiaison.s, 'GET', `/api/hits?scope=on-our-notices&noticeId=${id}`)).json();
    expect(ours.hits.map((h: { id: string }) => h.id)).toEqual([c.hitId]);
    expect(ours.hits[0].query).toBeNull();
    const msg = await call(env, w.esLiaison.s, 'GET', `/api/messages/${hit.message.id}`);
    expect(msg.statusCode, msg.body).toBe(200);
    expect(JSON.stringify(msg.json())).toMatch(/Tanger Med port/);
    expect((await call(env, w.esLiaison.s, 'GET', `/api/notices/${id}`)).json().notice.hitCount).toBe(1);
    // A confirmed hit cannot be decided twice.
    expect((await call(env, w.maOfficer.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'discard', reason: 'Changed my mind' })).statusCode).toBe(409);
  });

  it('once suspended, the notice leaves the index at once, and the earlier hit shows it: no arrest alert', async () => {
    const id = await published();
    const first = (await screen(w.maOfficer.s, 'Abderrahim Louazani')).json().candidates.find((x: { notice?: { id: string } }) => x.notice?.id === id);
    expect(first.arrestAlert).toBe(true);
    expect((await step(w.reviewer.s, id, 'suspend', 'Request for additional information from the NCB')).statusCode).toBe(200);
    const again = (await screen(w.maOfficer.s, 'Abderrahim Louazani')).json().candidates;
    expect(again.some((x: { notice?: { id: string } }) => x.notice?.id === id)).toBe(false);
    const hit = (await call(env, w.maOfficer.s, 'GET', `/api/hits/${first.hitId}`)).json().hit;
    expect(hit).toMatchObject({ arrestAlert: false, notice: { id, state: 'suspended' } });
    // Reinstated: it is back.
    expect((await step(w.reviewer.s, id, 'reinstate', 'Information received')).statusCode).toBe(200);
    expect((await screen(w.maOfficer.s, 'Abderrahim Louazani')).json().candidates.some((x: { notice?: { id: string } }) => x.notice?.id === id)).toBe(true);
    expect((await step(w.esSupervisor.s, id, 'cancel', 'Arrested in Algeciras')).statusCode).toBe(200);
    expect((await screen(w.maOfficer.s, 'Abderrahim Louazani')).json().candidates.some((x: { notice?: { id: string } }) => x.notice?.id === id)).toBe(false);
  });

  it('a diffusion reaches only its addressees: an outsider can neither read it nor detect it through screening', async () => {
    const body = { ...RED_NOTICE, kind: 'diffusion', subject: { ...RED_NOTICE.subject, names: [{ full: 'Youssef Bennani Tahiri', kind: 'primary' }] }, addresseeAgencyIds: [w.de.id] };
    const id = await published(body);
    const n = (await call(env, w.deOfficer.s, 'GET', `/api/notices/${id}`)).json().notice;
    expect(n).toMatchObject({ kind: 'diffusion', state: 'published', reference: expect.stringMatching(/^RD-/) });
    expect(n.addressees).toEqual([]);
    expect((await call(env, w.maOfficer.s, 'GET', `/api/notices/${id}`)).statusCode).toBe(404);
    const outsider = (await screen(w.maOfficer.s, 'Youssef Bennani Tahiri')).json().candidates;
    expect(outsider.some((x: { notice?: { id: string } }) => x.notice?.id === id)).toBe(false);
    const addressee = (await screen(w.deOfficer.s, 'Youssef Bennani Tahiri')).json().candidates;
    expect(addressee.some((x: { notice?: { id: string } }) => x.notice?.id === id)).toBe(true);
    // Reviewed afterwards by the General Secretariat.
    expect((await call(env, w.reviewer.s, 'GET', '/api/notices?scope=review')).json().notices.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('without a partnership the hit is confirmed and the NCB sees it, but the officer is told no message went', async () => {
    const body = { ...RED_NOTICE, subject: { ...RED_NOTICE.subject, names: [{ full: 'Karim Haddadi Mansouri', kind: 'primary' }] } };
    const id = await draft(w.deLiaison.s, body);
    await step(w.deLiaison.s, id, 'submit');
    await step(w.deSupervisor.s, id, 'approve');
    await step(w.reviewer.s, id, 'publish');
    const c = (await screen(w.maOfficer.s, 'Karim Haddadi Mansouri')).json().candidates.find((x: { notice?: { id: string } }) => x.notice?.id === id);
    const hit = (await call(env, w.maOfficer.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'confirm', reason: 'Identity confirmed at the border.' })).json().hit;
    expect(hit.message).toBeNull();
    expect(hit.notifyProblem).toMatch(/partnership/);
    expect((await call(env, w.deLiaison.s, 'GET', `/api/hits?scope=on-our-notices`)).json().hits.map((h: { id: string }) => h.id)).toContain(c.hitId);
  });

  it('a discarded hit stays with the screening officer', async () => {
    const id = await published({ ...RED_NOTICE, subject: { ...RED_NOTICE.subject, names: [{ full: 'Hamid Zerouali Fassi', kind: 'primary' }] } });
    const c = (await screen(w.maOfficer.s, 'Hamid Zerouali Fassi')).json().candidates.find((x: { notice?: { id: string } }) => x.notice?.id === id);
    const res = await call(env, w.maOfficer.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'discard', reason: 'Different person: born 1995, other father name.' });
    expect(res.json().hit.state).toBe('discarded');
    expect((await call(env, w.esLiaison.s, 'GET', `/api/hits/${c.hitId}`)).statusCode).toBe(404);
    const mine = (await call(env, w.maOfficer.s, 'GET', '/api/hits?state=discarded')).json();
    expect(mine.hits.map((h: { id: string }) => h.id)).toContain(c.hitId);
    expect(mine.counts.discarded).toBeGreaterThanOrEqual(1);
  });

  it('a passenger list hits the notice as a batch; after suspension its results show no arrest alert, and a new run no hit', async () => {
    const id = await published({ ...RED_NOTICE, subject: { ...RED_NOTICE.subject, names: [{ full: 'Abdelkader Benslimane Tazi', kind: 'primary' }, { full: 'عبد القادر بنسليمان التازي', kind: 'transliteration' }] } });
    const list = 'name,birth_date,nationality,seat\nMaria Garcia Lopez,1988-02-01,ES,12A\nAbdelkader Benslimane Tazi,1979-03-14,MA,14C\n';
    const run = async () => {
      const res = await upload(env, w.maOfficer.s, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, list, { contentType: 'text/csv' });
      expect(res.statusCode, res.body).toBe(202);
      const jobId = res.json().batch.id as string;
      expect((await waitJob(env, w.maOfficer.s, jobId)).state).toBe('succeeded');
      return jobId;
    };
    const first = await run();
    // The uploaded list served its purpose: it is gone, only the results remain.
    expect(await jobsTx(env.db.unsafeOwner).selectFrom('job_inputs').select('job_id').where('job_id', '=', first).execute()).toEqual([]);
    const rows = (await call(env, w.maOfficer.s, 'GET', `/api/screening/batches/${first}/results`)).json().rows;
    const c = rows[0].candidates.find((x: { notice?: { id: string } }) => x.notice?.id === id);
    expect(c).toMatchObject({ arrestAlert: true, notice: { state: 'published' } });
    expect(c.hitId).toBeTruthy();
    const hits = (await call(env, w.maOfficer.s, 'GET', `/api/hits?jobId=${first}`)).json();
    expect(hits.hits[0]).toMatchObject({ origin: 'batch', context: { row: 2, jobId: first } });

    expect((await step(w.reviewer.s, id, 'suspend', 'Pending clarification of the legal basis')).statusCode).toBe(200);
    const after = (await call(env, w.maOfficer.s, 'GET', `/api/screening/batches/${first}/results`)).json().rows;
    expect(after[0].candidates.find((x: { notice?: { id: string } }) => x.notice?.id === id)).toMatchObject({ arrestAlert: false, notice: { state: 'suspended' } });
    const second = await run();
    const again = (await call(env, w.maOfficer.s, 'GET', `/api/screening/batches/${second}/results`)).json().rows;
    expect(again.flatMap((r: { candidates: { notice?: { id: string } }[] }) => r.candidates).some((x: { notice?: { id: string } }) => x.notice?.id === id)).toBe(false);
  });
});
