import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type Session, type TestEnv } from '../../../test/harness';
import { buildPartnership, buildWorld, day, openCase, type World } from './world';

/**
 * The authorization matrix: every case route, tried by everyone who must not get in. Each gets 401 or 404 and no
 * trace of the case (no title, summary, task or id in the answer), and nothing changes.
 */
let env: TestEnv;
let w: World;
let itOfficer: Session; // an agency in partnership with the owner, never invited
let caseId: string;
let taskId: string;
let invitedCaseId: string;
const MARK = 'Zeta-7731';

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  const it = await buildAgency(env, { country: 'IT' });
  await buildPartnership(env, w.ma, it);
  itOfficer = await signIn(env, await buildUser(env, it, { roles: ['officer'] }));
  // A restricted case (a joint team) shared by Morocco and Spain, with a task.
  caseId = await openCase(env, w.maLiaison.s, { title: `Operation ${MARK}`, summary: `Summary ${MARK}`, restricted: true, memberIds: [w.maOfficer.user.id] });
  expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.es.id })).statusCode).toBe(201);
  expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${caseId}/accept`, { memberIds: [w.esOfficer.user.id] })).statusCode).toBe(200);
  const t = await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/tasks`, { title: `Task ${MARK}`, assigneeId: w.maOfficer.user.id, dueOn: day(-1) });
  taskId = t.json().taskId;
  // A case to which Spain is invited but has not answered yet.
  invitedCaseId = await openCase(env, w.maLiaison.s, { title: 'An invitation to Spain' });
  expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${invitedCaseId}/invitations`, { agencyId: w.es.id })).statusCode).toBe(201);
});
afterAll(async () => env?.close());

type Req = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: () => string, body?: () => unknown];
const CASE_ROUTES: Req[] = [
  ['GET', () => `/api/cases/${caseId}`],
  ['PATCH', () => `/api/cases/${caseId}`, () => ({ title: 'Hijacked', status: 'closed' })],
  ['GET', () => `/api/cases/${caseId}/people`],
  ['POST', () => `/api/cases/${caseId}/invitations`, () => ({ agencyId: w.de.id })],
  ['POST', () => `/api/cases/${caseId}/leave`],
  ['POST', () => `/api/cases/${caseId}/members`, () => ({ userIds: [w.maAnalyst.user.id] })],
  ['DELETE', () => `/api/cases/${caseId}/members/${w.maOfficer.user.id}`],
  ['POST', () => `/api/cases/${caseId}/accept`, () => ({})],
  ['POST', () => `/api/cases/${caseId}/decline`],
  ['POST', () => `/api/cases/${caseId}/tasks`, () => ({ title: 'Injected', assigneeId: w.maOfficer.user.id, dueOn: day(1) })],
  ['PATCH', () => `/api/cases/${caseId}/tasks/${taskId}`, () => ({ status: 'done' })],
];
/** Answering an invitation addressed to another agency. */
const ANSWER_ROUTES: Req[] = [
  ['POST', () => `/api/cases/${invitedCaseId}/accept`, () => ({})],
  ['POST', () => `/api/cases/${invitedCaseId}/decline`],
];
const LIST_ROUTES: Req[] = [
  ['GET', () => '/api/cases'],
  ['GET', () => '/api/cases?overdue=true'],
  ['GET', () => '/api/case-invitations'],
  ['GET', () => '/api/my-tasks'],
  ['GET', () => '/api/case-colleagues'],
];

function noTrace(body: string): void {
  expect(body).not.toContain(MARK);
  expect(body).not.toContain(caseId);
  expect(body).not.toContain(taskId);
}

async function snapshot(): Promise<string> {
  const c = (await call(env, w.maLiaison.s, 'GET', `/api/cases/${caseId}`)).json().case;
  const inv = (await call(env, w.esOfficer.s, 'GET', '/api/case-invitations')).json().invitations;
  return JSON.stringify({ title: c.title, status: c.status, participants: c.participants, members: c.members, tasks: c.tasks.map((t: { id: string; status: string }) => [t.id, t.status]), timeline: c.timeline.length, inv });
}

describe('authorization matrix of the case routes', () => {
  it('unauthenticated: 401 everywhere', async () => {
    for (const [m, url, body] of [...CASE_ROUTES, ...LIST_ROUTES, ['POST', () => '/api/cases', () => ({ title: 'x' })] as Req]) {
      const res = await call(env, null, m, url(), body?.());
      expect(res.statusCode, `${m} ${url()}`).toBe(401);
      noTrace(res.body);
    }
  });

  const attackers: [string, () => Session, boolean][] = [
    ['another agency with no partnership (Germany)', () => w.deOfficer.s, true],
    ['another agency with no partnership, liaison', () => w.deLiaison.s, true],
    ['a partner agency never invited (Italy)', () => itOfficer, true],
    ['a member agency’s officer not named in the joint team (Spain)', () => w.esOfficer2.s, false],
    ['the owner’s own analyst, not named in the joint team', () => w.maAnalyst.s, true],
    ['the owner’s agency administrator (no case.work)', () => w.maAdmin.s, true],
    ['the owner’s DPO (no case.work)', () => w.maDpo.s, true],
    ['the owner’s supervisor (no case.work)', () => w.maSupervisor.s, true],
    ['the platform administrator', () => w.platformAdmin.s, true],
  ];

  it.each(attackers)('%s: 404 on every case route, and no trace in any list', async (_name, who, notInvited) => {
    const before = await snapshot();
    const s = who();
    // (Spain's other officer may answer Spain's own invitation: that is not an attack.)
    for (const [m, url, body] of [...CASE_ROUTES, ...(notInvited ? ANSWER_ROUTES : [])]) {
      const res = await call(env, s, m, url(), body?.());
      expect(res.statusCode, `${m} ${url()}`).toBe(404);
      noTrace(res.body);
    }
    for (const [m, url] of LIST_ROUTES) {
      const res = await call(env, s, m, url());
      expect([200, 404], `${m} ${url()}`).toContain(res.statusCode);
      noTrace(res.body);
    }
    expect(await snapshot()).toBe(before);
  });

  it('those without case.work cannot even list or open cases (404)', async () => {
    for (const s of [w.maAdmin.s, w.maDpo.s, w.maSupervisor.s, w.platformAdmin.s]) {
      for (const [m, url] of LIST_ROUTES) expect((await call(env, s, m, url())).statusCode).toBe(404);
      expect((await call(env, s, 'POST', '/api/cases', { title: 'A case', crimeAreas: ['other'] })).statusCode).toBe(404);
    }
  });

  it('named members get in; an invited agency sees only its invitation', async () => {
    expect((await call(env, w.maOfficer.s, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await call(env, w.esOfficer.s, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await call(env, w.esOfficer.s, 'GET', `/api/cases/${invitedCaseId}`)).statusCode).toBe(404);
    const inv = (await call(env, w.esOfficer2.s, 'GET', '/api/case-invitations')).json().invitations;
    expect(inv.map((i: { caseId: string }) => i.caseId)).toEqual([invitedCaseId]);
    // Another Spanish case worker may answer it (the invitation is to the agency).
    expect((await call(env, w.esOfficer2.s, 'POST', `/api/cases/${invitedCaseId}/decline`)).statusCode).toBe(200);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${invitedCaseId}/accept`, {})).statusCode).toBe(404);
  });

  it('a member without the right: an officer cannot invite (404), a participant cannot edit the owner’s case (404)', async () => {
    expect((await call(env, w.maOfficer.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.es.id })).statusCode).toBe(404);
    expect((await call(env, w.esOfficer.s, 'PATCH', `/api/cases/${caseId}`, { title: 'Renamed by Spain' })).statusCode).toBe(404);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.de.id })).statusCode).toBe(404);
  });

  it('mutations without the CSRF token: 403', async () => {
    for (const [m, url, body] of CASE_ROUTES.filter(([m]) => m !== 'GET')) {
      expect((await call(env, w.maLiaison.s, m, url(), body?.(), { csrf: false })).statusCode, `${m} ${url()}`).toBe(403);
    }
    expect((await call(env, w.maLiaison.s, 'POST', '/api/cases', { title: 'A case', crimeAreas: ['other'] }, { csrf: false })).statusCode).toBe(403);
  });

  it('foreign reads are audited for the owner, per agency and never per person', async () => {
    const events = (await call(env, w.maAdmin.s, 'GET', `/api/audit?action=case.read&objectId=${caseId}`)).json().events as { actorAgencyId: string; actorUserId: string | null; actorName: string | null }[];
    const spanish = events.filter((e) => e.actorAgencyId === w.es.id);
    expect(spanish.length).toBeGreaterThan(0);
    expect(spanish.every((e) => e.actorUserId === null && e.actorName === null)).toBe(true);
  });
});
