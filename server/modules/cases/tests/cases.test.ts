import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, call, type TestEnv } from '../../../test/harness';
import { buildWorld, day, openCase, sharedCase, type World } from './world';

let env: TestEnv;
let w: World;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
});
afterAll(async () => env?.close());

const get = (s: World['maLiaison']['s'], id: string) => call(env, s, 'GET', `/api/cases/${id}`);

describe('opening and reading a case', () => {
  it('opens a case at the opener’s desk; reading it is an audited read', async () => {
    const id = await openCase(env, w.maOfficer.s, { crimeAreas: ['migrant-smuggling', 'trafficking-in-human-beings'] });
    const res = await get(w.maOfficer.s, id);
    expect(res.statusCode).toBe(200);
    const c = res.json().case;
    expect(c).toMatchObject({ title: 'Migrant smuggling network Tangier–Algeciras', status: 'open', restricted: false, crimeAreas: ['migrant-smuggling', 'trafficking-in-human-beings'] });
    expect(c.desk.id).toBe(w.ma.deskId);
    expect(c.participants).toEqual([expect.objectContaining({ role: 'owner', status: 'active', agency: expect.objectContaining({ id: w.ma.id }) })]);
    expect(c.timeline.map((e: { kind: string }) => e.kind)).toEqual(['case.opened']);
    // An officer may not invite (that is the liaison's right), but works the case.
    expect(c.abilities).toMatchObject({ invite: false, createTask: true, update: true, leave: false });
    const audit = (await call(env, w.maAdmin.s, 'GET', `/api/audit?action=case.read&objectId=${id}`)).json().events;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'case.read', objectType: 'case', objectId: id, actorUserId: w.maOfficer.user.id });
  });

  it('refuses unknown crime areas, a desk of another agency, and too short titles', async () => {
    expect((await call(env, w.maOfficer.s, 'POST', '/api/cases', { title: 'X case', crimeAreas: ['shoplifting'] })).statusCode).toBe(400);
    expect((await call(env, w.maOfficer.s, 'POST', '/api/cases', { title: 'X case', crimeAreas: ['other'], deskId: w.es.deskId })).statusCode).toBe(400);
    expect((await call(env, w.maOfficer.s, 'POST', '/api/cases', { title: 'X', crimeAreas: ['other'] })).statusCode).toBe(400);
  });
});

describe('inviting partner agencies', () => {
  it('invite → the partner sees only the invitation → accepts → sees the case; the timeline records each step', async () => {
    const id = await openCase(env, w.maLiaison.s);
    const inv = await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id, note: 'Your UCRIF desk knows the Algeciras side.' });
    expect(inv.statusCode).toBe(201);
    expect((await get(w.esOfficer.s, id)).statusCode).toBe(404);
    const invitations = (await call(env, w.esOfficer.s, 'GET', '/api/case-invitations')).json().invitations;
    const mine = invitations.find((i: { caseId: string }) => i.caseId === id);
    expect(mine).toMatchObject({ title: 'Migrant smuggling network Tangier–Algeciras', note: 'Your UCRIF desk knows the Algeciras side.', ownerAgency: { id: w.ma.id }, abilities: { accept: true } });
    expect(mine).not.toHaveProperty('summary');
    const acc = await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, {});
    expect(acc.json()).toEqual({ caseId: id, visible: true });
    const c = (await get(w.esOfficer.s, id)).json().case;
    expect(c.summary).toContain('Go-fast');
    expect(c.participants.map((p: { agency: { id: string }; status: string }) => [p.agency.id, p.status])).toEqual([[w.ma.id, 'active'], [w.es.id, 'active']]);
    const kinds = c.timeline.map((e: { kind: string }) => e.kind).reverse();
    expect(kinds).toEqual(['case.opened', 'participant.invited', 'participant.accepted']);
    // Each entry points at its object; the Spanish side sees the Moroccan liaison by agency only (not named).
    const invited = c.timeline.find((e: { kind: string }) => e.kind === 'participant.invited');
    expect(invited.object).toEqual({ type: 'participant', id: w.es.id, label: expect.any(String) });
    expect(invited.actor).toEqual({ id: null, name: null, agencyId: w.ma.id });
    const ownView = (await get(w.maLiaison.s, id)).json().case.timeline.find((e: { kind: string }) => e.kind === 'participant.invited');
    expect(ownView.actor).toMatchObject({ id: w.maLiaison.user.id, name: expect.stringContaining('User') });
  });

  it('refuses an invitation without an active partnership, naming it', async () => {
    const id = await openCase(env, w.maLiaison.s);
    const res = await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.de.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('partnership_required');
    expect(res.json().error.message).toMatch(new RegExp(`No active partnership between Agency ${w.ma.code} and Agency ${w.de.code}`));
    expect(res.json().error.details.agencyNames).toEqual([`Agency ${w.ma.code}`, `Agency ${w.de.code}`]);
    // Nothing was recorded.
    expect((await get(w.maLiaison.s, id)).json().case.participants).toHaveLength(1);
  });

  it('refuses a second invitation and inviting the owner itself', async () => {
    const id = await openCase(env, w.maLiaison.s);
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id })).statusCode).toBe(201);
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id })).statusCode).toBe(409);
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.ma.id })).statusCode).toBe(400);
  });

  it('a declined invitation leaves no access; the owner may invite again', async () => {
    const id = await openCase(env, w.maLiaison.s);
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id });
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/decline`)).statusCode).toBe(200);
    expect((await get(w.esOfficer.s, id)).statusCode).toBe(404);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, {})).statusCode).toBe(404);
    const owner = (await get(w.maLiaison.s, id)).json().case;
    expect(owner.participants.find((p: { agency: { id: string } }) => p.agency.id === w.es.id).status).toBe('declined');
    expect(owner.timeline[0].kind).toBe('participant.declined');
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id })).statusCode).toBe(201);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, {})).statusCode).toBe(200);
  });

  it('a participant leaves and loses access; the owner cannot leave', async () => {
    const id = await sharedCase(env, w);
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/leave`)).statusCode).toBe(404);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/leave`)).statusCode).toBe(200);
    expect((await get(w.esOfficer.s, id)).statusCode).toBe(404);
    const c = (await get(w.maLiaison.s, id)).json().case;
    expect(c.timeline[0]).toMatchObject({ kind: 'participant.left', object: { type: 'participant', id: w.es.id } });
  });

  it('accepting needs the partnership to be still active', async () => {
    const id = await openCase(env, w.maLiaison.s);
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id });
    const p = (await call(env, w.esAdmin.s, 'GET', '/api/partnerships')).json().partnerships.find((x: { partner: { id: string } }) => x.partner.id === w.ma.id);
    expect((await call(env, w.esAdmin.s, 'POST', `/api/partnerships/${p.id}/suspend`, { reason: 'Review' })).statusCode).toBe(200);
    const res = await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'partnership_required', details: { status: 'suspended' } });
    expect((await call(env, w.esAdmin.s, 'POST', `/api/partnerships/${p.id}/resume`)).statusCode).toBe(200);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, {})).statusCode).toBe(200);
  });
});

describe('restricted cases (joint teams)', () => {
  it('only named members see it, in each agency; each agency names its own members', async () => {
    const id = await openCase(env, w.maLiaison.s, { restricted: true, memberIds: [w.maOfficer.user.id] });
    expect((await get(w.maLiaison.s, id)).statusCode).toBe(200);
    expect((await get(w.maOfficer.s, id)).statusCode).toBe(200);
    expect((await get(w.maAnalyst.s, id)).statusCode).toBe(404);
    expect((await call(env, w.maAnalyst.s, 'GET', '/api/cases')).json().cases.some((c: { id: string }) => c.id === id)).toBe(false);

    await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id });
    const inv = (await call(env, w.esOfficer.s, 'GET', '/api/case-invitations')).json().invitations.find((i: { caseId: string }) => i.caseId === id);
    expect(inv.restricted).toBe(true);
    // A restricted case needs named members when accepted; another agency's staff cannot be named.
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, {})).statusCode).toBe(400);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, { memberIds: [w.maAnalyst.user.id] })).statusCode).toBe(400);
    const acc = await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, { memberIds: [w.esOfficer.user.id] });
    expect(acc.json()).toEqual({ caseId: id, visible: true });
    expect((await get(w.esOfficer2.s, id)).statusCode).toBe(404);

    const c = (await get(w.esOfficer.s, id)).json().case;
    // Named members are shown by name to the whole team (that is the consent); each agency removes only its own.
    expect(c.members.map((m: { userId: string }) => m.userId).sort()).toEqual([w.maLiaison.user.id, w.maOfficer.user.id, w.esOfficer.user.id].sort());
    expect(c.members.filter((m: { abilities: { remove: boolean } }) => m.abilities.remove).map((m: { userId: string }) => m.userId)).toEqual([w.esOfficer.user.id]);
    const liaisonEvent = c.timeline.find((e: { kind: string }) => e.kind === 'case.opened');
    expect(liaisonEvent.actor).toMatchObject({ id: w.maLiaison.user.id, name: expect.any(String) });

    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/members`, { userIds: [w.maAnalyst.user.id] })).statusCode).toBe(400);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/members`, { userIds: [w.esOfficer2.user.id] })).statusCode).toBe(200);
    expect((await get(w.esOfficer2.s, id)).statusCode).toBe(200);
    expect((await call(env, w.esOfficer.s, 'DELETE', `/api/cases/${id}/members/${w.maOfficer.user.id}`)).statusCode).toBe(400);
    expect((await call(env, w.esOfficer.s, 'DELETE', `/api/cases/${id}/members/${w.esOfficer2.user.id}`)).statusCode).toBe(200);
    expect((await get(w.esOfficer2.s, id)).statusCode).toBe(404);
  });

  it('the owner keeps at least one named member', async () => {
    const id = await openCase(env, w.maLiaison.s, { restricted: true });
    expect((await call(env, w.maLiaison.s, 'DELETE', `/api/cases/${id}/members/${w.maLiaison.user.id}`)).statusCode).toBe(400);
  });

  it('accepting without naming oneself leaves the case invisible to the one who accepted', async () => {
    const id = await openCase(env, w.maLiaison.s, { restricted: true });
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id });
    const acc = await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, { memberIds: [w.esOfficer2.user.id] });
    expect(acc.json()).toEqual({ caseId: id, visible: false });
    expect((await get(w.esOfficer.s, id)).statusCode).toBe(404);
    expect((await get(w.esOfficer2.s, id)).statusCode).toBe(200);
  });
});

describe('tasks', () => {
  it('tasks go to people who can see the case; overdue ones surface on the case, the list and my tasks', async () => {
    const id = await sharedCase(env, w);
    // A Spanish officer is not named: the Moroccan side cannot give them a task (it does not even know them).
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/tasks`, { title: 'Check the boat registry', assigneeId: w.esOfficer.user.id, dueOn: day(3) })).statusCode).toBe(400);
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/tasks`, { title: 'DPO cannot work cases', assigneeId: w.maDpo.user.id, dueOn: day(3) })).statusCode).toBe(400);
    const late = await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/tasks`, { title: 'Identify the skippers', assigneeId: w.maOfficer.user.id, dueOn: day(-2) });
    expect(late.statusCode).toBe(201);
    const lateId = late.json().taskId;
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/tasks`, { title: 'Request port CCTV', assigneeId: w.maOfficer.user.id, dueOn: day(5) });
    // Spain names its officer; now Morocco can assign them.
    await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/members`, { userIds: [w.esOfficer.user.id] });
    const cross = await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/tasks`, { title: 'Check the boat registry', assigneeId: w.esOfficer.user.id, dueOn: day(1) });
    expect(cross.statusCode).toBe(201);

    const c = (await get(w.maOfficer.s, id)).json().case;
    const late1 = c.tasks.find((t: { id: string }) => t.id === lateId);
    expect(late1).toMatchObject({ overdue: true, status: 'open', dueOn: day(-2), assignee: { id: w.maOfficer.user.id } });
    expect(c.tasks.filter((t: { overdue: boolean }) => t.overdue)).toHaveLength(1);
    // The Spanish side sees the Moroccan assignee by agency only.
    const es = (await get(w.esOfficer.s, id)).json().case;
    expect(es.tasks.find((t: { id: string }) => t.id === lateId).assignee).toEqual({ id: null, name: null, agencyId: w.ma.id });
    expect(es.tasks.find((t: { title: string }) => t.title === 'Check the boat registry').assignee).toMatchObject({ id: w.esOfficer.user.id, name: expect.any(String) });

    const list = (await call(env, w.maOfficer.s, 'GET', '/api/cases?overdue=true')).json().cases;
    expect(list.find((x: { id: string }) => x.id === id)).toMatchObject({ overdueTasks: 1, openTasks: 3 });
    const mine = (await call(env, w.maOfficer.s, 'GET', '/api/my-tasks?overdue=true')).json().tasks;
    expect(mine).toEqual([expect.objectContaining({ id: lateId, overdue: true, caseId: id, caseTitle: 'Migrant smuggling network Tangier–Algeciras' })]);
    expect((await call(env, w.maOfficer.s, 'GET', '/api/my-tasks')).json().tasks.length).toBeGreaterThanOrEqual(2);

    // The assignee marks it done; it no longer counts as overdue; the timeline has it.
    const done = await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}/tasks/${lateId}`, { status: 'done' });
    expect(done.statusCode).toBe(200);
    const after = done.json().case;
    expect(after.tasks.find((t: { id: string }) => t.id === lateId)).toMatchObject({ status: 'done', overdue: false });
    expect(after.timeline[0]).toMatchObject({ kind: 'task.done', object: { type: 'task', id: lateId, label: 'Identify the skippers' } });
    expect((await call(env, w.maOfficer.s, 'GET', '/api/my-tasks?overdue=true')).json().tasks.some((t: { id: string }) => t.id === lateId)).toBe(false);
    // Someone of another agency who is not the assignee cannot change a Moroccan task.
    expect((await call(env, w.esOfficer.s, 'PATCH', `/api/cases/${id}/tasks/${lateId}`, { status: 'open' })).statusCode).toBe(404);
    expect((await call(env, w.esOfficer.s, 'PATCH', `/api/cases/${id}/tasks/${lateId}`, { title: 'Renamed' })).statusCode).toBe(404);
  });

  it('mine: cases of my desks, named membership or my tasks', async () => {
    const id = await openCase(env, w.maLiaison.s);
    const mine = (await call(env, w.maOfficer.s, 'GET', '/api/cases?mine=true')).json().cases;
    expect(mine.some((c: { id: string }) => c.id === id)).toBe(true); // same desk
    const theirs = (await call(env, w.esOfficer.s, 'GET', '/api/cases?mine=true')).json().cases;
    expect(theirs.some((c: { id: string }) => c.id === id)).toBe(false);
  });
});

describe('status and edits', () => {
  it('the owner closes, reopens and archives; a closed case takes no tasks; the timeline has the changes', async () => {
    const id = await sharedCase(env, w);
    expect((await call(env, w.esOfficer.s, 'PATCH', `/api/cases/${id}`, { status: 'closed' })).statusCode).toBe(404);
    expect((await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { title: 'Go-fast network, Strait of Gibraltar' })).statusCode).toBe(200);
    expect((await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { status: 'archived' })).statusCode).toBe(409);
    const closed = await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { status: 'closed' });
    expect(closed.json().case).toMatchObject({ status: 'closed', abilities: { createTask: false, invite: false } });
    expect((await call(env, w.maOfficer.s, 'POST', `/api/cases/${id}/tasks`, { title: 'Too late', assigneeId: w.maOfficer.user.id, dueOn: day(1) })).statusCode).toBe(404);
    expect((await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { title: 'Edited while closed' })).statusCode).toBe(409);
    expect((await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { status: 'open' })).statusCode).toBe(200);
    expect((await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { status: 'closed' })).statusCode).toBe(200);
    const archived = (await call(env, w.maOfficer.s, 'PATCH', `/api/cases/${id}`, { status: 'archived' })).json().case;
    expect(archived.status).toBe('archived');
    const changes = archived.timeline.filter((e: { kind: string }) => e.kind === 'case.status_changed').map((e: { details: { to: string } }) => e.details.to).reverse();
    expect(changes).toEqual(['closed', 'open', 'closed', 'archived']);
    expect(archived.timeline.some((e: { kind: string }) => e.kind === 'case.updated')).toBe(true);
    const list = (await call(env, w.esOfficer.s, 'GET', '/api/cases?status=archived')).json().cases;
    expect(list.map((c: { id: string }) => c.id)).toContain(id);
    expect((await call(env, w.esOfficer.s, 'GET', '/api/cases?status=open')).json().cases.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('filters by crime area', async () => {
    const id = await openCase(env, w.maOfficer.s, { title: 'Investment fraud ring', crimeAreas: ['cybercrime', 'money-laundering'] });
    const cyber = (await call(env, w.maOfficer.s, 'GET', '/api/cases?crimeArea=cybercrime')).json().cases;
    expect(cyber.map((c: { id: string }) => c.id)).toContain(id);
    expect(cyber.every((c: { crimeAreas: string[] }) => c.crimeAreas.includes('cybercrime'))).toBe(true);
    expect((await call(env, w.maOfficer.s, 'GET', '/api/cases?crimeArea=terrorism')).json().cases.map((c: { id: string }) => c.id)).not.toContain(id);
  });
});
