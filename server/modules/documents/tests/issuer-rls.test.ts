import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ICAO_BY_ISO2 } from '../../../../common/mrz';
import { createTestEnv, buildAgency, buildUser, type TestEnv } from '../../../test/harness';
import { withActor, type Actor } from '../../../platform/db';

// The second wall behind the documents policy: even a request that slipped past the application could not register
// another state's document (migrations/0014_document_issuer.sql).
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

async function actorOf(country: string, type = 'police'): Promise<Actor> {
  const a = await buildAgency(env, { country, type });
  const u = await buildUser(env, a, { roles: ['officer'] });
  return { userId: u.id, agencyId: a.id, roles: ['officer'], deskIds: [] };
}
let n = 0;
const register = (actor: Actor, state: string) =>
  withActor(env.db, actor, null, async ({ tx }) => {
    await sql`INSERT INTO travel_documents (agency_id, issuing_state, number, doc_type, loss_type, loss_date, registered_by)
      VALUES (${actor.agencyId}, ${state}, ${`RLS${Date.now().toString(36).toUpperCase()}${n++}`}, 'passport', 'stolen', '2026-11-01', ${actor.userId})`.execute(tx);
  });
const refusedByRls = (p: Promise<unknown>) => expect(p).rejects.toThrow(/row-level security/);

describe("row-level security: an agency registers its own state's documents only", () => {
  it('the database map of issuing codes is the application’s (common/mrz ICAO_BY_ISO2)', async () => {
    const rows = (await sql<{ iso2: string; code: string }>`SELECT iso2, code FROM icao_issuers ORDER BY iso2`.execute(env.db.unsafeOwner)).rows;
    expect(Object.fromEntries(rows.map((r) => [r.iso2, r.code]))).toEqual({ ...ICAO_BY_ISO2 });
  });

  it('Morocco registers MAR and is refused ESP; Germany registers D and is refused DEU and MAR; the General Secretariat registers XPO', async () => {
    const ma = await actorOf('MA');
    await register(ma, 'MAR');
    await refusedByRls(register(ma, 'ESP'));
    await refusedByRls(register(ma, 'UTO'));
    const de = await actorOf('DE');
    await register(de, 'D');
    await refusedByRls(register(de, 'DEU'));
    await refusedByRls(register(de, 'MAR'));
    const gs = await actorOf('FR', 'interpol-gs');
    await register(gs, 'XPO');
    await refusedByRls(register(gs, 'FRA'));
  });
});
