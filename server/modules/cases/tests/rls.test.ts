import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ROLES, ROLE_PERMISSIONS } from '../../../../common';
import { unsafeWithOwner, withActor, type Actor } from '../../../platform/db';
import { createTestEnv, buildUser, type TestEnv } from '../../../test/harness';
import { casePolicy } from '../policies/case.policy';
import { buildWorld, day, openCase, sharedCase, type World } from './world';

/** The second wall: raw SQL in a non-participant's context sees no case rows, whatever the application does. */
let env: TestEnv;
let w: World;
let restricted: string;
let open: string;
const TABLES = ['cases', 'case_participants', 'case_members', 'case_tasks', 'case_events'] as const;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  restricted = await sharedCase(env, w, { restricted: true }, { memberIds: [w.esOfficer.user.id] });
  open = await openCase(env, w.maLiaison.s, { title: 'An open case of Morocco' });
  await (await import('../../../test/harness')).call(env, w.maLiaison.s, 'POST', `/api/cases/${restricted}/tasks`, { title: 'Secret task', assigneeId: w.maLiaison.user.id, dueOn: day(2) });
});
afterAll(async () => env?.close());

const actorOf = (p: { user: { id: string; agencyId: string } }, roles: Actor['roles']): Actor => ({ userId: p.user.id, agencyId: p.user.agencyId, roles, deskIds: [] });

async function rawRows(actor: Actor, ids: string[]) {
  return withActor(env.db, actor, null, async ({ tx }) => {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) {
      const col = t === 'cases' ? 'id' : 'case_id';
      out[t] = (await sql`SELECT * FROM ${sql.table(t)} WHERE ${sql.ref(col)} = ANY(${ids}::uuid[])`.execute(tx)).rows;
      // And without any WHERE clause: nothing of these cases either.
      const all = (await sql<Record<string, string>>`SELECT * FROM ${sql.table(t)}`.execute(tx)).rows;
      const key = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(key(all.filter((r) => ids.includes(r[col]!)))).toEqual(key(out[t]!));
    }
    return out;
  });
}

describe('row-level security on the case tables', () => {
  it('a non-participant agency, the platform administrator and non-case roles see no row of any case table', async () => {
    const empty = Object.fromEntries(TABLES.map((t) => [t, []]));
    for (const actor of [actorOf(w.deOfficer, ['officer']), actorOf(w.platformAdmin, ['platform-admin']), actorOf(w.maAdmin, ['agency-admin']), actorOf(w.maDpo, ['dpo']), actorOf(w.maSupervisor, ['supervisor'])]) {
      expect(await rawRows(actor, [restricted, open])).toEqual(empty);
    }
  });

  it('a restricted case: an un-named user of a member agency sees none of it; a named one does', async () => {
    // The database takes the roles from the user's row, not from what the application claims.
    const liar = { ...actorOf(w.esOfficer2, ['officer']), roles: ['officer', 'liaison'] as Actor['roles'] };
    const seen = await rawRows(liar, [restricted]);
    expect(seen.cases).toEqual([]);
    expect(seen.case_tasks).toEqual([]);
    expect(seen.case_events).toEqual([]);
    expect(seen.case_members).toEqual([expect.objectContaining({ user_id: w.esOfficer.user.id })]); // its own agency's member row, no content
    const named = await rawRows(actorOf(w.esOfficer, ['officer']), [restricted]);
    expect(named.cases).toHaveLength(1);
    expect(named.case_tasks).toHaveLength(1);
    // The owner's analyst (same agency as the owner, not named) sees nothing either.
    expect((await rawRows(actorOf(w.maAnalyst, ['analyst']), [restricted])).cases).toEqual([]);
  });

  it('an agency administrator’s account cannot read cases even if the application asked as an officer', async () => {
    expect((await rawRows({ ...actorOf(w.maAdmin, ['officer']) }, [open])).cases).toEqual([]);
  });

  it('writes are refused: no invitation without partnership, no joining by oneself, no naming of foreign staff, no forged timeline', async () => {
    const de = actorOf(w.deLiaison, ['liaison']);
    const ma = actorOf(w.maLiaison, ['liaison']);
    const es = actorOf(w.esOfficer2, ['officer']);
    const attempts: [Actor, ReturnType<typeof sql>][] = [
      // Germany adds itself to Morocco's case.
      [de, sql`INSERT INTO case_participants (case_id, agency_id, role, status) VALUES (${open}, ${w.de.id}, 'participant', 'active')`],
      // Morocco invites Germany with no partnership.
      [ma, sql`INSERT INTO case_participants (case_id, agency_id, role, status, invited_by, invited_by_agency_id) VALUES (${open}, ${w.de.id}, 'participant', 'invited', ${w.maLiaison.user.id}, ${w.ma.id})`],
      // Spain names a Moroccan user, and names itself into a case it was never invited to.
      [es, sql`INSERT INTO case_members (case_id, user_id, agency_id, display_name, named_by) VALUES (${restricted}, ${w.maAnalyst.user.id}, ${w.es.id}, 'x', ${w.esOfficer2.user.id})`],
      [de, sql`INSERT INTO case_members (case_id, user_id, agency_id, display_name, named_by) VALUES (${open}, ${w.deLiaison.user.id}, ${w.de.id}, 'x', ${w.deLiaison.user.id})`],
      // A timeline entry in someone else's name, or on a case one does not see.
      [ma, sql`INSERT INTO case_events (case_id, actor_user_id, actor_agency_id, kind, object_type, object_id) VALUES (${open}, ${w.maOfficer.user.id}, ${w.ma.id}, 'case.opened', 'case', ${open})`],
      [de, sql`INSERT INTO case_events (case_id, actor_user_id, actor_agency_id, kind, object_type, object_id) VALUES (${open}, ${w.deLiaison.user.id}, ${w.de.id}, 'case.opened', 'case', ${open})`],
      // A task on a case one does not see.
      [de, sql`INSERT INTO case_tasks (case_id, title, assignee_id, assignee_agency_id, due_on, created_by, created_agency_id) VALUES (${open}, 'x', ${w.deLiaison.user.id}, ${w.de.id}, now(), ${w.deLiaison.user.id}, ${w.de.id})`],
      // A case in another agency's name.
      [de, sql`INSERT INTO cases (id, agency_id, desk_id, title, crime_areas, created_by) VALUES (gen_random_uuid(), ${w.ma.id}, ${w.ma.deskId}, 'Forged', '{other}', ${w.deLiaison.user.id})`],
    ];
    for (const [actor, stmt] of attempts) {
      await expect(withActor(env.db, actor, null, async ({ tx }) => stmt.execute(tx))).rejects.toThrow(/row-level security|violates/);
    }
    // Updates that RLS hides simply touch nothing; the timeline cannot be edited or deleted at all.
    const upd = await withActor(env.db, de, null, async ({ tx }) => sql`UPDATE cases SET title = 'owned' WHERE id = ${open}`.execute(tx));
    expect(Number(upd.numAffectedRows ?? 0)).toBe(0);
    for (const stmt of [sql`UPDATE case_events SET kind = 'case.updated'`, sql`DELETE FROM case_events`, sql`DELETE FROM cases`, sql`DELETE FROM case_members`]) {
      await expect(withActor(env.db, ma, null, async ({ tx }) => stmt.execute(tx))).rejects.toThrow(/permission denied/);
    }
  });

  it('an invited agency cannot accept for itself once the partnership is gone, nor re-join after leaving (triggers)', async () => {
    const id = await sharedCase(env, w);
    const es = actorOf(w.esOfficer, ['officer']);
    await withActor(env.db, es, null, async ({ tx }) => sql`UPDATE case_participants SET status = 'left' WHERE case_id = ${id} AND agency_id = ${w.es.id}`.execute(tx));
    await expect(withActor(env.db, es, null, async ({ tx }) => sql`UPDATE case_participants SET status = 'active' WHERE case_id = ${id} AND agency_id = ${w.es.id}`.execute(tx))).rejects.toThrow(/cannot go from left to active/);
  });

  it('the database’s list of case-working roles matches ROLE_PERMISSIONS (case.work)', async () => {
    const a = w.ma;
    for (const role of ROLES) {
      const u = await buildUser(env, a, { roles: [role] });
      const db = await withActor(env.db, { userId: u.id, agencyId: a.id, roles: [role], deskIds: [] }, null, async ({ tx }) => (await sql<{ w: boolean }>`SELECT tansiq_case_worker() AS w`.execute(tx)).rows[0]!.w);
      expect(db, role).toBe(ROLE_PERMISSIONS[role].includes('case.work'));
    }
    // A disabled user is nobody.
    const gone = await buildUser(env, a, { roles: ['officer'] });
    await unsafeWithOwner(env.db, 'system', async ({ tx }) => tx.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', gone.id).execute());
    expect(await withActor(env.db, { userId: gone.id, agencyId: a.id, roles: ['officer'], deskIds: [] }, null, async ({ tx }) => (await sql<{ w: boolean }>`SELECT tansiq_case_worker() AS w`.execute(tx)).rows[0]!.w)).toBe(false);
  });
});

describe('the case policy (the first wall) on its own', () => {
  const officer: Actor = { userId: 'u1', agencyId: 'A', roles: ['officer'], deskIds: [] };
  const base = { agencyId: 'A', status: 'open', restricted: false, participation: { role: 'owner' as const, status: 'active' }, member: false };
  it('restricted: only named members read', () => {
    expect(casePolicy.can(officer, 'read', base)).toBe(true);
    expect(casePolicy.can(officer, 'read', { ...base, restricted: true })).toBe(false);
    expect(casePolicy.can(officer, 'read', { ...base, restricted: true, member: true })).toBe(true);
  });
  it('no participation, an invitation only, or no case.work: no read', () => {
    expect(casePolicy.can(officer, 'read', { ...base, participation: null })).toBe(false);
    expect(casePolicy.can(officer, 'read', { ...base, participation: { role: 'participant', status: 'invited' } })).toBe(false);
    expect(casePolicy.can({ ...officer, roles: ['agency-admin', 'dpo', 'supervisor', 'platform-admin', 'reviewer'] }, 'read', base)).toBe(false);
  });
});
