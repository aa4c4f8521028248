import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { unsafeWithOwner, withActor } from '../../../platform/db';
import { createTestEnv, buildAgency, buildUser, signIn, call, type BuiltAgency, type Session, type TestEnv } from '../../../test/harness';
import { requireActivePartnership } from '..';
import { frameworkRefusal } from '../rules';

let env: TestEnv;
let ma: BuiltAgency; // Morocco, police with an NCB desk
let es: BuiltAgency; // Spain
let de: BuiltAgency; // Germany
let gs: BuiltAgency; // INTERPOL General Secretariat
let third: BuiltAgency;
let maAdmin: Session, esAdmin: Session, deAdmin: Session, gsAdmin: Session, thirdAdmin: Session, esOfficer: Session, maOfficer: Session, platformAdmin: Session;

beforeAll(async () => {
  env = await createTestEnv();
  ma = await buildAgency(env, { country: 'MA' });
  es = await buildAgency(env, { country: 'ES' });
  de = await buildAgency(env, { country: 'DE' });
  gs = await buildAgency(env, { country: 'FR', type: 'interpol-gs' });
  third = await buildAgency(env, { country: 'IT' });
  const platform = await buildAgency(env, { country: 'FR', type: 'platform' });
  await unsafeWithOwner(env.db, 'system', async ({ tx }) => tx.updateTable('desks').set({ is_ncb: true }).where('id', '=', ma.deskId).execute());
  const admin = async (a: BuiltAgency) => signIn(env, await buildUser(env, a, { roles: ['agency-admin'] }));
  maAdmin = await admin(ma);
  esAdmin = await admin(es);
  deAdmin = await admin(de);
  gsAdmin = await admin(gs);
  thirdAdmin = await admin(third);
  esOfficer = await signIn(env, await buildUser(env, es, { roles: ['officer'] }));
  maOfficer = await signIn(env, await buildUser(env, ma, { roles: ['liaison'] }));
  platformAdmin = await signIn(env, await buildUser(env, platform, { roles: ['platform-admin'] }));
});
afterAll(async () => env?.close());

const propose = (as: Session, partner: BuiltAgency, o: Record<string, unknown> = {}) =>
  call(env, as, 'POST', '/api/partnerships', { partnerAgencyId: partner.id, framework: 'bilateral', instrument: 'Agreement of 2019', urgentHours: 12, normalHours: 120, transferConditions: 'No onward transmission without consent.', ...o });

describe('the legal frameworks', () => {
  it('Directive 2023/977 only between EU member states’ agencies', async () => {
    const res = await propose(maAdmin, es, { framework: 'eu-2023-977', urgentHours: undefined, normalHours: undefined });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('framework_not_allowed');
    expect(res.json().error.message).toMatch(/only between agencies of EU member states.*\(MA\)/);
    const ok = await propose(esAdmin, de, { framework: 'eu-2023-977', urgentHours: undefined, normalHours: undefined });
    expect(ok.statusCode).toBe(201);
    // The directive's own deadlines: 8 hours, 3 days, 7 days.
    expect(ok.json().partnership.deadlines).toEqual({ urgentHours: 8, normalHours: 168, urgentDirectHours: 8, urgentIndirectHours: 72 });
    expect((await call(env, esAdmin, 'POST', `/api/partnerships/${ok.json().partnership.id}/end`)).statusCode).toBe(200);
  });

  it('the database refuses the same even when the application is bypassed', async () => {
    const attempt = unsafeWithOwner(env.db, 'system', async ({ tx }) =>
      tx.insertInto('partnerships').values({ proposer_agency_id: ma.id, partner_agency_id: es.id, framework: 'eu-2023-977', status: 'active' }).execute());
    await expect(attempt).rejects.toThrow(/2023\/977/);
  });

  it('the INTERPOL channel links an NCB with the General Secretariat only', async () => {
    expect(frameworkRefusal('interpol', { name: 'A', country: 'ES', type: 'police', hasNcb: false }, { name: 'GS', country: 'FR', type: 'interpol-gs', hasNcb: false })).toMatch(/National Central Bureau/);
    expect(frameworkRefusal('interpol', { name: 'A', country: 'ES', type: 'ncb', hasNcb: true }, { name: 'B', country: 'DE', type: 'police', hasNcb: true })).toMatch(/General Secretariat/);
    expect((await propose(esAdmin, gs, { framework: 'interpol' })).json().error.code).toBe('framework_not_allowed');
    const ok = await propose(maAdmin, gs, { framework: 'interpol', urgentHours: 24, normalHours: 168 });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().partnership).toMatchObject({ framework: 'interpol', deadlines: { urgentHours: 24, normalHours: 168 }, status: 'proposed' });
    expect((await call(env, gsAdmin, 'POST', `/api/partnerships/${ok.json().partnership.id}/decline`, { reason: 'Not now' })).json().partnership).toMatchObject({ status: 'declined', statusReason: 'Not now' });
  });

  it('other frameworks need their own deadlines, urgent no longer than normal', async () => {
    expect((await propose(maAdmin, de, { urgentHours: undefined })).statusCode).toBe(400);
    expect((await propose(maAdmin, de, { urgentHours: 200, normalHours: 100 })).statusCode).toBe(400);
    expect((await propose(maAdmin, ma)).statusCode).toBe(400);
  });
});

describe('the life of a partnership', () => {
  it('propose → the other side accepts → suspend → only the suspending side resumes → either side ends', async () => {
    const res = await propose(maAdmin, es);
    expect(res.statusCode).toBe(201);
    const p = res.json().partnership;
    expect(p).toMatchObject({ status: 'proposed', proposedByUs: true, partner: { id: es.id }, abilities: { accept: false, decline: false, end: true } });
    // A second live proposal between the same pair, from either side, is refused.
    expect((await propose(esAdmin, ma)).statusCode).toBe(409);
    // The proposer cannot accept its own proposal.
    expect((await call(env, maAdmin, 'POST', `/api/partnerships/${p.id}/accept`)).statusCode).toBe(409);
    const seen = (await call(env, esAdmin, 'GET', `/api/partnerships/${p.id}`)).json().partnership;
    expect(seen).toMatchObject({ proposedByUs: false, partner: { id: ma.id }, abilities: { accept: true, decline: true, end: false } });
    // An officer of Spain does not see a proposal (only active partnerships), and cannot act.
    expect((await call(env, esOfficer, 'GET', `/api/partnerships/${p.id}`)).statusCode).toBe(404);
    expect((await call(env, esOfficer, 'POST', `/api/partnerships/${p.id}/accept`)).statusCode).toBe(404);

    expect((await call(env, esAdmin, 'POST', `/api/partnerships/${p.id}/accept`)).json().partnership.status).toBe('active');
    const list = (await call(env, esOfficer, 'GET', '/api/partnerships')).json();
    expect(list.partnerships.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(list.abilities.propose).toBe(false);
    expect(list.partnerships[0].abilities).toEqual({ accept: false, decline: false, suspend: false, resume: false, end: false });

    expect((await call(env, esAdmin, 'POST', `/api/partnerships/${p.id}/suspend`, { reason: 'Data-protection review' })).json().partnership.status).toBe('suspended');
    expect((await call(env, esOfficer, 'GET', `/api/partnerships/${p.id}`)).statusCode).toBe(404);
    expect((await call(env, maAdmin, 'POST', `/api/partnerships/${p.id}/resume`)).statusCode).toBe(409);
    expect((await call(env, esAdmin, 'POST', `/api/partnerships/${p.id}/resume`)).json().partnership.status).toBe('active');
    expect((await call(env, maAdmin, 'POST', `/api/partnerships/${p.id}/end`)).json().partnership.status).toBe('ended');
    expect((await call(env, esAdmin, 'POST', `/api/partnerships/${p.id}/accept`)).statusCode).toBe(409);
    // Ended: a new proposal is possible again.
    const again = await propose(esAdmin, ma);
    expect(again.statusCode).toBe(201);
    expect((await call(env, esAdmin, 'POST', `/api/partnerships/${again.json().partnership.id}/end`)).json().partnership.status).toBe('ended');
    // Each step is in both agencies' audit trails.
    const audit = (await call(env, maAdmin, 'GET', `/api/audit?objectId=${p.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['partnership.ended', 'partnership.resumed', 'partnership.suspended', 'partnership.accepted', 'partnership.proposed']);
  });

  it('the database refuses a state change by the wrong side', async () => {
    const p = (await propose(maAdmin, third)).json().partnership;
    const admin = await buildUser(env, ma, { roles: ['agency-admin'] });
    const attempt = withActor(env.db, { userId: admin.id, agencyId: ma.id, roles: ['agency-admin'], deskIds: [] }, null, async ({ tx }) =>
      tx.updateTable('partnerships').set({ status: 'active' }).where('id', '=', p.id).execute());
    await expect(attempt).rejects.toThrow(/cannot go from proposed to active/);
    await call(env, maAdmin, 'POST', `/api/partnerships/${p.id}/end`);
  });
});

describe('who sees a partnership', () => {
  it('only the two agencies: a third agency and the platform administrator get 404 and see nothing, even in raw queries', async () => {
    const p = (await propose(maAdmin, de)).json().partnership;
    for (const s of [thirdAdmin, platformAdmin, gsAdmin]) {
      expect((await call(env, s, 'GET', `/api/partnerships/${p.id}`)).statusCode).toBe(404);
      expect((await call(env, s, 'POST', `/api/partnerships/${p.id}/accept`)).statusCode).toBe(404);
      expect((await call(env, s, 'POST', `/api/partnerships/${p.id}/end`)).statusCode).toBe(404);
      const list = (await call(env, s, 'GET', '/api/partnerships')).json().partnerships as { id: string }[];
      expect(list.some((x) => x.id === p.id)).toBe(false);
    }
    const admin = await buildUser(env, third, { roles: ['agency-admin'] });
    const rows = await withActor(env.db, { userId: admin.id, agencyId: third.id, roles: ['agency-admin'], deskIds: [] }, null, async ({ tx }) =>
      (await sql`SELECT * FROM partnerships`.execute(tx)).rows);
    expect(rows.filter((r) => (r as { id: string }).id === p.id)).toEqual([]);
    // Nor can it write one in another agency's name.
    const forged = withActor(env.db, { userId: admin.id, agencyId: third.id, roles: ['agency-admin'], deskIds: [] }, null, async ({ tx }) =>
      sql`INSERT INTO partnerships (proposer_agency_id, partner_agency_id, framework, urgent_hours, normal_hours, status) VALUES (${ma.id}, ${third.id}, 'bilateral', 1, 2, 'active')`.execute(tx));
    await expect(forged).rejects.toThrow(/row-level security/);
    await call(env, deAdmin, 'POST', `/api/partnerships/${p.id}/decline`);
  });

  it('attackers: unauthenticated 401; officers cannot propose (404); no CSRF 403', async () => {
    expect((await call(env, null, 'GET', '/api/partnerships')).statusCode).toBe(401);
    expect((await call(env, null, 'POST', '/api/partnerships', {})).statusCode).toBe(401);
    expect((await call(env, null, 'POST', '/api/partnerships/00000000-0000-4000-8000-000000000000/accept')).statusCode).toBe(401);
    expect((await propose(maOfficer, de)).statusCode).toBe(404);
    expect((await call(env, maAdmin, 'POST', '/api/partnerships', { partnerAgencyId: de.id, framework: 'bilateral', urgentHours: 1, normalHours: 2 }, { csrf: false })).statusCode).toBe(403);
  });
});

describe('requireActivePartnership', () => {
  it('returns the active partnership, or refuses naming the two agencies and the state', async () => {
    const admin = await buildUser(env, ma, { roles: ['agency-admin'] });
    const actor = { userId: admin.id, agencyId: ma.id, roles: ['agency-admin' as const], deskIds: [] };
    const p = (await propose(maAdmin, es)).json().partnership;
    const refused = withActor(env.db, actor, null, (ctx) => requireActivePartnership(ctx, ma.id, es.id));
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'partnership_required', message: expect.stringMatching(new RegExp(`No active partnership between Agency ${ma.code} and Agency ${es.code} \\(one is proposed`)) });
    await call(env, esAdmin, 'POST', `/api/partnerships/${p.id}/accept`);
    const ok = await withActor(env.db, actor, null, (ctx) => requireActivePartnership(ctx, ma.id, es.id));
    expect(ok.id).toBe(p.id);
    const none = withActor(env.db, actor, null, (ctx) => requireActivePartnership(ctx, ma.id, third.id));
    await expect(none).rejects.toMatchObject({ code: 'partnership_required', details: { status: null } });
  });
});
