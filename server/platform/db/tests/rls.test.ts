import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, buildAgency, buildUser, TEST_DB, type TestEnv } from '../../../test/harness';
import { withActor, type Actor } from '..';

/** Functions that may run with the owner's rights (SECURITY DEFINER), each reviewed: look-ups before a user is known. */
const DEFINER_ALLOW_LIST = [
  // 0004_messages: per-row visibility probes for messages; fixing a TLP:RED message's readers from the addressed desk's list.
  'tansiq_message_recipient', 'tansiq_message_red_reader', 'tansiq_message_visible', 'tansiq_fix_red_readers',
  'tansiq_auth_find_user', 'tansiq_auth_session', 'tansiq_auth_api_token', 'tansiq_enrol_lookup', 'tansiq_enrol_redeem',
  'tansiq_throttle_check', 'tansiq_throttle_fail', 'tansiq_throttle_clear', 'tansiq_revoke_user_access', 'tansiq_audit_append',
  // 0002_cases: the set of cases the caller may see, and whether the caller's agency owns a case (policies on the case
  // tables ask these without recursing into each other's policies).
  'tansiq_case_ids', 'tansiq_case_owned_by_me',
  // 0006_notices: a confirmed hit on a notice puts the requesting NCB into the screening agency's hit case.
  'tansiq_hit_join_case',
  // 0007_documents: the hit/no-hit check of exact (issuing state, number) keys against every agency's registered documents.
  'tansiq_documents_check',
  // 0009_events: the set of events whose committee the caller's agency sits on, and whether it organises one.
  'tansiq_event_ids', 'tansiq_event_chaired_by_me',
  // 0013_message_visibility: a receipt adds its agency to the message's visible_agencies (trigger only); the caller's
  // newest visible messages, matching a text query or not (so the indexes are used under row-level security); one
  // case's visibility as a probe.
  'tansiq_message_recipients_added', 'tansiq_message_find', 'tansiq_case_visible',
  // 0016_case_ids_once: tansiq_case_ids() (0002, listed above) now remembers its answer for the transaction under a
  // MAC; it is the same function, no new SECURITY DEFINER one.
];
/** Tables that hold no content: the migration ledger only. */
const NON_CONTENT_TABLES = ['tansiq_migrations'];

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('row-level security catalogue', () => {
  it('every table has RLS enabled and forced, and at least one policy', async () => {
    const rows = (await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(env.db.unsafeOwner)).rows;
    expect(rows.length).toBeGreaterThan(5);
    const bad = rows.filter((r) => !NON_CONTENT_TABLES.includes(r.relname) && (!r.relrowsecurity || !r.relforcerowsecurity || r.policies === 0));
    expect(bad.map((r) => r.relname)).toEqual([]);
  });

  it('only allow-listed functions are SECURITY DEFINER', async () => {
    const rows = (await sql<{ proname: string }>`
      SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef`.execute(env.db.unsafeOwner)).rows;
    expect(rows.map((r) => r.proname).filter((n) => !DEFINER_ALLOW_LIST.includes(n))).toEqual([]);
  });

  it('the application role is NOSUPERUSER, NOBYPASSRLS and owns no table', async () => {
    const role = (await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'tansiq_app'`.execute(env.db.unsafeOwner)).rows[0]!;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'tansiq_app'`.execute(env.db.unsafeOwner)).rows[0]!;
    expect(owned.n).toBe(0);
  });

  it(`the application connects as tansiq_app (${TEST_DB})`, async () => {
    const a = await buildAgency(env);
    const u = await buildUser(env, a);
    const who = await withActor(env.db, { userId: u.id, agencyId: a.id, roles: ['officer'], deskIds: [] }, null, async ({ tx }) => (await sql<{ u: string }>`SELECT current_user AS u`.execute(tx)).rows[0]!.u);
    expect(who).toBe('tansiq_app');
  });
});

describe('raw queries in another agency context', () => {
  it('return nothing of the other agency even without any WHERE clause', async () => {
    const a = await buildAgency(env);
    const b = await buildAgency(env);
    const ua = await buildUser(env, a, { totp: true });
    await buildUser(env, b);
    const actor: Actor = { userId: ua.id, agencyId: a.id, roles: ['agency-admin'], deskIds: [] };
    await withActor(env.db, { userId: ua.id, agencyId: a.id, roles: ['officer'], deskIds: [] }, null, async (ctx) => ctx.audit({ action: 'test.a' }));
    const seen = await withActor(env.db, { userId: null, agencyId: b.id, roles: ['agency-admin'], deskIds: [] }, null, async ({ tx }) => ({
      users: (await sql<{ agency_id: string }>`SELECT agency_id FROM users`.execute(tx)).rows,
      userDesks: (await sql`SELECT * FROM user_desks WHERE agency_id = ${a.id}`.execute(tx)).rows,
      sessions: (await sql`SELECT * FROM sessions`.execute(tx)).rows,
      tokens: (await sql`SELECT * FROM api_tokens`.execute(tx)).rows,
      notes: (await sql`SELECT * FROM notifications`.execute(tx)).rows,
      audit: (await sql<{ actor_agency_id: string }>`SELECT actor_agency_id FROM audit_events WHERE actor_agency_id = ${a.id}`.execute(tx)).rows,
    }));
    expect(seen.users.every((r) => r.agency_id === b.id)).toBe(true);
    expect(seen).toMatchObject({ userDesks: [], sessions: [], tokens: [], notes: [], audit: [] });
    // Back-off counters and checkpoints are not even readable by the application role.
    for (const t of ['login_throttle', 'audit_checkpoints']) {
      await expect(withActor(env.db, actor, null, async ({ tx }) => sql`SELECT * FROM ${sql.table(t)}`.execute(tx))).rejects.toThrow(/permission denied/);
    }
    void actor;
  });

  it('cannot write into another agency', async () => {
    const a = await buildAgency(env);
    const b = await buildAgency(env);
    const attempt = withActor(env.db, { userId: null, agencyId: b.id, roles: ['agency-admin'], deskIds: [] }, null, async ({ tx }) =>
      sql`INSERT INTO users (agency_id, email, display_name, roles) VALUES (${a.id}, 'mole@x.example', 'Mole', '{agency-admin}')`.execute(tx),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
    const upd = await withActor(env.db, { userId: null, agencyId: b.id, roles: ['agency-admin'], deskIds: [] }, null, async ({ tx }) =>
      sql`UPDATE desks SET name = 'owned' WHERE agency_id = ${a.id}`.execute(tx),
    );
    expect(Number(upd.numAffectedRows ?? 0)).toBe(0);
  });

  it('the application role cannot UPDATE, DELETE or TRUNCATE the audit trail, nor INSERT into it directly', async () => {
    const a = await buildAgency(env);
    const actor: Actor = { userId: null, agencyId: a.id, roles: ['agency-admin'], deskIds: [] };
    await withActor(env.db, actor, null, async (ctx) => ctx.audit({ action: 'test.mine' }));
    for (const stmt of [
      sql`UPDATE audit_events SET action = 'x'`,
      sql`DELETE FROM audit_events`,
      sql`TRUNCATE audit_events`,
      sql`INSERT INTO audit_events (seq, at, action, prev_hash, hash) VALUES (999999, now(), 'forged', 'x', 'y')`,
      sql`DELETE FROM audit_checkpoints`,
    ]) {
      await expect(withActor(env.db, actor, null, async ({ tx }) => stmt.execute(tx))).rejects.toThrow(/permission denied/);
    }
  });

  it('a platform administrator context cannot read any agency staff', async () => {
    const a = await buildAgency(env);
    await buildUser(env, a);
    const p = await buildAgency(env, { type: 'platform' });
    const rows = await withActor(env.db, { userId: null, agencyId: p.id, roles: ['platform-admin'], deskIds: [] }, null, async ({ tx }) =>
      (await sql`SELECT * FROM users WHERE agency_id = ${a.id}`.execute(tx)).rows);
    expect(rows).toEqual([]);
  });
});
