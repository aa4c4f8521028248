import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, buildUser, signIn, call, TEST_DB, type TestEnv, type Session } from '../../../test/harness';
import { buildPartnership, buildWorld, sharedCase, type World } from '../../cases/tests/world';
import { purgeAbandonedUploads } from '../attachments/cleanup';

let env: TestEnv;
let w: World;
let caseId: string;
const LIMIT = 3 * 1024 * 1024;
beforeAll(async () => {
  env = await createTestEnv({ maxAttachmentBytes: LIMIT });
  w = await buildWorld(env);
  caseId = await sharedCase(env, w);
});
afterAll(async () => env?.close());

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(filename: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----tansiq${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
function upload(as: Session | null, filename: string, data: Buffer, o: { csrf?: boolean } = {}) {
  const m = multipart(filename, data);
  const headers: Record<string, string> = { 'content-type': m.contentType };
  if (as) {
    headers.cookie = as.cookie;
    if (o.csrf !== false) headers['x-csrf-token'] = as.csrf;
  }
  return env.app.inject({ method: 'POST', url: '/api/attachments', headers, payload: m.payload });
}
const pdf = (text: string, pad = 0) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${text}\n`), randomBytes(pad), Buffer.from('\n%%EOF\n')]);
const base = { subject: 'Passenger list of the go-fast', body: 'Attached: the list.', handlingCode: 'H0', tlp: 'GREEN', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal' };
const send = (as: Session, o: Record<string, unknown> = {}) => call(env, as, 'POST', `/api/cases/${caseId}/messages`, { ...base, recipients: [{ agencyId: w.es.id }], ...o });

async function sentWithFile(o: Record<string, unknown> = {}, data = pdf('Skipper: Y. B., born 1987')) {
  const up = await upload(w.maLiaison.s, 'liste passagers.pdf', data);
  expect(up.statusCode, up.body).toBe(201);
  const res = await send(w.maLiaison.s, { attachmentIds: [up.json().attachment.id], ...o });
  expect(res.statusCode, res.body).toBe(201);
  return { message: res.json().message as { id: string; attachments: { id: string }[] }, attachmentId: up.json().attachment.id as string, data };
}
const download = (as: Session | null, messageId: string, attachmentId: string) => call(env, as, 'GET', `/api/messages/${messageId}/attachments/${attachmentId}`);

describe('upload and download', () => {
  it('stores only ciphertext, detects the type from the content, and gives the file back to a recipient, audited', async () => {
    const { message, attachmentId, data } = await sentWithFile();
    expect(message.attachments).toEqual([{ id: attachmentId, filename: 'liste passagers.pdf', mediaType: 'application/pdf', size: data.length }]);
    const stored = (await sql<{ data: Buffer }>`SELECT data FROM attachment_chunks WHERE attachment_id = ${attachmentId}`.execute(env.db.unsafeOwner)).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data.includes(Buffer.from('Skipper'))).toBe(false);
    expect(stored[0]!.data.includes(Buffer.from('%PDF'))).toBe(false);

    const read = (await call(env, w.esOfficer.s, 'GET', `/api/messages/${message.id}`)).json().message;
    expect(read.attachments).toHaveLength(1);
    const res = await download(w.esOfficer.s, message.id, attachmentId);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="liste passagers.pdf"; filename*=UTF-8''liste%20passagers.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const audit = (await sql<{ actor_agency_id: string; subject_agency_id: string; details: Record<string, unknown> }>`SELECT actor_agency_id::text, subject_agency_id::text, details FROM audit_events WHERE action = 'attachment.downloaded' AND object_id = ${attachmentId}`.execute(env.db.unsafeOwner)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_agency_id: w.es.id, subject_agency_id: w.ma.id, details: { messageId: message.id } });
    expect(JSON.stringify(audit)).not.toContain('passagers');
  });

  it('a file of several chunks round-trips; a chunk altered in the database is detected, not served', async () => {
    const data = pdf('several chunks', 1_300_000);
    const { message, attachmentId } = await sentWithFile({}, data);
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM attachment_chunks WHERE attachment_id = ${attachmentId}`.execute(env.db.unsafeOwner)).rows[0]!.n)).toBe(3);
    expect((await download(w.esOfficer.s, message.id, attachmentId)).rawPayload.equals(data)).toBe(true);
    await sql`UPDATE attachment_chunks SET data = overlay(data placing '\\x00'::bytea from 40 for 1) WHERE attachment_id = ${attachmentId} AND idx = 1`.execute(env.db.unsafeOwner);
    const res = await download(w.esOfficer.s, message.id, attachmentId).catch((e: Error) => e);
    if (!(res instanceof Error)) expect(res.rawPayload.equals(data)).toBe(false);
    // A file cut short after a chunk boundary (last chunk deleted, count lowered) does not open either.
    const other = await sentWithFile({}, pdf('cut', 1_300_000));
    await sql`DELETE FROM attachment_chunks WHERE attachment_id = ${other.attachmentId} AND idx = 2`.execute(env.db.unsafeOwner);
    await sql`UPDATE attachments SET chunk_count = 2, size_bytes = ${2 * 512 * 1024} WHERE id = ${other.attachmentId}`.execute(env.db.unsafeOwner);
    const cut = await download(w.esOfficer.s, other.message.id, other.attachmentId).catch((e: Error) => e);
    if (!(cut instanceof Error)) expect(cut.rawPayload.length).toBeLessThan(2 * 512 * 1024);
  });

  it('refuses programs whatever their name, runnable names whatever their content, and unknown binaries; nothing is kept', async () => {
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM attachments`.execute(env.db.unsafeOwner)).rows[0]!.n);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), randomBytes(400)]);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(400)]);
    for (const [name, data] of [['invoice.pdf', exe], ['photo.jpg', elf], ['report.exe', pdf('x')], ['run.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')], ['blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 3, 0, 0xff]), randomBytes(300)])]] as const) {
      const res = await upload(w.maLiaison.s, name, data);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
      expect(res.json().error.code).toBe('attachment_type_refused');
    }
    expect((await upload(w.maLiaison.s, 'notes.txt', Buffer.from('Plain notes, UTF-8: طنجة – Algeciras'))).json().attachment.mediaType).toBe('text/plain');
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM attachments`.execute(env.db.unsafeOwner)).rows[0]!.n)).toBe(before + 1);
  });

  it('refuses a file over the size limit with the limit in the message, and keeps nothing of it', async () => {
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM attachment_chunks`.execute(env.db.unsafeOwner)).rows[0]!.n);
    const res = await upload(w.maLiaison.s, 'big.pdf', pdf('big', LIMIT + 10));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/3 MB limit/);
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM attachment_chunks`.execute(env.db.unsafeOwner)).rows[0]!.n)).toBe(before);
  });

  it('a sender attaches only their own finished uploads; another user can neither attach nor discard them', async () => {
    const up = (await upload(w.maLiaison.s, 'mine.pdf', pdf('mine'))).json().attachment.id as string;
    const colleague = await signIn(env, await buildUser(env, w.ma, { roles: ['liaison'] }));
    const res = await send(colleague, { attachmentIds: [up] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('attachmentIds');
    expect((await call(env, colleague, 'DELETE', `/api/attachments/${up}`)).statusCode).toBe(404);
    expect((await call(env, w.maLiaison.s, 'DELETE', `/api/attachments/${up}`, undefined, { csrf: false })).statusCode).toBe(403);
    expect((await call(env, w.maLiaison.s, 'DELETE', `/api/attachments/${up}`)).statusCode).toBe(204);
    // A file someone received cannot be re-sent as an upload (that would bypass the onward rules).
    const { attachmentId } = await sentWithFile();
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${caseId}/messages`, { ...base, recipients: [{ agencyId: w.ma.id }], attachmentIds: [attachmentId] })).statusCode).toBe(400);
    // And a carried file cannot be discarded.
    expect((await call(env, w.maLiaison.s, 'DELETE', `/api/attachments/${attachmentId}`)).statusCode).toBe(404);
  });
});

describe('as an attacker', () => {
  it('unauthenticated: 401 on every route; without the CSRF header: 403', async () => {
    const { message, attachmentId } = await sentWithFile();
    expect((await upload(null, 'a.pdf', pdf('a'))).statusCode).toBe(401);
    expect((await upload(w.maLiaison.s, 'a.pdf', pdf('a'), { csrf: false })).statusCode).toBe(403);
    expect((await download(null, message.id, attachmentId)).statusCode).toBe(401);
    expect((await call(env, null, 'DELETE', `/api/attachments/${attachmentId}`)).statusCode).toBe(401);
  });

  it('another agency, roles without case work, the platform administrator: 404 and no trace of the file', async () => {
    const { message, attachmentId } = await sentWithFile();
    for (const s of [w.deOfficer.s, w.deLiaison.s, w.esAdmin.s, w.maAdmin.s, w.maDpo.s, w.platformAdmin.s]) {
      const res = await download(s, message.id, attachmentId);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Skipper');
    }
    expect((await upload(w.maDpo.s, 'a.pdf', pdf('a'))).statusCode).toBe(404);
    expect((await upload(w.platformAdmin.s, 'a.pdf', pdf('a'))).statusCode).toBe(404);
  });

  it('the file only through a message that carries it: another visible message, or a pending upload of someone else, gives 404', async () => {
    const a = await sentWithFile();
    const b = (await send(w.maLiaison.s)).json().message;
    expect((await download(w.esOfficer.s, b.id, a.attachmentId)).statusCode).toBe(404);
    const pending = (await upload(w.maLiaison.s, 'pending.pdf', pdf('pending'))).json().attachment.id as string;
    expect((await download(w.esOfficer.s, b.id, pending)).statusCode).toBe(404);
    expect((await download(w.maLiaison.s, b.id, pending)).statusCode).toBe(404);
  });

  it('the database refuses what the application would not show: an outsider sees no attachment, link or chunk', async () => {
    const { attachmentId } = await sentWithFile();
    const { withActor } = await import('../../../platform/db');
    const seen = await withActor(env.db, { userId: w.deOfficer.user.id, agencyId: w.de.id, roles: ['officer'], deskIds: [w.de.deskId] }, null, async ({ tx }) => ({
      files: (await sql`SELECT id FROM attachments WHERE id = ${attachmentId}`.execute(tx)).rows,
      links: (await sql`SELECT message_id FROM message_attachments WHERE attachment_id = ${attachmentId}`.execute(tx)).rows,
      chunks: (await sql`SELECT idx FROM attachment_chunks WHERE attachment_id = ${attachmentId}`.execute(tx)).rows,
    }));
    expect(seen).toEqual({ files: [], links: [], chunks: [] });
  });

  it('TLP:RED: only the named reader gets the file; a colleague of the same desk gets 404', async () => {
    const esSup = await signIn(env, await buildUser(env, w.es, { roles: ['supervisor'] }));
    expect((await call(env, esSup, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [w.esOfficer.user.id] })).statusCode).toBe(200);
    const { message, attachmentId, data } = await sentWithFile({ tlp: 'RED', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }] });
    expect((await download(w.esOfficer.s, message.id, attachmentId)).rawPayload.equals(data)).toBe(true);
    expect((await download(w.esOfficer2.s, message.id, attachmentId)).statusCode).toBe(404);
    expect((await download(w.maOfficer.s, message.id, attachmentId)).statusCode).toBe(404);
  });

  it('H3: the file is hidden and refused until the reader acknowledges the restriction', async () => {
    const { message, attachmentId, data } = await sentWithFile({ handlingCode: 'H3', handlingText: 'Do not show to the harbour master.' });
    expect((await call(env, w.esOfficer2.s, 'GET', `/api/messages/${message.id}`)).json().message.attachments).toEqual([]);
    const refused = await download(w.esOfficer2.s, message.id, attachmentId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/Acknowledge the H3 restriction/);
    expect((await call(env, w.esOfficer2.s, 'POST', `/api/messages/${message.id}/acknowledge-h3`)).json().message.attachments).toHaveLength(1);
    expect((await download(w.esOfficer2.s, message.id, attachmentId)).rawPayload.equals(data)).toBe(true);
  });
});

describe('onward use', () => {
  it('a copy passed on carries the file; where the onward rules refuse, there is no copy and no file', async () => {
    const esLiaison = await signIn(env, await buildUser(env, w.es, { roles: ['liaison'] }));
    await buildPartnership(env, w.es, w.de, { framework: 'eu-2023-977' });
    const esCase = (await call(env, esLiaison, 'POST', '/api/cases', { title: 'Algeciras follow-up', summary: 'x', crimeAreas: ['migrant-smuggling'] })).json().case.id as string;
    expect((await call(env, esLiaison, 'POST', `/api/cases/${esCase}/invitations`, { agencyId: w.de.id })).statusCode).toBe(201);
    expect((await call(env, w.deOfficer.s, 'POST', `/api/cases/${esCase}/accept`, {})).statusCode).toBe(200);

    const green = await sentWithFile();
    const copy = await call(env, esLiaison, 'POST', `/api/messages/${green.message.id}/pass-on`, { caseId: esCase, recipients: [{ agencyId: w.de.id }] });
    expect(copy.statusCode, copy.body).toBe(201);
    const atDe = (await call(env, w.deOfficer.s, 'GET', `/api/messages/${copy.json().id}`)).json().message;
    expect(atDe.attachments.map((a: { id: string }) => a.id)).toEqual([green.attachmentId]);
    expect((await download(w.deOfficer.s, copy.json().id, green.attachmentId)).rawPayload.equals(green.data)).toBe(true);
    // Not through the original, which Germany does not see.
    expect((await download(w.deOfficer.s, green.message.id, green.attachmentId)).statusCode).toBe(404);

    const h2 = await sentWithFile({ handlingCode: 'H2' });
    const refused = await call(env, esLiaison, 'POST', `/api/messages/${h2.message.id}/pass-on`, { caseId: esCase, recipients: [{ agencyId: w.de.id }] });
    expect(refused.statusCode).toBe(409);
    const links = (await sql<{ n: string }>`SELECT count(*) AS n FROM message_attachments WHERE attachment_id = ${h2.attachmentId}`.execute(env.db.unsafeOwner)).rows[0]!.n;
    expect(Number(links)).toBe(1);
  });
});

describe('a large file streams', () => {
  it('20 MB round trip through a real socket, the server never holding the file twice', async () => {
    const big = await createTestEnv({ maxAttachmentBytes: 50 * 1024 * 1024 });
    try {
      const bw = await buildWorld(big);
      const bCase = await sharedCase(big, bw);
      const url = await big.app.listen({ port: 0, host: '127.0.0.1' });
      const SIZE = 20 * 1024 * 1024;
      const PIECE = 64 * 1024;
      const boundary = 'tansiqbigfileboundary';
      const up = createHash('sha256');
      // The request body is generated as it goes (an MP4 header, then random bytes) and written with backpressure:
      // never a buffer of the file's size on either side.
      async function* multipartBody() {
        yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
        for (let sent = 0; sent < SIZE; sent += PIECE) {
          const piece = sent === 0 ? Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom'), randomBytes(PIECE - 24)]) : randomBytes(PIECE);
          up.update(piece);
          yield piece;
        }
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      }
      const headers = { cookie: bw.maLiaison.s.cookie, 'x-csrf-token': bw.maLiaison.s.csrf };
      // Warm-up: the first large rows grow buffers once (the embedded database's WebAssembly memory, the driver's);
      // a 2 MB file first keeps that one-time growth out of what is measured.
      const warm = multipart('warm.pdf', pdf('warm-up', 2 * 1024 * 1024));
      expect((await big.app.inject({ method: 'POST', url: '/api/attachments', headers: { ...headers, 'content-type': warm.contentType }, payload: warm.payload })).statusCode).toBe(201);
      const t0 = Date.now();
      const memory = sampleMemory();
      const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const r = request(`${url}/api/attachments`, { method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (out) => {
          let text = '';
          out.setEncoding('utf8');
          out.on('data', (d: string) => (text += d));
          out.on('end', () => resolve({ status: out.statusCode ?? 0, text }));
        });
        r.on('error', reject);
        // One piece in flight: Readable.from would otherwise buffer 16 pieces here, in this same process, when the server is slow.
        pipeline(Readable.from(multipartBody(), { highWaterMark: 1 }), r).catch(reject);
      });
      const uploadPeak = memory.stop();
      const uploadMs = Date.now() - t0;
      expect(res.status, res.text).toBe(201);
      const attachment = JSON.parse(res.text).attachment as { id: string; size: number; mediaType: string };
      expect(attachment).toMatchObject({ size: SIZE, mediaType: 'video/mp4' });
      const msg = (await big.app.inject({ method: 'POST', url: `/api/cases/${bCase}/messages`, headers: { ...headers }, payload: { ...base, recipients: [{ agencyId: bw.es.id }], attachmentIds: [attachment.id] } })).json().message;

      const down = createHash('sha256');
      let got = 0;
      const t1 = Date.now();
      const memory2 = sampleMemory();
      const dl = await fetch(`${url}/api/messages/${msg.id}/attachments/${attachment.id}`, { headers: { cookie: bw.esOfficer.s.cookie } });
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-length')).toBe(String(SIZE));
      for await (const piece of dl.body as unknown as AsyncIterable<Uint8Array>) {
        down.update(piece);
        got += piece.length;
      }
      const downloadPeak = memory2.stop();
      const downloadMs = Date.now() - t1;
      expect(got).toBe(SIZE);
      expect(down.digest('hex')).toBe(up.digest('hex'));
      // Live memory (after collection) grows by a few chunks on a quiet machine (2 MB for this file); on a busy one it was
      // seen to grow with the file (22 MB for 20 MB in CI, 28 MB for 64 MB): something buffers ahead of the database
      // writes under load — not found yet (docs/ARCHITECTURE.md, attachments). The bound catches a server holding the
      // file in clear and sealed at once. Asserted on PostgreSQL only:
      // embedded PGlite runs in this process, its in-memory test database holds the stored ciphertext and its
      // WebAssembly heap grows as it reads large rows, which Node counts too and which is not Tansiq's.
      process.stdout.write(`[attachments] 20 MB: peak live-memory growth upload ${(uploadPeak / 1048576).toFixed(1)} MB in ${uploadMs} ms, download ${(downloadPeak / 1048576).toFixed(1)} MB in ${downloadMs} ms\n`);
      if (TEST_DB === 'postgres') {
        expect(uploadPeak).toBeLessThan(2 * SIZE);
        expect(downloadPeak).toBeLessThan(2 * SIZE);
      }
    } finally {
      await big.close();
    }
  }, 300_000);
});

/**
 * Samples the process's JavaScript heap plus Buffer memory after a garbage collection, every half second, and returns
 * the peak growth over the start.
 */
function sampleMemory(): { stop(): number } {
  const gc = collector();
  const read = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const start = read();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, read()) - start;
    },
  };
}

function collector(): () => void {
  const g = globalThis as { gc?: () => void };
  if (!g.gc) {
    const v8 = process.getBuiltinModule('node:v8');
    const vm = process.getBuiltinModule('node:vm');
    v8.setFlagsFromString('--expose-gc');
    g.gc = vm.runInNewContext('gc') as () => void;
  }
  return g.gc!;
}

describe('clean-up of uploads no message carries', () => {
  it('deletes interrupted uploads after an hour and unsent files after a day, keeps what a message carries, and audits counts per agency', async () => {
    const { attachmentId: carried } = await sentWithFile();
    const unsent = (await upload(w.maLiaison.s, 'brouillon.pdf', pdf('never sent'))).json().attachment.id as string;
    const fresh = (await upload(w.maLiaison.s, 'en cours.pdf', pdf('still being written'))).json().attachment.id as string;
    // An upload the server was stopped in the middle of: its row says uploading, with the chunks that arrived.
    const cut = (await upload(w.esOfficer.s, 'coupé.pdf', pdf('cut off'))).json().attachment.id as string;
    await sql`UPDATE attachments SET status = 'uploading' WHERE id = ${cut}`.execute(env.db.unsafeOwner);
    const ago = (ms: number) => new Date(Date.now() - ms);
    await sql`UPDATE attachments SET created_at = ${ago(2 * 24 * 3600_000)} WHERE id IN (${carried}, ${unsent})`.execute(env.db.unsafeOwner);
    await sql`UPDATE attachments SET created_at = ${ago(2 * 3600_000)} WHERE id IN (${fresh}, ${cut})`.execute(env.db.unsafeOwner);

    const r = await purgeAbandonedUploads(env.db);
    expect(r.interrupted).toBeGreaterThanOrEqual(1);
    expect(r.abandoned).toBeGreaterThanOrEqual(1);
    const left = new Set((await sql<{ id: string }>`SELECT id::text FROM attachments WHERE id IN (${carried}, ${unsent}, ${fresh}, ${cut})`.execute(env.db.unsafeOwner)).rows.map((x) => x.id));
    // The carried file and the two-hour-old finished upload (a draft still being written) stay.
    expect(left).toEqual(new Set([carried, fresh]));
    const chunks = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM attachment_chunks WHERE attachment_id IN (${unsent}, ${cut})`.execute(env.db.unsafeOwner)).rows[0]!.n;
    expect(chunks).toBe(0);
    const audit = (await sql<{ subject_agency_id: string; details: Record<string, number> }>`SELECT subject_agency_id::text, details FROM audit_events WHERE action = 'attachment.purged'`.execute(env.db.unsafeOwner)).rows;
    expect(audit.find((a) => a.subject_agency_id === w.ma.id)?.details).toMatchObject({ abandoned: 1 });
    expect(audit.find((a) => a.subject_agency_id === w.es.id)?.details).toMatchObject({ interrupted: 1 });
    expect(JSON.stringify(audit)).not.toContain('brouillon');
    // A second pass finds nothing more.
    expect(await purgeAbandonedUploads(env.db)).toEqual({ interrupted: 0, abandoned: 0 });
  });
});
