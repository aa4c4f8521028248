import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, buildUser, signIn, call, type TestEnv } from '../../test/harness';
import { buildWorld, sharedCase, type World } from '../../modules/cases/tests/world';
import { loadMasterKey, pruneMasterKeyFile, rotateMasterKeyFile } from '../../platform/crypto';
import { rewrapUnderCurrentKey } from '../keys';

let env: TestEnv;
let w: World;
let caseId: string;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  caseId = await sharedCase(env, w);
});
afterAll(async () => env?.close());

async function sendFile(data: Buffer): Promise<{ messageId: string; attachmentId: string }> {
  const boundary = `b${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const up = await env.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: w.maLiaison.s.cookie, 'x-csrf-token': w.maLiaison.s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  expect(up.statusCode, up.body).toBe(201);
  const attachmentId = up.json().attachment.id as string;
  const m = await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/messages`, { subject: 'List', body: 'Attached.', handlingCode: 'H0', tlp: 'GREEN', sourceReliability: 'B', infoAccuracy: 2, recipients: [{ agencyId: w.es.id }], attachmentIds: [attachmentId] });
  return { messageId: m.json().message.id as string, attachmentId };
}

describe('master key rotation', () => {
  it('files and second factors stay readable through rotate → rewrap → prune', async () => {
    const totpUser = await buildUser(env, w.ma, { roles: ['officer'], totp: true });
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(700_000)]);
    const { messageId, attachmentId } = await sendFile(data);
    const oldId = env.deps.masterKey.id;

    const newId = rotateMasterKeyFile(env.config.masterKeyFile);
    env.deps.masterKey = loadMasterKey(env.config.masterKeyFile, false);
    // Before rewrapping, the retired key (still in the file) opens the file.
    expect((await call(env, w.esOfficer.s, 'GET', `/api/messages/${messageId}/attachments/${attachmentId}`)).rawPayload.equals(data)).toBe(true);

    const counts = await rewrapUnderCurrentKey(env.db, env.deps.masterKey);
    expect(counts.attachments).toBeGreaterThanOrEqual(1);
    expect(counts.secrets).toBeGreaterThanOrEqual(1);
    const keyIds = (await sql<{ key_id: string }>`SELECT DISTINCT key_id FROM attachments`.execute(env.db.unsafeOwner)).rows.map((r) => r.key_id);
    expect(keyIds).toEqual([newId]);
    expect(await rewrapUnderCurrentKey(env.db, env.deps.masterKey)).toEqual({ attachments: 0, secrets: 0 });

    expect(pruneMasterKeyFile(env.config.masterKeyFile)).toEqual([oldId]);
    env.deps.masterKey = loadMasterKey(env.config.masterKeyFile, false);
    expect(env.deps.masterKey.previous).toEqual([]);
    expect((await call(env, w.esOfficer.s, 'GET', `/api/messages/${messageId}/attachments/${attachmentId}`)).rawPayload.equals(data)).toBe(true);
    // The second factor sealed under the old key still signs in.
    expect((await signIn(env, totpUser)).cookie).toMatch(/^tansiq_session=/);
    const audit = (await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE action = 'keys.rewrapped'`.execute(env.db.unsafeOwner)).rows[0]!.n;
    expect(Number(audit)).toBe(2);
  });
});
