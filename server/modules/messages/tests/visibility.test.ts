/**
 * Trying to break the message visibility of migrations/0013 (visible_agencies kept by triggers, the inline policy,
 * search through tansiq_message_find, per-message probes through tansiq_case_visible): whoever may not read a
 * message must not find it either, by the list, the search, a direct call of the functions or raw SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, buildUser, signIn, call, type TestEnv, type Session } from '../../../test/harness';
import { withActor, type Actor } from '../../../platform/db';
import { buildPartnership, buildWorld, openCase, sharedCase, type World } from '../../cases/tests/world';
import { sendVia } from './send';

let env: TestEnv;
let w: World;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  await buildPartnership(env, w.ma, w.de);
});
afterAll(async () => env?.close());

const send = (as: Session, caseId: string, o: Record<string, unknown>): Promise<string> => sendVia(env, as, caseId, w.es.id, { body: 'The go-fast boat left at 02:10 with twelve people.', ...o });
const found = async (as: Session, q: string, box = 'all') =>
  ((await call(env, as, 'GET', `/api/messages?box=${box}&q=${encodeURIComponent(q)}`)).json().messages as { id: string }[]).map((m) => m.id);
const listed = async (as: Session, box = 'all') => ((await call(env, as, 'GET', `/api/messages?box=${box}&limit=200`)).json().messages as { id: string }[]).map((m) => m.id);
const actorOf = (p: { user: { id: string } }, agencyId: string, roles: Actor['roles'] = ['officer']): Actor => ({ userId: p.user.id, agencyId, roles, deskIds: [] });
/** What the raw search function and a raw query under row-level security give this actor. */
const raw = (a: Actor, q: string) => withActor(env.db, a, null, async ({ tx }) => ({
  search: (await sql<{ id: string }>`SELECT id FROM tansiq_message_find(websearch_to_tsquery('simple', ${q}), NULL)`.execute(tx)).rows.map((r) => r.id),
  rows: (await sql<{ id: string }>`SELECT id FROM messages WHERE search @@ websearch_to_tsquery('simple', ${q})`.execute(tx)).rows.map((r) => r.id),
}));

describe('an agency that joins a case later', () => {
  it('neither reads nor finds the messages sent before it joined; it finds those addressed to it afterwards', async () => {
    const caseId = await sharedCase(env, w);
    const before = await send(w.maLiaison.s, caseId, { subject: 'Quarantotto sighting before' });
    // Germany joins the case after the message.
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.de.id })).statusCode).toBe(201);
    expect((await call(env, w.deOfficer.s, 'POST', `/api/cases/${caseId}/accept`, {})).statusCode).toBe(200);
    expect((await call(env, w.deOfficer.s, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);

    expect((await call(env, w.deOfficer.s, 'GET', `/api/messages/${before}`)).statusCode).toBe(404);
    expect(await found(w.deOfficer.s, 'quarantotto')).toEqual([]);
    expect(await listed(w.deOfficer.s)).not.toContain(before);
    expect(await raw(actorOf(w.deOfficer, w.de.id), 'quarantotto')).toEqual({ search: [], rows: [] });
    // Its receipts and attachments stay closed too (the per-row probe).
    const receipts = await withActor(env.db, actorOf(w.deOfficer, w.de.id), null, async ({ tx }) => (await sql`SELECT 1 FROM message_recipients WHERE message_id = ${before}`.execute(tx)).rows);
    expect(receipts).toEqual([]);

    // A later message addressed to Germany: found by Germany, in its inbox; the earlier one still not.
    const after = await send(w.maLiaison.s, caseId, { subject: 'Quarantotto sighting after', recipients: [{ agencyId: w.es.id }, { agencyId: w.de.id }] });
    expect(await found(w.deOfficer.s, 'quarantotto')).toEqual([after]);
    expect(await found(w.deOfficer.s, 'quarantotto', 'inbox')).toEqual([after]);
    expect(await raw(actorOf(w.deOfficer, w.de.id), 'quarantotto')).toEqual({ search: [after], rows: [after] });
    // A later message not addressed to Germany, in the same case: not found.
    const notToDe = await send(w.maLiaison.s, caseId, { subject: 'Quarantotto sighting again' });
    expect(await found(w.deOfficer.s, 'quarantotto')).toEqual([after]);
    expect((await found(w.esOfficer.s, 'quarantotto')).sort()).toEqual([before, after, notToDe].sort());
    // The sender's agency finds all three in "sent", none in its inbox.
    expect((await found(w.maOfficer.s, 'quarantotto', 'sent')).sort()).toEqual([before, after, notToDe].sort());
    expect(await found(w.maOfficer.s, 'quarantotto', 'inbox')).toEqual([]);
  });

  it('a receipt cannot be moved to another message, and nobody addresses their own agency', async () => {
    const caseId = await sharedCase(env, w);
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.de.id });
    await call(env, w.deOfficer.s, 'POST', `/api/cases/${caseId}/accept`, {});
    const toEs = await send(w.maLiaison.s, caseId, { subject: 'Sessantanove for Spain' });
    const toDe = await send(w.maLiaison.s, caseId, { subject: 'Sessantanove for Germany only', recipients: [{ agencyId: w.de.id }] });
    // Spain takes part in the case and holds a receipt of the first: it tries to re-point it at the second.
    await expect(withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async ({ tx }) =>
      sql`UPDATE message_recipients SET message_id = ${toDe} WHERE message_id = ${toEs} AND agency_id = ${w.es.id}`.execute(tx))).rejects.toThrow(/cannot change/);
    expect((await call(env, w.esOfficer.s, 'GET', `/api/messages/${toDe}`)).statusCode).toBe(404);
    expect(await found(w.esOfficer.s, 'sessantanove')).toEqual([toEs]);
    // The database refuses a receipt for the sender's own agency (the inbox relies on it), even from the owner.
    await expect(env.db.unsafeOwner.insertInto('message_recipients').values({ message_id: toDe, agency_id: w.ma.id, framework: 'bilateral' }).execute()).rejects.toThrow(/own sender/);
  });

  it('the array is the database\'s, whatever an insert says', async () => {
    const caseId = await sharedCase(env, w);
    const id = crypto.randomUUID();
    const stored = await withActor(env.db, { ...actorOf(w.maLiaison, w.ma.id, ['liaison']), deskIds: [w.ma.deskId] }, null, async ({ tx }) => {
      await sql`INSERT INTO messages (id, case_id, sender_agency_id, sender_desk_id, sender_user_id, subject, body, handling_code, tlp, source_reliability, info_accuracy, priority, search, visible_agencies)
        VALUES (${id}, ${caseId}, ${w.ma.id}, ${w.ma.deskId}, ${w.maLiaison.user.id}, 'Settantuno', 'x', 'H0', 'AMBER', 'B', 2, 'normal', to_tsvector('simple', 'settantuno'), ARRAY[${w.de.id}]::uuid[])`.execute(tx);
      return (await sql<{ v: string[] }>`SELECT visible_agencies::text[] AS v FROM messages WHERE id = ${id}`.execute(tx)).rows[0]!.v;
    });
    expect(stored).toEqual([w.ma.id]);
    expect(await found(w.deOfficer.s, 'settantuno')).toEqual([]);
    await expect(withActor(env.db, actorOf(w.maLiaison, w.ma.id, ['liaison']), null, async ({ tx }) => sql`UPDATE messages SET visible_agencies = ARRAY[${w.de.id}]::uuid[] WHERE id = ${id}`.execute(tx))).rejects.toThrow(/permission denied/);
  });
});

describe('TLP:RED and restricted cases', () => {
  it('a colleague of a RED reader in the recipient agency, and the sender\'s colleague, find no RED message', async () => {
    const caseId = await sharedCase(env, w);
    const esSup = await signIn(env, await buildUser(env, w.es, { roles: ['supervisor'] }));
    expect((await call(env, esSup, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [w.esOfficer.user.id] })).statusCode).toBe(200);
    const red = await send(w.maLiaison.s, caseId, { subject: 'Ottantadue red lead', tlp: 'RED', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }] });
    const amber = await send(w.maLiaison.s, caseId, { subject: 'Ottantadue amber lead' });
    expect((await found(w.esOfficer.s, 'ottantadue')).sort()).toEqual([red, amber].sort());
    expect((await found(w.maLiaison.s, 'ottantadue')).sort()).toEqual([red, amber].sort());
    for (const [p, agency] of [[w.esOfficer2, w.es.id], [w.maOfficer, w.ma.id]] as const) {
      const s = p.s;
      expect(await found(s, 'ottantadue')).toEqual([amber]);
      expect(await found(s, 'ottantadue red', 'all')).toEqual([]);
      expect(await listed(s)).not.toContain(red);
      expect(await raw(actorOf(p, agency), 'ottantadue')).toEqual({ search: [amber], rows: [amber] });
    }
  });

  it('in a restricted case, only named members find its messages', async () => {
    const caseId = await openCase(env, w.maLiaison.s, { restricted: true, memberIds: [w.maOfficer.user.id] });
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.es.id });
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${caseId}/accept`, { memberIds: [w.esOfficer.user.id] })).statusCode).toBe(200);
    const m = await send(w.maLiaison.s, caseId, { subject: 'Novantatre joint team' });
    expect(await found(w.esOfficer.s, 'novantatre')).toEqual([m]);
    expect(await found(w.maOfficer.s, 'novantatre')).toEqual([m]);
    for (const [p, agency] of [[w.esOfficer2, w.es.id], [w.maAnalyst, w.ma.id]] as const) {
      expect(await found(p.s, 'novantatre')).toEqual([]);
      expect(await listed(p.s)).not.toContain(m);
      expect(await raw(actorOf(p, agency, ['analyst']), 'novantatre')).toEqual({ search: [], rows: [] });
    }
    // Removed from the team: no longer found.
    expect((await call(env, w.esOfficer.s, 'DELETE', `/api/cases/${caseId}/members/${w.esOfficer.user.id}`)).statusCode).toBeLessThan(300);
    expect(await found(w.esOfficer.s, 'novantatre')).toEqual([]);
  });
});

describe('search in batches', () => {
  it('finds the newest match that passes the filters however many newer matches do not', async () => {
    const caseId = await sharedCase(env, w);
    const ids: string[] = [];
    for (let i = 0; i < 140; i++) ids.push(await send(w.maLiaison.s, caseId, { subject: `Cinquantasette ${i}` }));
    // The Spanish officer has read every one but the oldest: the first two batches (8 and 128 newest) hold no unread one.
    await env.db.unsafeOwner.insertInto('message_reads').values(ids.slice(1).map((id) => ({ message_id: id, user_id: w.esOfficer.user.id, agency_id: w.es.id }))).execute();
    const q = (extra: string) => call(env, w.esOfficer.s, 'GET', `/api/messages?box=all&limit=1&q=cinquantasette${extra}`);
    expect(((await q('&unread=true')).json().messages as { id: string }[]).map((m) => m.id)).toEqual([ids[0]]);
    expect(((await q('')).json().messages as { id: string }[]).map((m) => m.id)).toEqual([ids[139]]);
    // Between: the newest unread in the second batch.
    await env.db.unsafeOwner.deleteFrom('message_reads').where('message_id', '=', ids[100]!).where('user_id', '=', w.esOfficer.user.id).execute();
    expect(((await q('&unread=true')).json().messages as { id: string }[]).map((m) => m.id)).toEqual([ids[100]]);
    const two = (await call(env, w.esOfficer.s, 'GET', '/api/messages?box=all&limit=5&unread=true&q=cinquantasette')).json().messages as { id: string }[];
    expect(two.map((m) => m.id)).toEqual([ids[100], ids[0]]);
  });
});

describe('the per-case probe and the search function agree with the rule', () => {
  it('tansiq_case_visible(c) is c IN tansiq_case_ids() for every user and case; nobody without an agency finds anything', async () => {
    const cases = (await env.db.unsafeOwner.selectFrom('cases').select('id').execute()).map((c) => c.id);
    expect(cases.length).toBeGreaterThan(3);
    const people = [[w.maLiaison, w.ma.id, ['liaison']], [w.maOfficer, w.ma.id, ['officer']], [w.maAnalyst, w.ma.id, ['analyst']], [w.maAdmin, w.ma.id, ['agency-admin']],
      [w.esOfficer, w.es.id, ['officer']], [w.esOfficer2, w.es.id, ['officer']], [w.deOfficer, w.de.id, ['officer']], [w.platformAdmin, w.platform.id, ['platform-admin']]] as const;
    for (const [p, agency, roles] of people) {
      const r = await withActor(env.db, actorOf(p, agency, roles), null, async ({ tx }) => ({
        set: (await sql<{ id: string }>`SELECT tansiq_case_ids() AS id`.execute(tx)).rows.map((x) => x.id).sort(),
        probe: (await sql<{ id: string; v: boolean }>`SELECT c AS id, tansiq_case_visible(c) AS v FROM unnest(${cases}::uuid[]) c`.execute(tx)).rows.filter((x) => x.v).map((x) => x.id).sort(),
      }));
      expect(r.probe).toEqual(r.set);
    }
    const anonymous = await withActor(env.db, { userId: null, agencyId: null, roles: [], deskIds: [] }, null, async ({ tx }) =>
      (await sql`SELECT id FROM tansiq_message_find(NULL, NULL)`.execute(tx)).rows);
    expect(anonymous).toEqual([]);
  });
});

describe('the box and "unread" inside the search function (migrations/0017)', () => {
  it('inbox, sent and unread agree with the list; the reads are the caller\'s own; another agency gets nothing in any box', async () => {
    const caseId = await sharedCase(env, w);
    const toEs = await send(w.maLiaison.s, caseId, { subject: 'Centoventi to Spain' });
    const readByMe = await send(w.maLiaison.s, caseId, { subject: 'Centoventi read by the officer' });
    const readByColleague = await send(w.maLiaison.s, caseId, { subject: 'Centoventi read by a colleague' });
    const fromEs = await sendVia(env, w.esOfficer.s, caseId, w.ma.id, { body: 'Seen from Algeciras.', subject: 'Centoventi from Spain' });
    await env.db.unsafeOwner.insertInto('message_reads').values([
      { message_id: readByMe, user_id: w.esOfficer.user.id, agency_id: w.es.id },
      { message_id: readByColleague, user_id: w.esOfficer2.user.id, agency_id: w.es.id },
    ]).execute();
    const find = (a: Actor, box: string, unread: boolean) => withActor(env.db, a, null, async ({ tx }) =>
      (await sql<{ id: string }>`SELECT id FROM tansiq_message_find(websearch_to_tsquery('simple', 'centoventi'), NULL, NULL, NULL, ${box}, ${unread})`.execute(tx)).rows.map((x) => x.id).sort());
    const es = actorOf(w.esOfficer, w.es.id);
    expect(await find(es, 'all', false)).toEqual([toEs, readByMe, readByColleague, fromEs].sort());
    expect(await find(es, 'inbox', false)).toEqual([toEs, readByMe, readByColleague].sort());
    expect(await find(es, 'sent', false)).toEqual([fromEs]);
    expect(await find(es, 'inbox', true)).toEqual([toEs, readByColleague].sort());
    expect(await find(es, 'all', true)).toEqual([toEs, readByColleague].sort()); // the sender has read its own
    // The same as the list through the API.
    const listed = async (box: string, unread: boolean) => ((await call(env, w.esOfficer.s, 'GET', `/api/messages?box=${box}&q=centoventi${unread ? '&unread=true' : ''}`)).json().messages as { id: string }[]).map((m) => m.id).sort();
    for (const [box, unread] of [['all', false], ['inbox', false], ['sent', false], ['inbox', true], ['all', true]] as const) expect(await listed(box, unread)).toEqual(await find(es, box, unread));
    for (const box of ['all', 'inbox', 'sent']) for (const unread of [false, true]) expect(await find(actorOf(w.deOfficer, w.de.id), box, unread)).toEqual([]);
    await expect(find(es, 'outbox', false)).rejects.toThrow(/box must be/);
  });
});
