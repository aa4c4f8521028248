import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../../demo/png';
import { rewrapUnderCurrentKey } from '../../../cli/keys';
import { loadMasterKey, pruneMasterKeyFile, rotateMasterKeyFile } from '../../../platform/crypto';
import { withActor } from '../../../platform/db';
import { buildUser, call, createTestEnv, signIn, type Session, type TestEnv } from '../../../test/harness';
import { buildNoticeWorld, RED_NOTICE, type NoticeWorld } from './world';
import { purgeInterruptedPhotos } from '..';

let env: TestEnv;
let w: NoticeWorld;
const LIMIT = 700 * 1024;

beforeAll(async () => {
  env = await createTestEnv({ maxPhotoBytes: LIMIT });
  w = await buildNoticeWorld(env);
});
afterAll(async () => env?.close());

/** A small synthetic picture: a gradient, nobody's face. */
const png = (size = 48) => encodePng(size, size, (x, y) => [x * 4 % 256, y * 4 % 256, 128]);
/** Bytes that start like a JPEG (file-type judges the first bytes), padded to the wanted size. */
const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), randomBytes(bytes - 12)]);

function multipart(filename: string, data: Buffer, type = 'image/jpeg') {
  const boundary = `----tansiq${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
function putPhoto(as: Session | null, noticeId: string, filename: string, data: Buffer, o: { csrf?: boolean } = {}) {
  const m = multipart(filename, data);
  const headers: Record<string, string> = { 'content-type': m.contentType };
  if (as) {
    headers.cookie = as.cookie;
    if (o.csrf !== false) headers['x-csrf-token'] = as.csrf;
  }
  return env.app.inject({ method: 'PUT', url: `/api/notices/${noticeId}/photo`, headers, payload: m.payload });
}
const getPhoto = (as: Session | null, noticeId: string) => call(env, as, 'GET', `/api/notices/${noticeId}/photo`);

async function draft(as: Session, body: Record<string, unknown> = RED_NOTICE): Promise<string> {
  const res = await call(env, as, 'POST', '/api/notices', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().notice.id as string;
}
const step = (as: Session, id: string, action: string) => call(env, as, 'POST', `/api/notices/${id}/${action}`, {});
async function withPhoto(body: Record<string, unknown> = RED_NOTICE, data = png()): Promise<string> {
  const id = await draft(w.esLiaison.s, body);
  const res = await putPhoto(w.esLiaison.s, id, 'portrait.png', data);
  expect(res.statusCode, res.body).toBe(200);
  return id;
}
async function send(id: string, publish: boolean): Promise<void> {
  expect((await step(w.esLiaison.s, id, 'submit')).statusCode).toBe(200);
  expect((await step(w.esSupervisor.s, id, 'approve')).statusCode).toBe(200);
  if (publish) expect((await step(w.reviewer.s, id, 'publish')).statusCode).toBe(200);
}
const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(env.db.unsafeOwner)).rows[0]!.n);
const auditOf = async (noticeId: string, action: string) =>
  (await sql<{ actor_agency_id: string; subject_agency_id: string | null; details: Record<string, unknown> }>`SELECT actor_agency_id::text, subject_agency_id::text, details FROM audit_events WHERE object_id = ${noticeId} AND action = ${action} ORDER BY seq`.execute(env.db.unsafeOwner)).rows;

describe('the photo of a notice’s subject', () => {
  it('is attached by the requesting NCB, stored only as ciphertext, and given back byte for byte, inline, audited', async () => {
    const data = png();
    const id = await draft(w.esLiaison.s);
    const before = (await call(env, w.esLiaison.s, 'GET', `/api/notices/${id}`)).json().notice;
    expect(before).toMatchObject({ photo: null, abilities: { changePhoto: true } });

    const up = await putPhoto(w.esLiaison.s, id, 'portrait.png', data);
    expect(up.statusCode, up.body).toBe(200);
    const photo = up.json().notice.photo;
    expect(photo).toEqual({ id: expect.any(String), contentType: 'image/png', size: data.length });

    const stored = (await sql<{ data: Buffer }>`SELECT data FROM notice_photo_chunks WHERE photo_id = ${photo.id}`.execute(env.db.unsafeOwner)).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data.equals(data)).toBe(false);
    expect(stored[0]!.data.includes(Buffer.from('IHDR'))).toBe(false);
    expect(stored[0]!.data.includes(data.subarray(0, 8))).toBe(false);

    const res = await getPhoto(w.esLiaison.s, id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="notice-photo\.png"/);

    expect(await auditOf(id, 'notice.photo.added')).toEqual([expect.objectContaining({ actor_agency_id: w.es.id, details: expect.objectContaining({ photoId: photo.id, size: data.length, mediaType: 'image/png' }) })]);
    expect(await auditOf(id, 'notice.photo.viewed')).toHaveLength(1);
    await getPhoto(w.esLiaison.s, id);
    expect(await auditOf(id, 'notice.photo.viewed')).toHaveLength(2);

    // The gallery says there is one, for a thumbnail.
    const list = (await call(env, w.esLiaison.s, 'GET', '/api/notices?scope=mine&limit=200')).json();
    expect(list.notices.find((n: { id: string }) => n.id === id).photo).toEqual(photo);
  });

  it('is replaced (the old one deleted with its chunks) and removed while the notice may change, by anyone at the NCB desk', async () => {
    const id = await withPhoto();
    const first = (await call(env, w.esLiaison.s, 'GET', `/api/notices/${id}`)).json().notice.photo.id as string;
    const colleague = await signIn(env, await buildUser(env, w.es, { roles: ['liaison'] }));
    // A photo of several chunks (over 512 KiB) round-trips too.
    const big = jpeg(600 * 1024);
    const re = await putPhoto(colleague, id, 'new.jpg', big);
    expect(re.statusCode, re.body).toBe(200);
    const second = re.json().notice.photo;
    expect(second).toMatchObject({ contentType: 'image/jpeg', size: big.length });
    expect(second.id).not.toBe(first);
    expect(await count(sql`SELECT count(*) AS n FROM notice_photos WHERE notice_id = ${id}`)).toBe(1);
    expect(await count(sql`SELECT count(*) AS n FROM notice_photo_chunks WHERE photo_id = ${first}`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM notice_photo_chunks WHERE photo_id = ${second.id}`)).toBe(2);
    expect((await getPhoto(w.esLiaison.s, id)).rawPayload.equals(big)).toBe(true);
    expect(await auditOf(id, 'notice.photo.replaced')).toEqual([expect.objectContaining({ details: expect.objectContaining({ photoId: second.id, replacedPhotoId: first }) })]);

    expect((await call(env, w.esLiaison.s, 'DELETE', `/api/notices/${id}/photo`, undefined, { csrf: false })).statusCode).toBe(403);
    const del = await call(env, w.esLiaison.s, 'DELETE', `/api/notices/${id}/photo`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().notice.photo).toBeNull();
    expect(await count(sql`SELECT count(*) AS n FROM notice_photos WHERE notice_id = ${id}`)).toBe(0);
    expect((await getPhoto(w.esLiaison.s, id)).statusCode).toBe(404);
    expect((await call(env, w.esLiaison.s, 'DELETE', `/api/notices/${id}/photo`)).statusCode).toBe(404);
    expect(await auditOf(id, 'notice.photo.removed')).toHaveLength(1);
  });

  it('no longer changes once the request left the desk; a published notice’s photo is seen by every reader, audited for the owner', async () => {
    const id = await withPhoto();
    await send(id, false);
    const n = (await call(env, w.esLiaison.s, 'GET', `/api/notices/${id}`)).json().notice;
    expect(n.abilities.changePhoto).toBe(false);
    expect((await putPhoto(w.esLiaison.s, id, 'late.png', png())).statusCode).toBe(400);
    expect((await call(env, w.esLiaison.s, 'DELETE', `/api/notices/${id}/photo`)).statusCode).toBe(400);
    // Requested, not yet published: Morocco does not see it, the General Secretariat does.
    expect((await getPhoto(w.maOfficer.s, id)).statusCode).toBe(404);
    expect((await getPhoto(w.reviewer.s, id)).statusCode).toBe(200);
    expect((await step(w.reviewer.s, id, 'publish')).statusCode).toBe(200);
    const res = await getPhoto(w.maOfficer.s, id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(png())).toBe(true);
    const views = await auditOf(id, 'notice.photo.viewed');
    expect(views.at(-1)).toMatchObject({ actor_agency_id: w.ma.id, subject_agency_id: w.es.id });
    // Those who do not read notices (an agency administrator) get nothing.
    expect((await getPhoto(w.esAdmin.s, id)).statusCode).toBe(404);
  });

  it('another agency can neither attach, replace, remove nor see a draft’s photo: 404 as for the notice', async () => {
    const id = await withPhoto();
    for (const who of [w.deLiaison.s, w.maOfficer.s, w.reviewer.s]) {
      expect((await putPhoto(who, id, 'x.png', png())).statusCode).toBe(404);
      expect((await call(env, who, 'DELETE', `/api/notices/${id}/photo`)).statusCode).toBe(404);
      expect((await getPhoto(who, id)).statusCode).toBe(404);
    }
    expect(await count(sql`SELECT count(*) AS n FROM notice_photos WHERE notice_id = ${id}`)).toBe(1);
  });

  it('a diffusion’s photo is seen by its addressees only', async () => {
    const id = await withPhoto({ ...RED_NOTICE, colour: 'blue', kind: 'diffusion', addresseeAgencyIds: [w.ma.id] });
    await send(id, false);
    expect((await getPhoto(w.maOfficer.s, id)).statusCode).toBe(200);
    expect((await getPhoto(w.deOfficer.s, id)).statusCode).toBe(404);
    expect((await getPhoto(w.rogueReviewer.s, id)).statusCode).toBe(404);
  });

  it('answers 401 without a session and 403 without the CSRF token', async () => {
    const id = await draft(w.esLiaison.s);
    expect((await getPhoto(null, id)).statusCode).toBe(401);
    expect((await putPhoto(null, id, 'p.png', png())).statusCode).toBe(401);
    expect((await call(env, null, 'DELETE', `/api/notices/${id}/photo`)).statusCode).toBe(401);
    expect((await putPhoto(w.esLiaison.s, id, 'p.png', png(), { csrf: false })).statusCode).toBe(403);
  });

  it('refuses what is not a JPEG, PNG or WebP image, whatever its name, and keeps nothing of it', async () => {
    const id = await draft(w.esLiaison.s);
    const before = await count(sql`SELECT count(*) AS n FROM notice_photos`);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), randomBytes(400)]);
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), randomBytes(100)]);
    for (const [name, data] of [['photo.exe', exe], ['photo.jpg', exe], ['photo.jpg', Buffer.from('Not a picture: plain text renamed .jpg\n')], ['photo.gif', gif]] as const) {
      const res = await putPhoto(w.esLiaison.s, id, name, data);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
      expect(res.json().error.code).toBe('photo_type_refused');
      expect(res.json().error.message).toMatch(/JPEG, PNG or WebP/);
    }
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(200)]);
    const ok = await putPhoto(w.esLiaison.s, id, 'p.webp', webp);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().notice.photo.contentType).toBe('image/webp');
    expect(await count(sql`SELECT count(*) AS n FROM notice_photos`)).toBe(before + 1);
  });

  it('refuses a photo over the size limit with the limit in the message, keeping the photo it had', async () => {
    const id = await withPhoto();
    const chunksBefore = await count(sql`SELECT count(*) AS n FROM notice_photo_chunks`);
    const res = await putPhoto(w.esLiaison.s, id, 'huge.jpg', jpeg(LIMIT + 10));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(res.json().error.message).toMatch(/0\.7 MB limit/);
    expect(await count(sql`SELECT count(*) AS n FROM notice_photo_chunks`)).toBe(chunksBefore);
    expect(await count(sql`SELECT count(*) AS n FROM notice_photos WHERE notice_id = ${id}`)).toBe(1);
    expect((await getPhoto(w.esLiaison.s, id)).rawPayload.equals(png())).toBe(true);
  });

  it('row-level security hides another agency’s draft photo even from a direct query', async () => {
    const id = await withPhoto();
    const photoId = (await sql<{ id: string }>`SELECT id::text FROM notice_photos WHERE notice_id = ${id}`.execute(env.db.unsafeOwner)).rows[0]!.id;
    const look = (userId: string, agencyId: string, deskId: string) => withActor(env.db, { userId, agencyId, roles: ['liaison'], deskIds: [deskId] }, null, async (ctx) => ({
      photos: (await sql<{ n: string }>`SELECT count(*) AS n FROM notice_photos WHERE notice_id = ${id}`.execute(ctx.tx)).rows[0]!.n,
      chunks: (await sql<{ n: string }>`SELECT count(*) AS n FROM notice_photo_chunks WHERE photo_id = ${photoId}`.execute(ctx.tx)).rows[0]!.n,
    }));
    expect(await look(w.deLiaison.id, w.de.id, w.de.deskId)).toEqual({ photos: '0', chunks: '0' });
    expect(await look(w.esLiaison.id, w.es.id, w.es.deskId)).toEqual({ photos: '1', chunks: '1' });
  });

  it('stays viewable through master key rotation: its data key is rewrapped, then the old key pruned', async () => {
    const id = await withPhoto();
    const oldId = env.deps.masterKey.id;
    const newId = rotateMasterKeyFile(env.config.masterKeyFile);
    env.deps.masterKey = loadMasterKey(env.config.masterKeyFile, false);
    expect((await rewrapUnderCurrentKey(env.db, env.deps.masterKey)).attachments).toBeGreaterThanOrEqual(1);
    expect((await sql<{ key_id: string }>`SELECT DISTINCT key_id FROM notice_photos`.execute(env.db.unsafeOwner)).rows.map((r) => r.key_id)).toEqual([newId]);
    expect(pruneMasterKeyFile(env.config.masterKeyFile)).toEqual([oldId]);
    env.deps.masterKey = loadMasterKey(env.config.masterKeyFile, false);
    expect((await getPhoto(w.esLiaison.s, id)).rawPayload.equals(png())).toBe(true);
  });
});

describe('clean-up of interrupted photo uploads', () => {
  it('deletes a photo upload still unfinished after an hour, keeps ready photos and recent uploads, audits counts', async () => {
    const ready = await withPhoto();
    const cut = await withPhoto();
    const recent = await withPhoto();
    // As if the server had stopped in the middle of these two uploads.
    await sql`UPDATE notice_photos SET status = 'uploading' WHERE notice_id IN (${cut}, ${recent})`.execute(env.db.unsafeOwner);
    await sql`UPDATE notice_photos SET created_at = now() - interval '2 hours' WHERE notice_id IN (${ready}, ${cut})`.execute(env.db.unsafeOwner);
    await sql`UPDATE notice_photos SET created_at = now() - interval '10 minutes' WHERE notice_id = ${recent}`.execute(env.db.unsafeOwner);
    expect(await purgeInterruptedPhotos(env.db)).toBe(1);
    const left = (await sql<{ notice_id: string; status: string }>`SELECT notice_id::text, status FROM notice_photos WHERE notice_id IN (${ready}, ${cut}, ${recent})`.execute(env.db.unsafeOwner)).rows;
    expect(new Set(left.map((r) => r.notice_id))).toEqual(new Set([ready, recent]));
    expect(await count(sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE action = 'notice.photo.purged'`)).toBe(1);
    expect(await purgeInterruptedPhotos(env.db)).toBe(0);
  });
});
