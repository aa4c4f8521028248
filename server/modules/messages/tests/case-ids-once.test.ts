/**
 * The caller's set of visible cases is computed once per transaction and remembered (migrations/0016): trying to
 * make the remembered set lie. Joining or leaving a case inside the transaction that then reads must be seen at once;
 * a forged, copied or replayed value must be ignored; whoever may not read a message still neither lists nor finds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, call, type TestEnv, type Session } from '../../../test/harness';
import { withActor, type Actor, type Ctx } from '../../../platform/db';
import { acceptInvitation, leaveCase } from '../../cases/commands/answer';
import { nameMembers, removeMember } from '../../cases/commands/members';
import { buildPartnership, buildWorld, openCase, sharedCase, type Person, type World } from '../../cases/tests/world';
import { sendVia } from './send';
import { listMessages, loadMessage } from '../queries';

let env: TestEnv;
let w: World;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  await buildPartnership(env, w.ma, w.de);
});
afterAll(async () => env?.close());

const send = (as: Session, caseId: string, o: Record<string, unknown>): Promise<string> => sendVia(env, as, caseId, w.es.id, { body: 'Two vans crossed at Ceuta before dawn.', ...o });
const actorOf = (p: Person, agencyId: string, roles: Actor['roles'] = ['officer']): Actor => ({ userId: p.user.id, agencyId, roles, deskIds: [] });

/** Everything that could show a message to the actor in this transaction: the list, the search, the functions, raw SQL. */
async function sees(ctx: Ctx, id: string, word: string) {
  const listed = (await listMessages(ctx, { box: 'all', limit: 200 })).map((m) => m.id).includes(id);
  const searched = (await listMessages(ctx, { box: 'all', limit: 50, q: word })).map((m) => m.id).includes(id);
  const opened = await loadMessage(ctx, id).then(() => true, () => false);
  const find = (await sql<{ id: string }>`SELECT id FROM tansiq_message_find(websearch_to_tsquery('simple', ${word}), NULL)`.execute(ctx.tx)).rows.some((r) => r.id === id);
  const rows = (await sql<{ id: string }>`SELECT id FROM messages`.execute(ctx.tx)).rows.some((r) => r.id === id);
  const receipts = (await sql`SELECT 1 FROM message_recipients WHERE message_id = ${id}`.execute(ctx.tx)).rows.length > 0;
  return { listed, searched, opened, find, rows, receipts };
}
const ALL = { listed: true, searched: true, opened: true, find: true, rows: true, receipts: true };
const NONE = { listed: false, searched: false, opened: false, find: false, rows: false, receipts: false };
/** The value the set is remembered in, for this transaction. */
const kept = async (ctx: Ctx) => (await sql<{ v: string | null }>`SELECT current_setting('tansiq.case_ids', true) AS v`.execute(ctx.tx)).rows[0]!.v ?? '';
const caseIds = async (ctx: Ctx) => (await sql<{ id: string }>`SELECT tansiq_case_ids() AS id`.execute(ctx.tx)).rows.map((r) => r.id);

describe('the set of cases, once per transaction', () => {
  it('is remembered after the first call, for this transaction only', async () => {
    const caseId = await sharedCase(env, w);
    await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => {
      expect(await kept(ctx)).toBe('');
      const first = await caseIds(ctx);
      expect(first).toContain(caseId);
      const value = await kept(ctx);
      expect(value).toContain(caseId);
      expect((await caseIds(ctx)).sort()).toEqual([...first].sort());
      expect(await kept(ctx)).toBe(value);
    });
    // A new transaction starts with nothing remembered.
    await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => expect(await kept(ctx)).toBe(''));
  });

  it('a case left inside the transaction is gone for the rest of it: list, search, message, receipts, raw SQL', async () => {
    const caseId = await sharedCase(env, w);
    const m = await send(w.maLiaison.s, caseId, { subject: 'Ventisette leaving' });
    await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => {
      expect(await sees(ctx, m, 'ventisette')).toEqual(ALL);
      await leaveCase(ctx, { id: caseId, agency_id: w.ma.id });
      expect(await caseIds(ctx)).not.toContain(caseId);
      expect(await sees(ctx, m, 'ventisette')).toEqual(NONE);
    });
  });

  it('a case joined inside the transaction is there for the rest of it (invitation accepted, then writing and reading in it)', async () => {
    const caseId = await sharedCase(env, w);
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.de.id })).statusCode).toBe(201);
    const before = await send(w.maLiaison.s, caseId, { subject: 'Trentuno before Germany' });
    await withActor(env.db, { ...actorOf(w.deOfficer, w.de.id), deskIds: [w.de.deskId] }, null, async (ctx) => {
      expect(await caseIds(ctx)).not.toContain(caseId); // remembered without the case
      await acceptInvitation(ctx, caseId, { memberIds: [] });
      expect(await caseIds(ctx)).toContain(caseId);
      expect(await ctx.tx.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()).toBeTruthy();
      // Writing in the case passes messages_insert (which reads the set); the earlier message stays unseen (0013).
      const id = crypto.randomUUID();
      await sql`INSERT INTO messages (id, case_id, sender_agency_id, sender_desk_id, sender_user_id, subject, body, handling_code, tlp, source_reliability, info_accuracy, priority, search)
        VALUES (${id}, ${caseId}, ${w.de.id}, ${w.de.deskId}, ${w.deOfficer.user.id}, 'Trentuno from Germany', 'x', 'H0', 'AMBER', 'B', 2, 'normal', to_tsvector('simple', 'trentuno'))`.execute(ctx.tx);
      expect((await listMessages(ctx, { box: 'sent', limit: 50, q: 'trentuno' })).map((r) => r.id)).toEqual([id]);
      expect((await sees(ctx, before, 'trentuno'))).toEqual(NONE);
    });
  });

  it('a joint team member named, then removed, inside one transaction', async () => {
    const caseId = await openCase(env, w.maLiaison.s, { restricted: true, memberIds: [w.maOfficer.user.id] });
    await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/invitations`, { agencyId: w.es.id });
    expect((await call(env, w.esOfficer2.s, 'POST', `/api/cases/${caseId}/accept`, { memberIds: [w.esOfficer2.user.id] })).statusCode).toBe(200);
    const m = await send(w.maLiaison.s, caseId, { subject: 'Quarantuno joint team' });
    await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => {
      expect(await sees(ctx, m, 'quarantuno')).toEqual(NONE); // Spain takes part, this officer is not named
      await nameMembers(ctx, caseId, [w.esOfficer.user.id]);
      expect(await sees(ctx, m, 'quarantuno')).toEqual(ALL);
      await removeMember(ctx, { id: caseId, agency_id: w.ma.id, restricted: true }, w.esOfficer.user.id);
      expect(await sees(ctx, m, 'quarantuno')).toEqual(NONE);
    });
  });

  it('a rolled-back savepoint brings back the set of before it', async () => {
    const caseId = await sharedCase(env, w);
    const m = await send(w.maLiaison.s, caseId, { subject: 'Diciannove savepoint' });
    await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => {
      expect(await sees(ctx, m, 'diciannove')).toEqual(ALL);
      await sql`SAVEPOINT s`.execute(ctx.tx);
      await leaveCase(ctx, { id: caseId, agency_id: w.ma.id });
      expect(await sees(ctx, m, 'diciannove')).toEqual(NONE);
      await sql`ROLLBACK TO SAVEPOINT s`.execute(ctx.tx);
      expect(await sees(ctx, m, 'diciannove')).toEqual(ALL);
      // And the other way round: remembered inside the savepoint after leaving, then rolled back.
      await sql`SAVEPOINT t`.execute(ctx.tx);
      await sql`SELECT set_config('tansiq.case_ids', '', true)`.execute(ctx.tx);
      await leaveCase(ctx, { id: caseId, agency_id: w.ma.id });
      expect(await caseIds(ctx)).not.toContain(caseId);
      await sql`ROLLBACK TO SAVEPOINT t`.execute(ctx.tx);
      expect(await caseIds(ctx)).toContain(caseId);
    });
  });
});

describe('a remembered set that lies is ignored', () => {
  it('another agency forging, copying or replaying the value never sees the message, by list, search or raw SQL', async () => {
    const caseId = await sharedCase(env, w);
    const m = await send(w.maLiaison.s, caseId, { subject: 'Sessantuno forged', recipients: [{ agencyId: w.es.id }] });
    // A genuine value, remembered for the Spanish officer, who sees the case.
    const genuine = await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => { await caseIds(ctx); return kept(ctx); });
    expect(genuine).toContain(caseId);
    const forged = [
      genuine, // copied from another user's transaction
      `${'0'.repeat(64)}{${caseId}}`, // made up
      `${genuine.slice(0, 64)}{${caseId}}`, // a genuine MAC over other ids
      genuine.slice(0, 64) + genuine.slice(64).replace('{', `{${caseId},`),
    ];
    // Germany is in no case with Morocco here; the platform administrator is in none at all; Spain's administrator has no case.work.
    for (const [p, agency, roles] of [[w.deOfficer, w.de.id, ['officer']], [w.platformAdmin, w.platform.id, ['platform-admin']], [w.esAdmin, w.es.id, ['agency-admin']]] as const) {
      for (const value of forged) {
        await withActor(env.db, actorOf(p, agency, [...roles]), null, async (ctx) => {
          await sql`SELECT set_config('tansiq.case_ids', ${value}, true)`.execute(ctx.tx);
          expect(await caseIds(ctx)).not.toContain(caseId);
          await sql`SELECT set_config('tansiq.case_ids', ${value}, true)`.execute(ctx.tx);
          expect(await sees(ctx, m, 'sessantuno')).toEqual(NONE);
          await sql`SELECT set_config('tansiq.case_ids', ${value}, true)`.execute(ctx.tx);
          expect(await ctx.tx.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()).toBeUndefined();
        });
      }
    }
    // Spain's other officer, same agency, copies its colleague's value: it holds its own set anyway (the same here),
    // but the value is not taken as its own (recomputed, so a colleague's joint-team cases would not leak).
    await withActor(env.db, actorOf(w.esOfficer2, w.es.id), null, async (ctx) => {
      await sql`SELECT set_config('tansiq.case_ids', ${genuine}, true)`.execute(ctx.tx);
      await caseIds(ctx);
      expect(await kept(ctx)).not.toBe(genuine);
    });
  });

  it('the same officer replaying its own value of an earlier transaction after leaving the case sees nothing', async () => {
    const caseId = await sharedCase(env, w);
    const m = await send(w.maLiaison.s, caseId, { subject: 'Settantadue replay' });
    const earlier = await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => { await caseIds(ctx); return kept(ctx); });
    expect(earlier).toContain(caseId);
    expect((await call(env, w.esOfficer.s, 'POST', `/api/cases/${caseId}/leave`)).statusCode).toBe(200);
    await withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => {
      await sql`SELECT set_config('tansiq.case_ids', ${earlier}, true)`.execute(ctx.tx);
      expect(await sees(ctx, m, 'settantadue')).toEqual(NONE);
    });
  });

  it('the key is the owner\'s alone', async () => {
    await expect(withActor(env.db, actorOf(w.esOfficer, w.es.id), null, async (ctx) => sql`SELECT k FROM tansiq_case_ids_key`.execute(ctx.tx))).rejects.toThrow(/permission denied/);
  });
});
