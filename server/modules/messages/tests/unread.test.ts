import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildUser, signIn, call, type TestEnv, type Session } from '../../../test/harness';
import { buildWorld, sharedCase, type World } from '../../cases/tests/world';
import { withActor } from '../../../platform/db';
import { unreadCount } from '../queries';

let env: TestEnv;
let w: World;
let caseId: string;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  caseId = await sharedCase(env, w);
});
afterAll(async () => env?.close());

const base = { subject: 'Go-fast sighting', body: 'Seen at 02:10.', handlingCode: 'H0', tlp: 'AMBER', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal' };
const send = (as: Session, o: Record<string, unknown> = {}) => call(env, as, 'POST', `/api/cases/${caseId}/messages`, { ...base, recipients: [{ agencyId: w.es.id }], ...o });
const unread = async (as: Session) => {
  const body = (await call(env, as, 'GET', '/api/messages/unread-count')).json() as { unread: number; more: boolean };
  expect(body.more).toBe(false);
  return body.unread;
};

describe('unread count', () => {
  it('counts exactly, beyond the list limit, per reader; reading one lowers it; RED counts only for its readers', async () => {
    const start = await unread(w.esOfficer.s);
    const ids: string[] = [];
    for (let i = 0; i < 205; i++) ids.push((await send(w.maLiaison.s, { subject: `Sighting ${i}` })).json().message.id);
    expect(await unread(w.esOfficer.s)).toBe(start + 205);
    expect(await unread(w.esOfficer2.s)).toBe(start + 205);
    await call(env, w.esOfficer.s, 'GET', `/api/messages/${ids[0]}`);
    expect(await unread(w.esOfficer.s)).toBe(start + 204);
    expect(await unread(w.esOfficer2.s)).toBe(start + 205);
    // The sender's own messages are not unread for them.
    expect(await unread(w.maLiaison.s)).toBe(0);

    const esSup = await signIn(env, await buildUser(env, w.es, { roles: ['supervisor'] }));
    await call(env, esSup, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [w.esOfficer.user.id] });
    expect((await send(w.maLiaison.s, { tlp: 'RED', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }] })).statusCode).toBe(201);
    expect(await unread(w.esOfficer.s)).toBe(start + 204 + 1); // the named reader
    expect(await unread(w.esOfficer2.s)).toBe(start + 205); // not a reader: unchanged
    // Another agency counts nothing of it.
    expect(await unread(w.deOfficer.s)).toBe(0);
  });

  it('stops counting at the cap and says there are more (the badge shows 999+)', async () => {
    const actor = { userId: w.esOfficer.user.id, agencyId: w.es.id, roles: ['officer' as const], deskIds: [w.es.deskId] };
    const exact = await withActor(env.db, actor, null, (ctx) => unreadCount(ctx));
    expect(exact.unread).toBeGreaterThan(5);
    expect(await withActor(env.db, actor, null, (ctx) => unreadCount(ctx, 5))).toEqual({ unread: 5, more: true });
    expect(await withActor(env.db, actor, null, (ctx) => unreadCount(ctx, exact.unread))).toEqual({ unread: exact.unread, more: false });
    expect(await withActor(env.db, actor, null, (ctx) => unreadCount(ctx, exact.unread - 1))).toEqual({ unread: exact.unread - 1, more: true });
  });

  it('as an attacker: 401 unauthenticated, 404 for roles without case work', async () => {
    expect((await call(env, null, 'GET', '/api/messages/unread-count')).statusCode).toBe(401);
    for (const s of [w.maAdmin.s, w.maDpo.s, w.platformAdmin.s]) expect((await call(env, s, 'GET', '/api/messages/unread-count')).statusCode).toBe(404);
  });
});
