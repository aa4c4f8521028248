import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, buildAgency, buildUser, signIn, call, totpNow, type TestEnv, type BuiltAgency } from '../../../test/harness';

let env: TestEnv;
let agency: BuiltAgency;
beforeAll(async () => {
  env = await createTestEnv();
  agency = await buildAgency(env);
});
afterAll(async () => env?.close());

const login = (payload: object, ip = '10.0.0.1') => env.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: ip });

describe('login', () => {
  it('signs in with the right password and sets a strict httpOnly cookie', async () => {
    const u = await buildUser(env, agency);
    const res = await login({ email: u.email, password: u.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe(u.email);
    expect(body.csrfToken).toMatch(/.{20,}/);
    const c = res.cookies.find((x) => x.name === 'tansiq_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(JSON.stringify(body)).not.toMatch(/password_hash|argon2|totp_secret/);
  });

  it('answers the same for an unknown account and a wrong password (no user enumeration)', async () => {
    const u = await buildUser(env, agency);
    const a = await login({ email: u.email, password: 'not-the-right-password' }, '10.0.1.1');
    const b = await login({ email: 'nobody-here@test.example', password: 'not-the-right-password' }, '10.0.1.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.code).toBe('invalid_credentials');
  });

  it('a disabled user cannot sign in and gets the same answer', async () => {
    const u = await buildUser(env, agency);
    await env.db.unsafeOwner.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', u.id).execute();
    const res = await login({ email: u.email, password: u.password }, '10.0.2.1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('asks for the second factor, accepts a TOTP code once, refuses its replay', async () => {
    const u = await buildUser(env, agency, { totp: true });
    const first = await login({ email: u.email, password: u.password }, '10.0.3.1');
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('totp_required');
    const code = totpNow(u.totpSecret!);
    expect((await login({ email: u.email, password: u.password, totp: code }, '10.0.3.1')).statusCode).toBe(200);
    const replay = await login({ email: u.email, password: u.password, totp: code }, '10.0.3.1');
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('totp_invalid');
  });

  it('a wrong password with a right TOTP code is still invalid_credentials (the factor does not leak the password)', async () => {
    const u = await buildUser(env, agency, { totp: true });
    const res = await login({ email: u.email, password: 'wrong-password-here', totp: totpNow(u.totpSecret!) }, '10.0.4.1');
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('a recovery code works exactly once', async () => {
    const u = await buildUser(env, agency, { totp: true });
    const code = u.recoveryCodes[0]!;
    expect((await login({ email: u.email, password: u.password, totp: code }, '10.0.5.1')).statusCode).toBe(200);
    expect((await login({ email: u.email, password: u.password, totp: code }, '10.0.5.1')).statusCode).toBe(401);
  });

  it('slows down repeated failures for an account and address with a growing back-off (brute force)', async () => {
    const u = await buildUser(env, agency);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login({ email: u.email, password: `wrong-guess-number-${i}` }, '10.0.6.1')).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes).toContain(429);
    const blocked = await login({ email: u.email, password: u.password }, '10.0.6.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the back-off is the same for an unknown account (no enumeration through throttling)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login({ email: 'ghost@test.example', password: `wrong-guess-${i}` }, '10.0.7.1')).statusCode);
    expect(codes).toContain(429);
  });

  it('an attacker elsewhere cannot lock an officer out for long: the per-account delay is capped at 30 s', async () => {
    const u = await buildUser(env, agency);
    for (let i = 0; i < 12; i++) await login({ email: u.email, password: `attacker-guess-${i}` }, `10.0.8.${i}`);
    const row = await sql<{ next_allowed_at: Date }>`SELECT next_allowed_at FROM login_throttle WHERE key LIKE 'acct:%' ORDER BY next_allowed_at DESC LIMIT 1`.execute(env.db.unsafeOwner);
    expect(row.rows[0]!.next_allowed_at.getTime() - Date.now()).toBeLessThanOrEqual(31_000);
  });

  it('an address spraying many accounts is slowed down too, after more free failures (offices share addresses)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 24; i++) codes.push((await login({ email: `spray${i}@test.example`, password: 'Winter2026!!' }, '10.0.11.1')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20)).toContain(429);
    // Another address of the same office is not affected.
    const u = await buildUser(env, agency);
    expect((await login({ email: u.email, password: u.password }, '10.0.11.2')).statusCode).toBe(200);
  });

  it('rejects a body that is not JSON or misses fields with a clear error', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@y.z' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(/password/);
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    expect((await call(env, s, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await call(env, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    const after = await call(env, s, 'GET', '/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('rotates the session at login: a cookie set before login is not the one after', async () => {
    const u = await buildUser(env, agency);
    const a = await signIn(env, u);
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: a.cookie }, payload: { email: u.email, password: u.password } });
    const fresh = res.cookies.find((c) => c.name === 'tansiq_session')!.value;
    expect(`tansiq_session=${fresh}`).not.toBe(a.cookie);
    expect((await call(env, a, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('a tampered or made-up cookie is unauthenticated', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    const tampered = { ...s, cookie: s.cookie.slice(0, -2) + (s.cookie.endsWith('A') ? 'BB' : 'AA') };
    expect((await call(env, tampered, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(env, { ...s, cookie: 'tansiq_session=forged' }, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('an idle session expires', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    await env.db.unsafeOwner.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - (env.config.sessionIdleMinutes + 1) * 60_000) }).where('user_id', '=', u.id).execute();
    expect((await call(env, s, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('a session past its absolute lifetime expires', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    await env.db.unsafeOwner.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', u.id).execute();
    expect((await call(env, s, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('a cookie-authenticated mutation without the CSRF token is refused', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    const res = await call(env, s, 'PATCH', '/api/me', { locale: 'ar' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const wrong = await env.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: s.cookie, 'x-csrf-token': 'guess' }, payload: { locale: 'ar' } });
    expect(wrong.statusCode).toBe(403);
    expect((await call(env, s, 'PATCH', '/api/me', { locale: 'ar' })).statusCode).toBe(200);
  });

  it('GET /api/me presents user, agency, desks, permissions, abilities and the CSRF token', async () => {
    const u = await buildUser(env, agency, { roles: ['supervisor'] });
    const s = await signIn(env, u);
    const me = (await call(env, s, 'GET', '/api/me')).json();
    expect(me.user.id).toBe(u.id);
    expect(me.agency.id).toBe(agency.id);
    expect(me.desks).toHaveLength(1);
    expect(me.permissions).toContain('audit.read');
    expect(me.abilities).toMatchObject({ readAudit: true, manageUsers: false, manageAgencies: false });
    expect(me.csrfToken).toBe(s.csrf);
  });
});

describe('password and second factor', () => {
  it('changes the password: refuses a short or common one, then ends the other sessions', async () => {
    const u = await buildUser(env, agency);
    const s1 = await signIn(env, u);
    const s2 = await signIn(env, u);
    const short = await call(env, s1, 'POST', '/api/me/password', { currentPassword: u.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    const common = await call(env, s1, 'POST', '/api/me/password', { currentPassword: u.password, newPassword: 'qwerty123456' });
    expect(common.json().error.code).toBe('weak_password');
    const wrongCurrent = await call(env, s1, 'POST', '/api/me/password', { currentPassword: 'not-my-password', newPassword: 'a brand new long passphrase' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect((await call(env, s1, 'POST', '/api/me/password', { currentPassword: u.password, newPassword: 'a brand new long passphrase' })).statusCode).toBe(200);
    expect((await call(env, s1, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await call(env, s2, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await login({ email: u.email, password: 'a brand new long passphrase' }, '10.0.9.1')).statusCode).toBe(200);
  });

  it('enrols TOTP through setup and confirm, returns recovery codes once, then login needs the code', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    const setup = (await call(env, s, 'POST', '/api/me/totp/setup')).json();
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.qrSvgDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const bad = await call(env, s, 'POST', '/api/me/totp/confirm', { code: '000000' });
    expect(bad.statusCode).toBe(400);
    const ok = await call(env, s, 'POST', '/api/me/totp/confirm', { code: totpNow(setup.secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().recoveryCodes).toHaveLength(10);
    const stored = await env.db.unsafeOwner.selectFrom('users').select(['totp_secret_enc', 'recovery_codes']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(setup.secret);
    expect(stored.recovery_codes).not.toContain(ok.json().recoveryCodes[0]);
    expect((await login({ email: u.email, password: u.password }, '10.0.10.1')).json().error.code).toBe('totp_required');
    expect((await login({ email: u.email, password: u.password, totp: totpNow(setup.secret, 1) }, '10.0.10.1')).statusCode).toBe(200);
  });

  it('disabling the second factor needs the password and notifies the agency administrators', async () => {
    const admin = await buildUser(env, agency, { roles: ['agency-admin'] });
    const u = await buildUser(env, agency, { totp: true });
    const s = await signIn(env, u);
    expect((await call(env, s, 'POST', '/api/me/totp/disable', { password: 'wrong-password-x' })).statusCode).toBe(400);
    expect((await call(env, s, 'POST', '/api/me/totp/disable', { password: u.password })).statusCode).toBe(200);
    const as = await signIn(env, admin);
    const notes = (await call(env, as, 'GET', '/api/notifications')).json().notifications;
    expect(notes.some((n: { kind: string; payload: { userId: string } }) => n.kind === 'user.totp_disabled' && n.payload.userId === u.id)).toBe(true);
  });
});

describe('API tokens', () => {
  it('is shown once, stored hashed, acts as its user, and stops working when revoked', async () => {
    const u = await buildUser(env, agency);
    const s = await signIn(env, u);
    const created = (await call(env, s, 'POST', '/api/me/tokens', { name: 'border gate', expiresInDays: 30 })).json();
    expect(created.token).toMatch(/^tsq_/);
    const list = (await call(env, s, 'GET', '/api/me/tokens')).json().tokens;
    expect(JSON.stringify(list)).not.toContain(created.token);
    const stored = await env.db.unsafeOwner.selectFrom('api_tokens').selectAll().where('id', '=', created.record.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(created.token);
    const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${created.token}` } });
    expect(me.json().user.id).toBe(u.id);
    // A token needs no CSRF header (browsers never send it on their own) but cannot mint tokens.
    const mint = await env.app.inject({ method: 'POST', url: '/api/me/tokens', headers: { authorization: `Bearer ${created.token}` }, payload: { name: 'x' } });
    expect(mint.statusCode).toBe(400);
    expect((await call(env, s, 'DELETE', `/api/me/tokens/${created.record.id}`)).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${created.token}` } })).statusCode).toBe(401);
  });

  it("another user cannot revoke someone's token (404)", async () => {
    const u = await buildUser(env, agency);
    const other = await buildUser(env, agency, { roles: ['agency-admin'] });
    const s = await signIn(env, u);
    const created = (await call(env, s, 'POST', '/api/me/tokens', { name: 'mine' })).json();
    const so = await signIn(env, other);
    expect((await call(env, so, 'DELETE', `/api/me/tokens/${created.record.id}`)).statusCode).toBe(404);
  });
});

describe('HTTP hygiene', () => {
  it('sends security headers and a strict CSP', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('serves the OpenAPI document', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/auth/login');
  });

  it('errors have the documented shape and never a stack trace', async () => {
    // Unknown routes are hidden from anonymous callers (401), and 404 for a signed-in user.
    expect((await env.app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(401);
    const s = await signIn(env, await buildUser(env, agency));
    const res = await call(env, s, 'GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses an oversized body with payload_too_large', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.c', password: 'x'.repeat(2_000_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('readiness and metrics', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const m = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(m.body).toContain('tansiq_http_request_duration_seconds');
    expect((await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(404);
  });
});
