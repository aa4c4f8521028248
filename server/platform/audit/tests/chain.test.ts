import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { createTestEnv, buildAgency, type TestEnv } from '../../../test/harness';
import { withActor, type Actor } from '../../db';
import { checkpoint, verifyChain, eventHash, checkpointLogFile, GENESIS } from '..';

let shared: { env: TestEnv; actor: Actor } | null = null;
beforeAll(async () => {
  const env = await createTestEnv();
  const a = await buildAgency(env);
  shared = { env, actor: { userId: null, agencyId: a.id, roles: ['agency-admin'], deskIds: [] } };
});
afterAll(async () => shared?.env.close());

/** A clean chain for each test: the owner empties the trail and the checkpoint log (what an attacker cannot do unseen). */
async function freshEnv(): Promise<{ env: TestEnv; actor: Actor }> {
  const { env } = shared!;
  await sql`TRUNCATE audit_events, audit_checkpoints`.execute(env.db.unsafeOwner);
  if (existsSync(checkpointLogFile(env.config.auditKeyFile))) rmSync(checkpointLogFile(env.config.auditKeyFile));
  return shared!;
}

async function write(e: TestEnv, actor: Actor, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await withActor(e.db, actor, '192.0.2.1', async (ctx) => ctx.audit({ action: 'test.event', objectType: 'thing', objectId: String(i), details: { i } }));
}
const verify = (e: TestEnv) => verifyChain(e.db, e.deps.auditKey!, e.config.auditKeyFile);
const owner = (e: TestEnv) => e.db.unsafeOwner;

/** An attacker with the owner's rights rewrites the chain after an edit, so every link is consistent again. */
async function recomputeChain(e: TestEnv): Promise<void> {
  const rows = (await sql<Record<string, string | null>>`
    SELECT seq::text AS seq, id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
      actor_user_id::text AS actor_user_id, actor_agency_id::text AS actor_agency_id, actor_label, subject_agency_id::text AS subject_agency_id,
      action, object_type, object_id, purpose, ip, details::text AS details_text FROM audit_events ORDER BY audit_events.seq`.execute(owner(e))).rows;
  let prev = GENESIS;
  for (const r of rows) {
    const h = eventHash(prev, r as never);
    await sql`UPDATE audit_events SET prev_hash = ${prev}, hash = ${h} WHERE seq = ${r.seq}::bigint`.execute(owner(e));
    prev = h;
  }
}

describe('audit chain', { timeout: 120_000 }, () => {
  it('an untouched chain verifies, with checkpoints', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 5);
    expect((await checkpoint(e.db, e.deps.auditKey!, e.config.auditKeyFile))?.created).toBe(true);
    await write(e, actor, 2);
    const r = await verify(e);
    expect(r).toMatchObject({ ok: true, checkpoints: 1 });
    expect(r.events).toBeGreaterThanOrEqual(7);
  });

  it('detects an edited event and names it', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 5);
    const target = (await sql<{ seq: string }>`SELECT seq::text AS seq FROM audit_events WHERE action = 'test.event' ORDER BY audit_events.seq LIMIT 1 OFFSET 2`.execute(owner(e))).rows[0]!.seq;
    await sql`UPDATE audit_events SET details = '{"i": 99}' WHERE seq = ${target}::bigint`.execute(owner(e));
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject({ seq: target });
    expect(r.problem!.reason).toMatch(/altered/);
  });

  it('detects a deleted event', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 5);
    await sql`DELETE FROM audit_events WHERE seq = 3`.execute(owner(e));
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problem!.seq).toBe('3');
  });

  it('detects a recomputed chain through the signed checkpoint', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 5);
    await checkpoint(e.db, e.deps.auditKey!, e.config.auditKeyFile);
    await sql`UPDATE audit_events SET action = 'test.innocent' WHERE seq = 4`.execute(owner(e));
    await recomputeChain(e);
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problem!.reason).toMatch(/recomputed|checkpoint/);
  });

  it('detects truncated recent events up to the last checkpoint', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 6);
    const cp = await checkpoint(e.db, e.deps.auditKey!, e.config.auditKeyFile);
    await sql`DELETE FROM audit_events WHERE seq > ${Number(cp!.seq) - 2}`.execute(owner(e));
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problem!.reason).toMatch(/truncated/);
  });

  it('detects a truncation that also deleted the checkpoint row (the log beside the key remembers it)', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 6);
    await checkpoint(e.db, e.deps.auditKey!, e.config.auditKeyFile);
    await sql`DELETE FROM audit_checkpoints`.execute(owner(e));
    await sql`DELETE FROM audit_events WHERE seq > 3`.execute(owner(e));
    const r = await verify(e);
    expect(r.ok).toBe(false);
  });

  it('detects a forged checkpoint signature', async () => {
    const { env: e, actor } = await freshEnv();
    await write(e, actor, 3);
    await checkpoint(e.db, e.deps.auditKey!, e.config.auditKeyFile);
    await sql`UPDATE audit_checkpoints SET signature = ${Buffer.alloc(64).toString('base64')}`.execute(owner(e));
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problem!.reason).toMatch(/signature/);
  });

  it('concurrent writers never fork the chain', async () => {
    const { env: e, actor } = await freshEnv();
    await Promise.all(Array.from({ length: 40 }, (_, i) => withActor(e.db, actor, null, async (ctx) => {
      ctx.audit({ action: 'test.concurrent', objectId: String(i) });
      ctx.audit({ action: 'test.concurrent.second', objectId: String(i) });
    })));
    const r = await verify(e);
    expect(r.problem).toBeUndefined();
    expect(r.ok).toBe(true);
    const forks = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT prev_hash FROM audit_events GROUP BY prev_hash HAVING count(*) > 1) f`.execute(owner(e))).rows[0]!;
    expect(forks.n).toBe(0);
  });

  it('a rolled-back transaction leaves no audit event', async () => {
    const { env: e, actor } = await freshEnv();
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(owner(e))).rows[0]!.n;
    await expect(withActor(e.db, actor, null, async (ctx) => {
      ctx.audit({ action: 'test.rollback' });
      await sql`SELECT tansiq_audit_append(${JSON.stringify([{ action: 'test.inside' }])}::jsonb)`.execute(ctx.tx);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(owner(e))).rows[0]!.n).toBe(before);
  });

  it('the audit keeps the actor from the transaction, not from what the caller claims', async () => {
    const { env: e, actor } = await freshEnv();
    await withActor(e.db, actor, '198.51.100.7', async ({ tx }) => sql`SELECT tansiq_audit_append(${JSON.stringify([{ action: 'test.claim', actorAgencyId: '00000000-0000-0000-0000-000000000000' }])}::jsonb)`.execute(tx));
    const row = (await sql<{ actor_agency_id: string; ip: string }>`SELECT actor_agency_id::text, ip FROM audit_events WHERE action = 'test.claim'`.execute(owner(e))).rows[0]!;
    expect(row).toEqual({ actor_agency_id: actor.agencyId, ip: '198.51.100.7' });
  });
});
