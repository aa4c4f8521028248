import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { checkDigit } from '../../../../common/mrz';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type Session } from '../../../test/harness';
import { withActor, type Actor } from '../../../platform/db';
import { upload, waitJob } from '../../watchlists/tests/fixtures';
import { checkDocuments, dtx } from '..';

let env: TestEnv;
let ma: BuiltAgency; // Morocco: registers MAR documents
let es: BuiltAgency; // Spain: checks them
let maOfficer: Session;
let maSupervisor: Session;
let maDpo: Session;
let maAdmin: Session;
let esOfficer: Session;
let maOfficerActor: Actor;
let esActor: Actor;

const PURPOSE = 'Border check at Tanger Med';

/** A TD3 passport zone with correct check digits (or one wrong, to test the reporting). */
function td3(o: { state: string; number: string; surname: string; given: string; birth: string; nationality?: string; expiry?: string }): string[] {
  const name = `${o.surname}<<${o.given.replace(/ /g, '<')}`.padEnd(39, '<').slice(0, 39);
  const l1 = `P<${o.state.padEnd(3, '<')}${name}`;
  const num = o.number.padEnd(9, '<');
  const exp = o.expiry ?? '340101';
  const personal = '<'.repeat(14);
  const body = `${num}${checkDigit(num)}${(o.nationality ?? o.state).padEnd(3, '<')}${o.birth}${checkDigit(o.birth)}M${exp}${checkDigit(exp)}${personal}0`;
  const composite = checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [l1, `${body}${composite}`];
}

beforeAll(async () => {
  env = await createTestEnv();
  ma = await buildAgency(env, { country: 'MA' });
  es = await buildAgency(env, { country: 'ES' });
  const u = await buildUser(env, ma, { roles: ['officer'] });
  maOfficer = await signIn(env, u);
  maOfficerActor = { userId: u.id, agencyId: ma.id, roles: ['officer'], deskIds: [] };
  maSupervisor = await signIn(env, await buildUser(env, ma, { roles: ['supervisor'] }));
  maDpo = await signIn(env, await buildUser(env, ma, { roles: ['dpo'] }));
  maAdmin = await signIn(env, await buildUser(env, ma, { roles: ['agency-admin'] }));
  const e = await buildUser(env, es, { roles: ['officer'] });
  esOfficer = await signIn(env, e);
  esActor = { userId: e.id, agencyId: es.id, roles: ['officer'], deskIds: [] };
});
afterAll(async () => env?.close());

const register = (as: Session, body: Record<string, unknown>) => call(env, as, 'POST', '/api/documents', { type: 'passport', lossType: 'stolen', lossDate: '2026-03-01', ...body });

describe('registering documents', () => {
  let id: string;

  it('an officer registers a stolen passport of the own country (the issuing state defaults to the agency’s)', async () => {
    const res = await register(maOfficer, { number: 'ab 12-34567' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().document).toMatchObject({ number: 'AB1234567', issuingState: 'MAR', type: 'passport', lossType: 'stolen', lossDate: '2026-03-01', state: 'active', abilities: { close: true } });
    id = res.json().document.id;
    const sup = await register(maSupervisor, { number: 'MA0000001', issuingState: 'mar', lossType: 'lost', type: 'id-card' });
    expect(sup.statusCode, sup.body).toBe(201);
  });

  it('the same live document twice is a conflict; another country’s document is refused, naming the field', async () => {
    const dup = await register(maOfficer, { number: 'AB1234567' });
    expect(dup.statusCode).toBe(409);
    const foreign = await register(maOfficer, { number: 'X1234567', issuingState: 'ESP' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toMatch(/own country only \(issuing state MAR\); ESP/);
    expect(foreign.json().error.details).toEqual({ field: 'issuingState' });
    // A nationality-only code is no issuing state at all.
    expect((await register(maOfficer, { number: 'X1234567', issuingState: 'XXA' })).json().error.details).toEqual({ field: 'issuingState' });
    expect((await register(maOfficer, { number: 'X1234568', lossDate: '2999-01-01' })).json().error.details).toEqual({ field: 'lossDate' });
    expect((await register(maOfficer, { number: 'X1234568', lossDate: '2026-02-30' })).json().error.details).toEqual({ field: 'lossDate' });
  });

  it('Spain checks it: hit, loss type, registering agency — and the check is audited without the number', async () => {
    const res = await call(env, esOfficer, 'POST', '/api/documents/check', { number: 'AB1234567', issuingState: 'MA', purpose: PURPOSE });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hit: true, unreliable: false, query: { number: 'AB1234567', issuingState: 'MAR' }, matches: [{ id, lossType: 'stolen', type: 'passport', agency: { id: ma.id } }] });
    const miss = await call(env, esOfficer, 'POST', '/api/documents/check', { number: 'AB1234568', issuingState: 'MAR', purpose: PURPOSE });
    expect(miss.json()).toMatchObject({ hit: false, matches: [] });
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').selectAll().where('action', '=', 'document.checked').orderBy('seq').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_agency_id: es.id, subject_agency_id: ma.id, purpose: PURPOSE });
    expect(JSON.stringify(audit)).not.toContain('AB123456');
  });

  it('the exported check serves batch screening: many keys at once, each match names its key', async () => {
    const m = await withActor(env.db, esActor, null, (ctx) => checkDocuments(ctx, [{ number: 'nope', issuingState: 'MAR' }, { number: 'AB1234567', issuingState: 'MAR' }, { number: 'MA0000001', issuingState: 'MA' }, { number: 'x', issuingState: 'XXX' }, { number: 'ab-1234567', issuingState: 'mar' }]));
    expect(m.map((x) => [x.key, x.number, x.lossType, x.agency.id])).toEqual([[1, 'AB1234567', 'stolen', ma.id], [2, 'MA0000001', 'lost', ma.id], [4, 'AB1234567', 'stolen', ma.id]]);
  });

  it('only the registering agency lists its documents; Spain’s list is empty, and its raw query sees no row', async () => {
    const own = await call(env, maOfficer, 'GET', '/api/documents?state=active&lossType=stolen');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ total: 1, issuingState: 'MAR', abilities: { register: true }, activeByLossType: { stolen: 1, lost: 1, 'stolen-blank': 0, revoked: 0 } });
    expect((await call(env, maOfficer, 'GET', '/api/documents?number=ma00')).json().documents.map((d: { number: string }) => d.number)).toEqual(['MA0000001']);
    expect((await call(env, esOfficer, 'GET', '/api/documents')).json()).toMatchObject({ total: 0, issuingState: 'ESP' });
    const raw = await withActor(env.db, esActor, null, async (ctx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM travel_documents`.execute(ctx.tx)).rows[0]!.n);
    expect(raw).toBe(0);
  });

  it('another agency cannot close it (404); the owner marks it recovered and checks no longer hit', async () => {
    expect((await call(env, esOfficer, 'POST', `/api/documents/${id}/close`, { action: 'removed' })).statusCode).toBe(404);
    // The second wall: even a direct update in Spain's context changes nothing.
    const n = await withActor(env.db, esActor, null, async (ctx) => (await dtx(ctx.tx).updateTable('travel_documents').set({ removed_at: new Date() }).where('id', '=', id).executeTakeFirst()).numUpdatedRows);
    expect(n).toBe(0n);
    const res = await call(env, maOfficer, 'POST', `/api/documents/${id}/close`, { action: 'recovered' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toMatchObject({ state: 'recovered', abilities: { close: false } });
    expect((await call(env, esOfficer, 'POST', '/api/documents/check', { number: 'AB1234567', issuingState: 'MAR', purpose: PURPOSE })).json().hit).toBe(false);
    // Recovered documents may be registered again when they go missing again.
    expect((await register(maOfficer, { number: 'AB1234567', lossType: 'lost' })).statusCode).toBe(201);
  });
});

describe('checking a machine-readable zone', () => {
  const holder = { state: 'MAR', number: 'TM7729104', surname: 'BENNANI', given: 'KARIM', birth: '800203' };

  beforeAll(async () => {
    expect((await register(maOfficer, { number: holder.number })).statusCode).toBe(201);
    // Spain's own watchlist names the holder: the zone's name and birth date are screened against it.
    const esAdmin = await signIn(env, await buildUser(env, es, { roles: ['agency-admin'] }));
    const res = await upload(env, esAdmin, '/api/watchlists?name=Local%20persons&scope=agency', 'id,name,birth_date,nationality\nw1,Karim Bennani,1980-02-03,MA\nw2,Omar Tazi,1971,MA\n', { contentType: 'text/csv' });
    expect(res.statusCode, res.body).toBe(202);
    expect((await waitJob(env, esAdmin, res.json().job.id)).state).toBe('succeeded');
  });

  it('a valid zone: parsed fields, every check digit, the stolen hit and the holder’s screening candidates', async () => {
    const res = await call(env, esOfficer, 'POST', '/api/documents/check-mrz', { mrz: td3(holder).join('\n'), purpose: PURPOSE });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.mrz).toMatchObject({ format: 'TD3', issuingState: 'MAR', documentNumber: 'TM7729104', birthDate: '1980-02-03', primaryIdentifier: 'BENNANI', secondaryIdentifier: 'KARIM', valid: true });
    expect(b.mrz.checks.map((c: { field: string; valid: boolean }) => [c.field, c.valid])).toEqual([['documentNumber', true], ['birthDate', true], ['expiryDate', true], ['personalNumber', true], ['composite', true]]);
    expect(b.document).toMatchObject({ hit: true, unreliable: false, matches: [{ lossType: 'stolen', agency: { id: ma.id } }] });
    expect(b.screening.candidates[0]).toMatchObject({ id: 'w1', name: 'Karim Bennani', alert: true });
    const audit = await env.db.unsafeOwner.selectFrom('audit_events').selectAll().where('action', '=', 'document.mrz_checked').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/BENNANI|Bennani|TM7729104/);
  });

  it('a bad check digit names the field, and the lookup still runs on the data as read, flagged unreliable', async () => {
    const [l1, l2] = td3(holder);
    const broken = `${l1}\n${l2!.slice(0, 19)}${(Number(l2![19]) + 1) % 10}${l2!.slice(20)}`;
    const b = (await call(env, esOfficer, 'POST', '/api/documents/check-mrz', { mrz: broken.toLowerCase(), purpose: PURPOSE })).json();
    expect(b.mrz.valid).toBe(false);
    expect(b.mrz.checks.filter((c: { valid: boolean }) => !c.valid).map((c: { field: string }) => c.field)).toEqual(['birthDate', 'composite']);
    expect(b.document).toMatchObject({ hit: true, unreliable: true });
  });

  it('what is not a zone is refused, saying why', async () => {
    const res = await call(env, esOfficer, 'POST', '/api/documents/check-mrz', { mrz: 'P<MARBENNANI\n12345', purpose: PURPOSE });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ details: { field: 'mrz', code: 'length' } });
    expect(res.json().error.message).toMatch(/3 lines of 30/);
  });
});

describe('registering from a CSV', () => {
  it('runs as a job with progress and counts what was already registered', async () => {
    const csv = 'number,issuing_state,type,loss_type,date\nCSV000001,MAR,passport,stolen,2026-01-02\nCSV000002,,id-card,lost,2026-01-03\nTM7729104,MAR,passport,stolen,2026-01-04\n';
    const res = await upload(env, maOfficer, '/api/documents/import', csv, { contentType: 'text/csv' });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitJob(env, maOfficer, res.json().job.id);
    expect(job.state, job.error ?? '').toBe('succeeded');
    expect(job.result).toEqual({ rows: 3, registered: 2, alreadyRegistered: 1 });
    expect(job.progress).toEqual({ done: 3, total: 3 });
    expect((await call(env, esOfficer, 'POST', '/api/documents/check', { number: 'CSV000002', issuingState: 'MAR', purpose: PURPOSE })).json().matches[0]).toMatchObject({ type: 'id-card', lossType: 'lost' });
  });

  it('a file with bad lines is refused before anything is registered, naming each line and field', async () => {
    const csv = 'number,issuing_state,type,loss_type,date\nCSV100001,MAR,passport,stolen,2026-01-02\nCSV100002,ESP,passport,stolen,2026-01-02\nCSV100003,MAR,boat,stolen,2026-01-02\nCSV100001,MAR,passport,stolen,2026-01-02\n';
    const res = await upload(env, maOfficer, '/api/documents/import', csv, { contentType: 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([[3, 'issuingState'], [4, 'type'], [5, 'number']]);
    expect((await call(env, maOfficer, 'GET', '/api/documents?number=CSV1')).json().total).toBe(0);
    const noHeader = await upload(env, maOfficer, '/api/documents/import', 'CSV1,MAR\n', { contentType: 'text/csv' });
    expect(noHeader.json().error.message).toMatch(/must name the columns/);
  });
});

describe('attackers', () => {
  const routes: [('GET' | 'POST'), string, unknown][] = [
    ['GET', '/api/documents', undefined],
    ['POST', '/api/documents', { number: 'Z1', type: 'passport', lossType: 'stolen', lossDate: '2026-01-01' }],
    ['POST', '/api/documents/00000000-0000-4000-8000-000000000000/close', { action: 'removed' }],
    ['POST', '/api/documents/check', { number: 'Z1', issuingState: 'MAR', purpose: PURPOSE }],
    ['POST', '/api/documents/check-mrz', { mrz: 'x', purpose: PURPOSE }],
  ];

  it.each(routes)('%s %s: unauthenticated → 401', async (method, url, body) => {
    expect((await call(env, null, method, url, body)).statusCode).toBe(401);
  });

  it.each(routes.filter((r) => r[0] === 'POST'))('%s %s: without the CSRF header → 403', async (method, url, body) => {
    expect((await call(env, maOfficer, method, url, body, { csrf: false })).statusCode).toBe(403);
  });

  it('the upload: unauthenticated 401, without CSRF 403, wrong role 404', async () => {
    const csv = 'number,type,loss_type,date\nZ1,passport,stolen,2026-01-01\n';
    expect((await upload(env, null, '/api/documents/import', csv)).statusCode).toBe(401);
    expect((await upload(env, maOfficer, '/api/documents/import', csv, { csrf: false })).statusCode).toBe(403);
    expect((await upload(env, maDpo, '/api/documents/import', csv)).statusCode).toBe(404);
    expect((await upload(env, maAdmin, '/api/documents/import', csv)).statusCode).toBe(404);
  });

  it('wrong roles get 404: a data-protection officer and an administrator neither register, list, close nor check', async () => {
    const own = (await call(env, maOfficer, 'GET', '/api/documents')).json().documents[0].id as string;
    for (const as of [maDpo, maAdmin]) {
      expect((await register(as, { number: 'Z9' })).statusCode).toBe(404);
      expect((await call(env, as, 'GET', '/api/documents')).statusCode).toBe(404);
      expect((await call(env, as, 'POST', `/api/documents/${own}/close`, { action: 'removed' })).statusCode).toBe(404);
      expect((await call(env, as, 'POST', '/api/documents/check', { number: 'Z1', issuingState: 'MAR', purpose: PURPOSE })).statusCode).toBe(404);
      expect((await call(env, as, 'POST', '/api/documents/check-mrz', { mrz: td3(holderOf()).join('\n'), purpose: PURPOSE })).statusCode).toBe(404);
    }
    // A supervisor registers but does not screen.
    expect((await call(env, maSupervisor, 'POST', '/api/documents/check', { number: 'Z1', issuingState: 'MAR', purpose: PURPOSE })).statusCode).toBe(404);
  });

  it('an unknown id and another agency’s id answer the same 404', async () => {
    const own = (await call(env, maOfficer, 'GET', '/api/documents')).json().documents[0].id as string;
    const a = await call(env, esOfficer, 'POST', `/api/documents/${own}/close`, { action: 'removed' });
    const b = await call(env, esOfficer, 'POST', '/api/documents/00000000-0000-4000-8000-000000000000/close', { action: 'removed' });
    expect([a.statusCode, b.statusCode]).toEqual([404, 404]);
    expect(a.json()).toEqual(b.json());
    void maOfficerActor;
  });
});

function holderOf() {
  return { state: 'MAR', number: 'Q1', surname: 'X', given: 'Y', birth: '800101' };
}
