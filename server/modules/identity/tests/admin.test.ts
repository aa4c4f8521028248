import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type Session } from '../../../test/harness';
import { withActor } from '../../../platform/db';

let env: TestEnv;
let home: BuiltAgency;
let foreign: BuiltAgency;
let platform: BuiltAgency;
let admin: Session;
let foreignAdmin: Session;
let officer: Session;
let platformAdmin: Session;

beforeAll(async () => {
  env = await createTestEnv();
  home = await buildAgency(env);
  foreign = await buildAgency(env);
  platform = await buildAgency(env, { type: 'platform' });
  admin = await signIn(env, await buildUser(env, home, { roles: ['agency-admin'] }));
  foreignAdmin = await signIn(env, await buildUser(env, foreign, { roles: ['agency-admin'] }));
  officer = await signIn(env, await buildUser(env, home, { roles: ['officer'] }));
  platformAdmin = await signIn(env, await buildUser(env, platform, { roles: ['platform-admin'] }));
});
afterAll(async () => env?.close());

const tokenOf = (url: string) => url.split('/enrol/')[1]!;

describe('users (agency administrator)', () => {
  it('creates a user with an enrolment link; the person sets their own password and signs in', async () => {
    const res = await call(env, admin, 'POST', '/api/users', { email: 'new.officer@home.example', displayName: 'Nadia', roles: ['officer', 'analyst'], deskIds: [home.deskId] });
    expect(res.statusCode).toBe(201);
    const { user, enrolmentUrl } = res.json();
    expect(user.enrolled).toBe(false);
    expect(enrolmentUrl).toContain('/enrol/enr_');
    const info = await env.app.inject({ method: 'GET', url: `/api/enrol/${tokenOf(enrolmentUrl)}` });
    expect(info.json()).toMatchObject({ email: 'new.officer@home.example', purpose: 'new-user' });
    const weak = await env.app.inject({ method: 'POST', url: `/api/enrol/${tokenOf(enrolmentUrl)}`, payload: { displayName: 'Nadia', password: 'password1234' } });
    expect(weak.json().error.code).toBe('weak_password');
    const ok = await env.app.inject({ method: 'POST', url: `/api/enrol/${tokenOf(enrolmentUrl)}`, payload: { displayName: 'Nadia B.', password: 'a fine long passphrase' } });
    expect(ok.statusCode).toBe(200);
    const again = await env.app.inject({ method: 'POST', url: `/api/enrol/${tokenOf(enrolmentUrl)}`, payload: { displayName: 'Eve', password: 'an attacker passphrase' } });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('enrolment_invalid');
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'new.officer@home.example', password: 'a fine long passphrase' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.roles).toEqual(['officer', 'analyst']);
    expect(login.json().desks.map((d: { id: string }) => d.id)).toEqual([home.deskId]);
  });

  it('lists only its own agency; refuses a duplicate e-mail with a clear conflict', async () => {
    const users = (await call(env, admin, 'GET', '/api/users')).json().users as { agencyId: string; email: string }[];
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.agencyId === home.id)).toBe(true);
    const dup = await call(env, admin, 'POST', '/api/users', { email: 'new.officer@home.example', displayName: 'X', roles: ['officer'] });
    expect(dup.statusCode).toBe(409);
  });

  it('edits roles and desks, disables a user (their sessions end), and cannot grant platform-admin', async () => {
    const target = await buildUser(env, home);
    const ts = await signIn(env, target);
    const bad = await call(env, admin, 'PATCH', `/api/users/${target.id}`, { roles: ['platform-admin'] });
    expect(bad.statusCode).toBe(400);
    const edited = await call(env, admin, 'PATCH', `/api/users/${target.id}`, { roles: ['liaison'], displayName: 'Renamed' });
    expect(edited.json().user).toMatchObject({ roles: ['liaison'], displayName: 'Renamed' });
    const foreignDesk = await call(env, admin, 'PATCH', `/api/users/${target.id}`, { deskIds: [foreign.deskId] });
    expect(foreignDesk.statusCode).toBe(400);
    expect((await call(env, admin, 'PATCH', `/api/users/${target.id}`, { disabled: true })).json().user.disabled).toBe(true);
    expect((await call(env, ts, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('an administrator cannot disable themselves or drop their own admin role', async () => {
    const me = (await call(env, admin, 'GET', '/api/me')).json().user;
    expect((await call(env, admin, 'PATCH', `/api/users/${me.id}`, { disabled: true })).statusCode).toBe(400);
    expect((await call(env, admin, 'PATCH', `/api/users/${me.id}`, { roles: ['officer'] })).statusCode).toBe(400);
  });

  it('a password reset clears the second factor and sessions, notifies administrators, and issues a link', async () => {
    const target = await buildUser(env, home, { totp: true });
    const ts = await signIn(env, target);
    const res = await call(env, admin, 'POST', `/api/users/${target.id}/reset`, { kind: 'password' });
    expect(res.statusCode).toBe(200);
    expect(res.json().enrolmentUrl).toContain('/enrol/');
    expect((await call(env, ts, 'GET', '/api/me')).statusCode).toBe(401);
    const row = await env.db.unsafeOwner.selectFrom('users').select(['password_hash', 'totp_enabled_at']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ password_hash: null, totp_enabled_at: null });
    const old = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: target.email, password: target.password }, remoteAddress: '10.9.9.9' });
    expect(old.statusCode).toBe(401);
    const notes = (await call(env, admin, 'GET', '/api/notifications')).json().notifications;
    expect(notes.some((n: { kind: string }) => n.kind === 'user.password_reset')).toBe(true);
    const audit = (await call(env, admin, 'GET', '/api/audit?action=user.password_reset')).json().events;
    expect(audit[0]).toMatchObject({ action: 'user.password_reset', objectId: target.id });
  });

  it('attackers: unauthenticated 401; another agency, wrong role 404; no CSRF 403', async () => {
    const target = await buildUser(env, home);
    expect((await call(env, null, 'GET', '/api/users')).statusCode).toBe(401);
    expect((await call(env, null, 'PATCH', `/api/users/${target.id}`, { disabled: true })).statusCode).toBe(401);
    expect((await call(env, officer, 'GET', '/api/users')).statusCode).toBe(404);
    expect((await call(env, officer, 'POST', '/api/users', { email: 'x@y.example', displayName: 'X', roles: ['officer'] })).statusCode).toBe(404);
    expect((await call(env, officer, 'PATCH', `/api/users/${target.id}`, { roles: ['agency-admin'] })).statusCode).toBe(404);
    expect((await call(env, foreignAdmin, 'GET', `/api/users/${target.id}`)).statusCode).toBe(404);
    expect((await call(env, foreignAdmin, 'PATCH', `/api/users/${target.id}`, { disabled: true })).statusCode).toBe(404);
    expect((await call(env, foreignAdmin, 'POST', `/api/users/${target.id}/reset`, { kind: 'password' })).statusCode).toBe(404);
    expect((await call(env, platformAdmin, 'PATCH', `/api/users/${target.id}`, { disabled: true })).statusCode).toBe(404);
    expect((await call(env, admin, 'PATCH', `/api/users/${target.id}`, { disabled: true }, { csrf: false })).statusCode).toBe(403);
    const foreignList = (await call(env, foreignAdmin, 'GET', '/api/users')).json().users as { id: string }[];
    expect(foreignList.some((u) => u.id === target.id)).toBe(false);
  });
});

describe('desks', () => {
  it('an agency administrator creates and renames desks of their own agency', async () => {
    const res = await call(env, admin, 'POST', '/api/desks', { name: 'Human trafficking', code: 'thb', isNcb: false });
    expect(res.statusCode).toBe(201);
    const id = res.json().desk.id;
    expect((await call(env, admin, 'PATCH', `/api/desks/${id}`, { name: 'Trafficking in human beings' })).json().desk.name).toBe('Trafficking in human beings');
    expect((await call(env, admin, 'POST', '/api/desks', { name: 'Again', code: 'thb' })).statusCode).toBe(409);
  });

  it('attackers: another agency sees the desk in the directory but cannot edit it; officers cannot create', async () => {
    const own = (await call(env, admin, 'GET', '/api/desks')).json().desks as { id: string; abilities: { update: boolean } }[];
    expect(own[0]!.abilities.update).toBe(true);
    const seenByForeign = (await call(env, foreignAdmin, 'GET', `/api/desks?agencyId=${home.id}`)).json().desks as { id: string; abilities: { update: boolean } }[];
    expect(seenByForeign.every((d) => !d.abilities.update)).toBe(true);
    expect((await call(env, foreignAdmin, 'PATCH', `/api/desks/${home.deskId}`, { disabled: true })).statusCode).toBe(404);
    expect((await call(env, officer, 'POST', '/api/desks', { name: 'Rogue', code: 'rogue' })).statusCode).toBe(404);
    expect((await call(env, null, 'GET', '/api/desks')).statusCode).toBe(401);
  });
});

describe('agencies (platform administrator)', () => {
  it('creates an agency and issues a one-time link for its first administrator', async () => {
    const res = await call(env, platformAdmin, 'POST', '/api/agencies', { code: 'gdf', name: 'Guardia di Finanza', country: 'it', type: 'customs', languages: ['it', 'en'] });
    expect(res.statusCode).toBe(201);
    const agency = res.json().agency;
    expect(agency).toMatchObject({ code: 'gdf', country: 'IT', type: 'customs' });
    const link = await call(env, platformAdmin, 'POST', `/api/agencies/${agency.id}/enrolment-links`, { email: 'chief@gdf.example' });
    expect(link.statusCode).toBe(201);
    const enrol = await env.app.inject({ method: 'POST', url: `/api/enrol/${tokenOf(link.json().enrolmentUrl)}`, payload: { displayName: 'Chief', password: 'the chief passphrase' } });
    expect(enrol.statusCode).toBe(200);
    const s = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'chief@gdf.example', password: 'the chief passphrase' } });
    expect(s.json().user.roles).toEqual(['agency-admin']);
    expect(s.json().agency.id).toBe(agency.id);
  });

  it('the platform administrator never sets a password and reads no staff of other agencies', async () => {
    const users = await call(env, platformAdmin, 'GET', '/api/users');
    expect(users.statusCode).toBe(404);
    const body = (await call(env, platformAdmin, 'POST', '/api/agencies', { code: 'pw', name: 'PW', country: 'FR', type: 'police', languages: ['fr'], password: 'x' })).json();
    expect(JSON.stringify(body)).not.toContain('password_hash');
  });

  it('bad input gets a clear error naming the field', async () => {
    const res = await call(env, platformAdmin, 'POST', '/api/agencies', { code: 'Bad Code', name: 'X', country: 'Morocco', type: 'army', languages: [] });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'country', 'type']));
  });

  it('attackers: agency administrators and officers cannot create or edit agencies (404); anonymous 401', async () => {
    expect((await call(env, admin, 'POST', '/api/agencies', { code: 'evil', name: 'Evil', country: 'MA', type: 'police', languages: ['ar'] })).statusCode).toBe(404);
    expect((await call(env, admin, 'PATCH', `/api/agencies/${home.id}`, { name: 'Renamed' })).statusCode).toBe(404);
    expect((await call(env, admin, 'POST', `/api/agencies/${home.id}/enrolment-links`, { email: 'a@b.example' })).statusCode).toBe(404);
    expect((await call(env, officer, 'PATCH', `/api/agencies/${foreign.id}`, { disabled: true })).statusCode).toBe(404);
    expect((await call(env, null, 'GET', '/api/agencies')).statusCode).toBe(401);
    const list = (await call(env, officer, 'GET', '/api/agencies')).json().agencies as { abilities: { update: boolean } }[];
    expect(list.every((a) => !a.abilities.update)).toBe(true);
  });
});

describe('audit trail (browse and export)', () => {
  it('shows a supervisor their own agency only, filters, and exports JSON lines', async () => {
    const sup = await signIn(env, await buildUser(env, home, { roles: ['supervisor'] }));
    const events = (await call(env, sup, 'GET', '/api/audit?limit=200')).json().events as { actorAgencyId: string; action: string }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.action === 'user.created')).toBe(true);
    const filtered = (await call(env, sup, 'GET', '/api/audit?action=auth.login')).json().events as { action: string }[];
    expect(filtered.every((e) => e.action.startsWith('auth.login'))).toBe(true);
    const foreignEvents = (await call(env, foreignAdmin, 'GET', '/api/audit?limit=500')).json().events as { objectId: string | null; action: string }[];
    expect(foreignEvents.some((e) => e.action === 'user.password_reset')).toBe(false);
    const exp = await call(env, sup, 'GET', '/api/audit/export?action=user');
    expect(exp.headers['content-type']).toContain('application/x-ndjson');
    const lines = exp.body.trim().split('\n').map((l) => JSON.parse(l) as { action: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.action.startsWith('user'))).toBe(true);
  });

  it('filters by part of the name or e-mail address of the agency’s own people, never another agency’s', async () => {
    const sup = await signIn(env, await buildUser(env, home, { roles: ['supervisor'] }));
    const named = await buildUser(env, home, { email: `zelda.moreau.${Date.now()}@home.example` });
    await signIn(env, named);
    // A foreign officer's action that concerns this agency is in its trail, under the foreign agency's name only.
    const stranger = await buildUser(env, foreign, { email: `zelda.stranger.${Date.now()}@foreign.example` });
    await withActor(env.db, { userId: stranger.id, agencyId: foreign.id, roles: ['officer'], deskIds: [] }, null, async (ctx) => {
      ctx.audit({ action: 'message.read', objectType: 'message', subjectAgencyId: home.id });
    });
    const all = (await call(env, sup, 'GET', '/api/audit?limit=500')).json().events as { actorUserId: string | null; actorAgencyId: string; action: string }[];
    expect(all.some((e) => e.actorAgencyId === foreign.id && e.action === 'message.read')).toBe(true);

    for (const part of ['ZELDA.moreau', 'User zelda.m', 'moreau']) {
      const events = (await call(env, sup, 'GET', `/api/audit?actor=${encodeURIComponent(part)}`)).json().events as { actorUserId: string; action: string }[];
      expect(events.length, part).toBeGreaterThan(0);
      expect(events.every((e) => e.actorUserId === named.id), part).toBe(true);
    }
    // "zelda" matches both people: only the agency's own one is found; a wildcard is a plain character.
    const zelda = (await call(env, sup, 'GET', '/api/audit?actor=zelda&limit=500')).json().events as { actorUserId: string | null; actorAgencyId: string }[];
    expect(zelda.length).toBeGreaterThan(0);
    expect(zelda.every((e) => e.actorUserId === named.id)).toBe(true);
    expect((await call(env, sup, 'GET', '/api/audit?actor=stranger')).json().events).toEqual([]);
    expect((await call(env, sup, 'GET', '/api/audit?actor=%25')).json().events).toEqual([]);
    const blank = await call(env, sup, 'GET', '/api/audit?actor=%20');
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Type part of a name');
  });

  it('pages with nextBefore', async () => {
    const sup = await signIn(env, await buildUser(env, home, { roles: ['dpo'] }));
    const p1 = (await call(env, sup, 'GET', '/api/audit?limit=2')).json();
    expect(p1.events).toHaveLength(2);
    const p2 = (await call(env, sup, 'GET', `/api/audit?limit=2&before=${p1.nextBefore}`)).json();
    expect(p2.events[0].seq).toBeLessThan(p1.events[1].seq);
  });

  it('attackers: officers and anonymous callers cannot read it', async () => {
    expect((await call(env, officer, 'GET', '/api/audit')).statusCode).toBe(404);
    expect((await call(env, officer, 'GET', '/api/audit/export')).statusCode).toBe(404);
    expect((await call(env, null, 'GET', '/api/audit')).statusCode).toBe(401);
  });
});
