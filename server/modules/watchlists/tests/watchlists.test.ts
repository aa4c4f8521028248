import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type Session } from '../../../test/harness';
import { liveIndexFor, stx } from '..';
import { unSample, upload, waitJob } from './fixtures';

// A small upload limit, so that "over the limit" needs no large file (read when the app is built).
process.env.TANSIQ_UPLOAD_LIMIT_MB = '0.25';

let env: TestEnv;
let agency: BuiltAgency;
let admin: Session;
let officer: Session;
let platform: Session;

const CSV_V1 = 'id,name,birth_date,nationality\nw1,Karim Benali,1980-02-03,DZ\nw2,Yusuf Haddad,1975,MA\nw3,Omar Tazi,,MA\n';
const CSV_V2 = 'id,name,birth_date,nationality\nw1,Karim Benali,1980-02-03,DZ\nw2,Youssef Haddad,1975,MA\nw4,Samir Ouali,1990,TN\n';

beforeAll(async () => {
  env = await createTestEnv();
  agency = await buildAgency(env);
  admin = await signIn(env, await buildUser(env, agency, { roles: ['agency-admin'] }));
  officer = await signIn(env, await buildUser(env, agency, { roles: ['officer'] }));
  const plat = await buildAgency(env, { type: 'platform' });
  platform = await signIn(env, await buildUser(env, plat, { roles: ['platform-admin'] }));
});
afterAll(async () => env?.close());

async function importCsv(as: Session, name: string, body: string | Buffer, scope = 'agency') {
  const res = await upload(env, as, `/api/watchlists?name=${encodeURIComponent(name)}&scope=${scope}`, body, { contentType: 'text/csv' });
  expect(res.statusCode, res.body).toBe(202);
  return waitJob(env, as, res.json().job.id);
}

describe('watchlist import', () => {
  let listId: string;

  it('an agency administrator imports a CSV list as a job; a second file becomes version 2 with what changed', async () => {
    const v1 = await importCsv(admin, 'Local persons of interest', CSV_V1);
    expect(v1.state).toBe('succeeded');
    expect(v1.result).toMatchObject({ version: 1, format: 'csv', entries: 3, added: 3, removed: 0, changed: 0 });
    listId = v1.result!.watchlistId as string;

    const v2 = await importCsv(admin, 'Local persons of interest', CSV_V2);
    expect(v2.result).toMatchObject({ watchlistId: listId, version: 2, entries: 3, added: 1, removed: 1, changed: 1 });

    const res = await call(env, admin, 'GET', `/api/watchlists/${listId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().watchlist).toMatchObject({ name: 'Local persons of interest', scope: 'agency', currentVersion: 2, entries: 3, abilities: { import: true, update: true } });
    expect(res.json().versions.map((v: { version: number; added: number; removed: number; changed: number }) => [v.version, v.added, v.removed, v.changed])).toEqual([[2, 1, 1, 1], [1, 3, 0, 0]]);
    // The upload was deleted once its entries were in the list.
    expect(await stx(env.db.unsafeOwner).selectFrom('job_inputs').select('job_id').execute()).toEqual([]);
  });

  it('the live index follows the new version without a rebuild, and keeps the list to its agency', async () => {
    const li = liveIndexFor(env.db, env.config.dataDir);
    await li.current(0);
    expect(li.versions().get(listId)).toBe(2);
    const idx = li.index;
    expect(idx.has(`${listId}:w3`)).toBe(false);
    expect(idx.has(`${listId}:w4`)).toBe(true);
    expect(idx.get(`${listId}:w2`)?.name).toBe('Youssef Haddad');
    expect(idx.get(`${listId}:w4`)?.access).toEqual({ agencies: [agency.id] });
  });

  it('the snapshot restores the index, which then applies only what changed', async () => {
    const li = liveIndexFor(env.db, env.config.dataDir);
    await li.saveSnapshot();
    const { LiveIndex } = await import('../live-index');
    const { join } = await import('node:path');
    const restored = new LiveIndex(env.db, join(env.config.dataDir, 'screening-index.snapshot'));
    await restored.start();
    expect(restored.versions().get(listId)).toBe(2);
    expect(restored.index.size).toBe(li.index.size);
    await restored.stop();
  });

  it('the platform administrator imports a global list (multipart upload); officers see it, cannot import', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(unSample(['IQi.001', 'CDi.001']))]), 'un.xml');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const body = Buffer.from(await req.arrayBuffer());
    const res = await upload(env, platform, '/api/watchlists?name=UN%20Security%20Council&scope=global', body, { contentType: req.headers.get('content-type')! });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitJob(env, platform, res.json().job.id);
    expect(job.result).toMatchObject({ format: 'un-xml', entries: 2, added: 2 });
    const lists = (await call(env, officer, 'GET', '/api/watchlists')).json();
    expect(lists.watchlists.map((w: { name: string }) => w.name).sort()).toEqual(['Local persons of interest', 'UN Security Council']);
    expect(lists.abilities).toEqual({ importGlobal: false, importAgency: false });
    expect(lists.watchlists.every((w: { abilities: { import: boolean } }) => !w.abilities.import)).toBe(true);
  });

  it('an administrator sets the list’s alert threshold', async () => {
    const res = await call(env, admin, 'PATCH', `/api/watchlists/${listId}`, { alertThreshold: 0.9 });
    expect(res.statusCode).toBe(200);
    expect(res.json().watchlist.alertThreshold).toBeCloseTo(0.9);
    expect((await call(env, admin, 'PATCH', `/api/watchlists/${listId}`, { alertThreshold: 1.5 })).statusCode).toBe(400);
  });
});

describe('watchlist import: bad input, a clear error and nothing half-loaded', () => {
  const count = async () => (await stx(env.db.unsafeOwner).selectFrom('watchlists').select('id').execute()).length;

  it('an empty file: 400', async () => {
    const before = await count();
    const res = await upload(env, admin, '/api/watchlists?name=Empty', '');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/empty/i);
    expect(await count()).toBe(before);
  });

  it('a file that is not UTF-8: 400 naming the line', async () => {
    const res = await upload(env, admin, '/api/watchlists?name=Latin1', Buffer.concat([Buffer.from('id,name\n1,Ok\n2,'), Buffer.from([0xc9, 0x6c, 0xe9, 0x6e, 0x61]), Buffer.from('\n')]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/line 3.*UTF-8/);
  });

  it('an unknown format, and a CSV without a name column: 400', async () => {
    const a = await upload(env, admin, '/api/watchlists?name=Unknown', 'hello world\nthis is not a list\n');
    expect(a.statusCode).toBe(400);
    expect(a.json().error.message).toMatch(/unrecognised format/);
    const b = await upload(env, admin, '/api/watchlists?name=NoName', 'full_name,birth_date\nKarim,1980\n');
    expect(b.statusCode).toBe(400);
    expect(b.json().error.message).toMatch(/name/);
  });

  it('a file over the upload limit: 413 with the limit', async () => {
    const res = await upload(env, admin, '/api/watchlists?name=Huge', Buffer.alloc(300 * 1024, 'a'));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large' });
    expect(res.json().error.message).toMatch(/limit of 0 MB|limit/);
  });

  it('a malformed row deep in the file fails the job naming the line; nothing is loaded', async () => {
    const before = await count();
    const job = await importCsv(admin, 'Broken', 'id,name,birth_date\na,Alpha One,1970\nb,,1971\n');
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/line 3: empty name/);
    const res = await upload(env, admin, '/api/watchlists?name=BrokenXml', '<?xml version="1.0"?>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUALS>');
    const x = await waitJob(env, admin, res.json().job.id);
    expect(x.state).toBe('failed');
    expect(x.error).toMatch(/nothing was loaded/);
    expect(await count()).toBe(before);
    const entries = await stx(env.db.unsafeOwner).selectFrom('watchlist_entries').select('source_id').where('source_id', 'in', ['a', 'b']).execute();
    expect(entries).toEqual([]);
  });

  it('a query without a name: 400', async () => {
    expect((await upload(env, admin, '/api/watchlists?scope=agency', CSV_V1)).statusCode).toBe(400);
  });
});

describe('watchlists: attackers', () => {
  let listId: string;
  let other: Session;
  beforeAll(async () => {
    listId = (await stx(env.db.unsafeOwner).selectFrom('watchlists').select('id').where('scope', '=', 'agency').executeTakeFirstOrThrow()).id;
    const b = await buildAgency(env);
    other = await signIn(env, await buildUser(env, b, { roles: ['agency-admin'] }));
  });

  it('unauthenticated: 401 on every route', async () => {
    expect((await call(env, null, 'GET', '/api/watchlists')).statusCode).toBe(401);
    expect((await call(env, null, 'GET', `/api/watchlists/${listId}`)).statusCode).toBe(401);
    expect((await call(env, null, 'PATCH', `/api/watchlists/${listId}`, { alertThreshold: 0.5 })).statusCode).toBe(401);
    expect((await upload(env, null, '/api/watchlists?name=X', CSV_V1)).statusCode).toBe(401);
    expect((await upload(env, null, `/api/watchlists/${listId}/versions`, CSV_V1)).statusCode).toBe(401);
  });

  it('another agency’s administrator: 404, and the list is not in their listing', async () => {
    expect((await call(env, other, 'GET', `/api/watchlists/${listId}`)).statusCode).toBe(404);
    expect((await call(env, other, 'PATCH', `/api/watchlists/${listId}`, { alertThreshold: 0.5 })).statusCode).toBe(404);
    expect((await upload(env, other, `/api/watchlists/${listId}/versions`, CSV_V1)).statusCode).toBe(404);
    const names = (await call(env, other, 'GET', '/api/watchlists')).json().watchlists.map((w: { id: string }) => w.id);
    expect(names).not.toContain(listId);
  });

  it('wrong role: an officer cannot import or change; an agency administrator cannot import a global list: 404', async () => {
    expect((await upload(env, officer, '/api/watchlists?name=Mine', CSV_V1)).statusCode).toBe(404);
    expect((await upload(env, officer, `/api/watchlists/${listId}/versions`, CSV_V1)).statusCode).toBe(404);
    expect((await call(env, officer, 'PATCH', `/api/watchlists/${listId}`, { alertThreshold: 0.5 })).statusCode).toBe(404);
    expect((await upload(env, admin, '/api/watchlists?name=Fake%20UN&scope=global', CSV_V1)).statusCode).toBe(404);
    expect((await upload(env, platform, '/api/watchlists?name=Agency&scope=agency', CSV_V1)).statusCode).toBe(404);
  });

  it('missing CSRF token: 403', async () => {
    expect((await upload(env, admin, '/api/watchlists?name=X', CSV_V1, { csrf: false })).statusCode).toBe(403);
    expect((await upload(env, admin, `/api/watchlists/${listId}/versions`, CSV_V1, { csrf: false })).statusCode).toBe(403);
    expect((await call(env, admin, 'PATCH', `/api/watchlists/${listId}`, { alertThreshold: 0.5 }, { csrf: false })).statusCode).toBe(403);
  });
});
