import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type Session } from '../../../test/harness';
import { unSample, upload, waitJob } from '../../watchlists/tests/fixtures';

let env: TestEnv;
let a: BuiltAgency;
let b: BuiltAgency;
let adminA: Session;
let officerA: Session;
let officerB: Session;
let adminB: Session;
let platform: Session;

const PURPOSE = 'Border check, flight AT 501';
const SECRET_NAME = 'Zakariya Benmoussa Ouazzani';

async function importAs(as: Session, name: string, body: Buffer | string, scope = 'agency') {
  const res = await upload(env, as, `/api/watchlists?name=${encodeURIComponent(name)}&scope=${scope}`, body);
  expect(res.statusCode, res.body).toBe(202);
  const job = await waitJob(env, as, res.json().job.id);
  expect(job.state, job.error ?? '').toBe('succeeded');
  return job.result!.watchlistId as string;
}

let unId: string;
let localId: string;

beforeAll(async () => {
  env = await createTestEnv();
  a = await buildAgency(env);
  b = await buildAgency(env);
  adminA = await signIn(env, await buildUser(env, a, { roles: ['agency-admin'] }));
  officerA = await signIn(env, await buildUser(env, a, { roles: ['officer'] }));
  officerB = await signIn(env, await buildUser(env, b, { roles: ['liaison'] }));
  adminB = await signIn(env, await buildUser(env, b, { roles: ['agency-admin'] }));
  const plat = await buildAgency(env, { type: 'platform' });
  platform = await signIn(env, await buildUser(env, plat, { roles: ['platform-admin'] }));
  // The UN entries without their Arabic names: an Arabic query finds them by transliteration only.
  unId = await importAs(platform, 'UN Security Council', unSample(['IQi.001', 'CDi.001', 'QDi.001'], { dropOriginalScript: true }), 'global');
  localId = await importAs(adminA, 'DGSN local', `id,name,birth_date\nloc-1,${SECRET_NAME},1984\n`);
});
afterAll(async () => env?.close());

const match = (as: Session | null, body: Record<string, unknown>, opts?: { csrf?: boolean }) => call(env, as, 'POST', '/api/screening/match', body, opts);

describe('screening one name', () => {
  it('an Arabic name finds the Latin entry with its explanation; the audit keeps the purpose, not the name', async () => {
    const res = await match(officerA, { name: 'صدام حسين التكريتي', purpose: PURPOSE });
    expect(res.statusCode, res.body).toBe(200);
    const top = res.json().candidates[0];
    expect(top).toMatchObject({ id: 'IQi.001', watchlist: { id: unId, name: 'UN Security Council' }, alert: true });
    expect(top.name).toMatch(/SADDAM/);
    expect(top.score).toBeGreaterThan(0.8);
    const codes = top.explanation.map((e: { code: string }) => e.code);
    expect(codes).toContain('name_compared');
    expect(codes).toContain('token_match');
    const events = await env.db.unsafeOwner.selectFrom('audit_events').selectAll().where('action', '=', 'screening.match').execute();
    expect(events.length).toBe(1);
    expect(events[0]!.purpose).toBe(PURPOSE);
    const stored = JSON.stringify(events[0]);
    expect(stored).not.toMatch(/صدام|SADDAM|Saddam/);
    expect(events[0]!.details).toMatchObject({ candidates: expect.any(Number), alerts: expect.any(Number) });
  });

  it('birth date and nationality qualify the score', async () => {
    const res = await match(officerA, { name: 'Saddam Hussein al-Tikriti', birthDate: '1937-04-28', nationality: 'IQ', purpose: PURPOSE });
    const top = res.json().candidates[0];
    expect(top.id).toBe('IQi.001');
    expect(top.explanation.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['birth_date_exact']));
  });

  it('an agency’s own list is never revealed to another agency, not even as hit/no-hit', async () => {
    const own = (await match(officerA, { name: SECRET_NAME, purpose: PURPOSE })).json();
    expect(own.candidates[0]).toMatchObject({ id: 'loc-1', watchlist: { id: localId }, score: 1 });
    const other = (await match(officerB, { name: SECRET_NAME, purpose: PURPOSE, top: 50 })).json();
    expect(other.candidates.some((c: { watchlist: { id: string } }) => c.watchlist.id === localId)).toBe(false);
    expect(JSON.stringify(other)).not.toContain('Benmoussa');
    expect(other.searched.watchlists).toBe(1);
  });

  it('the purpose is required, and the name too', async () => {
    const res = await match(officerA, { name: 'Saddam' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/purpose/);
    expect((await match(officerA, { name: '', purpose: PURPOSE })).statusCode).toBe(400);
    expect((await match(officerA, { name: 'x', purpose: PURPOSE, birthDate: '28/04/1937' })).statusCode).toBe(400);
  });

  it('the alert threshold: the engine’s default, the agency’s own, and the list’s own first', async () => {
    const q = { name: 'Sadam Husein Tikriti', purpose: PURPOSE };
    const before = (await match(officerA, q)).json();
    const score = before.candidates[0].score as number;
    expect((await call(env, officerA, 'PATCH', '/api/screening/settings', { alertThreshold: 0.5 })).statusCode).toBe(404);
    const set = await call(env, adminA, 'PATCH', '/api/screening/settings', { alertThreshold: Math.min(1, score + 0.01) });
    expect(set.statusCode).toBe(200);
    expect(set.json().settings).toMatchObject({ defaultAlertThreshold: expect.any(Number), abilities: { update: true } });
    expect((await match(officerA, q)).json().candidates[0].alert).toBe(false);
    // Agency B keeps the default.
    expect((await match(officerB, q)).json().candidates[0].alert).toBe(before.candidates[0].alert);
    // The list's own threshold wins over the agency's.
    expect((await call(env, platform, 'PATCH', `/api/watchlists/${unId}`, { alertThreshold: 0.3 })).statusCode).toBe(200);
    expect((await match(officerA, q)).json().candidates[0].alert).toBe(true);
    await call(env, platform, 'PATCH', `/api/watchlists/${unId}`, { alertThreshold: null });
    await call(env, adminA, 'PATCH', '/api/screening/settings', { alertThreshold: null });
    expect((await call(env, officerA, 'GET', '/api/screening/settings')).json().settings.alertThreshold).toBeNull();
  });

  it('attackers: 401 unauthenticated, 404 without the screening role, 403 without CSRF', async () => {
    expect((await match(null, { name: 'x', purpose: PURPOSE })).statusCode).toBe(401);
    expect((await match(adminA, { name: 'x', purpose: PURPOSE })).statusCode).toBe(404);
    expect((await match(platform, { name: 'x', purpose: PURPOSE })).statusCode).toBe(404);
    expect((await match(officerA, { name: 'x', purpose: PURPOSE }, { csrf: false })).statusCode).toBe(403);
    expect((await call(env, null, 'GET', '/api/screening/settings')).statusCode).toBe(401);
    expect((await call(env, null, 'PATCH', '/api/screening/settings', { alertThreshold: 0.5 })).statusCode).toBe(401);
    expect((await call(env, adminA, 'PATCH', '/api/screening/settings', { alertThreshold: 0.5 }, { csrf: false })).statusCode).toBe(403);
  });
});

describe('screening a list (batch)', () => {
  const LIST = `name,birth_date,nationality,seat\nصدام حسين التكريتي,,IQ,12A\nJohn Smith,1980-01-01,GB,12B\n${SECRET_NAME},1984,,12C\nEric Badege,,,14F\n`;
  let batchId: string;

  it('a CSV becomes a job; results come page by page, alerts first, with the extra columns kept', async () => {
    const res = await upload(env, officerA, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, LIST, { contentType: 'text/csv' });
    expect(res.statusCode, res.body).toBe(202);
    batchId = res.json().batch.id;
    const job = await waitJob(env, officerA, batchId);
    expect(job).toMatchObject({ state: 'succeeded', progress: { done: 4, total: 4 }, result: { rows: 4 } });
    const page1 = (await call(env, officerA, 'GET', `/api/screening/batches/${batchId}/results?pageSize=2`)).json();
    expect(page1.total).toBe(4);
    expect(page1.alerts).toBe(3);
    expect(page1.rows.length).toBe(2);
    expect(page1.rows.every((r: { alert: boolean }) => r.alert)).toBe(true);
    const page2 = (await call(env, officerA, 'GET', `/api/screening/batches/${batchId}/results?pageSize=2&page=2`)).json();
    expect(page2.rows.map((r: { alert: boolean }) => r.alert)).toEqual([true, false]);
    expect(page2.rows[1].query).toMatchObject({ name: 'John Smith', seat: '12B' });
    const all = [...page1.rows, ...page2.rows];
    expect(all.find((r: { row: number }) => r.row === 1).candidates[0].id).toBe('IQi.001');
    expect(all.find((r: { row: number }) => r.row === 3).candidates[0].id).toBe('loc-1');
  });

  it('downloads all results (JSON lines and CSV)', async () => {
    const jl = await call(env, officerA, 'GET', `/api/screening/batches/${batchId}/download?format=jsonl`);
    expect(jl.statusCode).toBe(200);
    expect(jl.body.trim().split('\n').length).toBe(4);
    const csv = await call(env, officerA, 'GET', `/api/screening/batches/${batchId}/download?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toMatch(/^row,name,alert/);
    const actions = (await env.db.unsafeOwner.selectFrom('audit_events').select(['action', 'purpose', 'details']).where('object_id', '=', batchId).execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['screening.batch_uploaded', 'screening.batch_screened', 'screening.batch_results_read', 'screening.batch_downloaded']));
  });

  it('another agency’s list of people is screened without its entries', async () => {
    const res = await upload(env, officerB, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, LIST);
    await waitJob(env, officerB, res.json().batch.id);
    const rows = (await call(env, officerB, 'GET', `/api/screening/batches/${res.json().batch.id}/results`)).json().rows;
    expect(JSON.stringify(rows.find((r: { row: number }) => r.row === 3).candidates)).not.toContain('loc-1');
  });

  it('bad lists: empty, wrong encoding, no name column, no purpose, over the limit', async () => {
    const url = `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`;
    expect((await upload(env, officerA, url, '')).statusCode).toBe(400);
    const latin = await upload(env, officerA, url, Buffer.concat([Buffer.from('name\n'), Buffer.from([0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65])]));
    expect(latin.statusCode).toBe(400);
    expect(latin.json().error.message).toMatch(/UTF-8/);
    const noName = await upload(env, officerA, url, 'full_name,birth_date\nJohn,1980\n');
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.message).toMatch(/no "name" column/);
    expect((await upload(env, officerA, '/api/screening/batches', 'name\nJohn\n')).statusCode).toBe(400);
    const badRow = await upload(env, officerA, url, 'name,birth_date\nJohn,1980\n,1981\n');
    const failed = await waitJob(env, officerA, badRow.json().batch.id);
    expect(failed).toMatchObject({ state: 'failed' });
    expect(failed.error).toMatch(/line 3/);
  });

  it('cancels a queued batch and deletes a finished one', async () => {
    // A job in the queue (the runner is busy or not there): cancelled at once.
    const res = await upload(env, officerA, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, 'name\nA\n');
    const id = res.json().batch.id;
    const c = await call(env, officerA, 'POST', `/api/screening/batches/${id}/cancel`);
    expect(c.statusCode).toBe(200);
    expect(['cancelled', 'succeeded']).toContain((await waitJob(env, officerA, id)).state);
    const d = await call(env, officerA, 'DELETE', `/api/screening/batches/${batchId}`);
    expect(d.statusCode).toBe(200);
    expect((await call(env, officerA, 'GET', `/api/screening/batches/${batchId}/results`)).json().total).toBe(0);
  });

  it('attackers: 401, another agency 404, a colleague or the administrator 404, no CSRF 403', async () => {
    const res = await upload(env, officerA, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, 'name\nSomeone\n');
    const id = res.json().batch.id;
    await waitJob(env, officerA, id);
    const colleague = await signIn(env, await buildUser(env, a, { roles: ['officer'] }));
    const routes: ['GET' | 'POST' | 'DELETE', string][] = [
      ['GET', `/api/screening/batches/${id}`], ['GET', `/api/screening/batches/${id}/results`], ['GET', `/api/screening/batches/${id}/download`],
      ['POST', `/api/screening/batches/${id}/cancel`], ['DELETE', `/api/screening/batches/${id}`],
    ];
    for (const [m, u] of routes) {
      expect((await call(env, null, m, u)).statusCode, `${m} ${u}`).toBe(401);
      expect((await call(env, officerB, m, u)).statusCode, `${m} ${u}`).toBe(404);
      expect((await call(env, adminB, m, u)).statusCode, `${m} ${u}`).toBe(404);
      expect((await call(env, colleague, m, u)).statusCode, `${m} ${u}`).toBe(404);
      expect((await call(env, adminA, m, u)).statusCode, `${m} ${u}`).toBe(404);
      if (m !== 'GET') expect((await call(env, officerA, m, u, undefined, { csrf: false })).statusCode, `${m} ${u}`).toBe(403);
    }
    expect((await upload(env, null, `/api/screening/batches?purpose=x1234`, 'name\nA\n')).statusCode).toBe(401);
    expect((await upload(env, adminA, `/api/screening/batches?purpose=x1234`, 'name\nA\n')).statusCode).toBe(404);
    expect((await upload(env, officerA, `/api/screening/batches?purpose=x1234`, 'name\nA\n', { csrf: false })).statusCode).toBe(403);
    expect((await call(env, officerB, 'GET', '/api/screening/batches')).json().batches.some((x: { id: string }) => x.id === id)).toBe(false);
  });
});
