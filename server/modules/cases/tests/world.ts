import { unsafeWithOwner } from '../../../platform/db';
import { buildAgency, buildUser, call, signIn, type BuiltAgency, type BuiltUser, type Session, type TestEnv } from '../../../test/harness';
import type { Role } from '../../../../common';

/** An active (or other-state) partnership between two agencies, written as the owner. */
export async function buildPartnership(env: TestEnv, a: BuiltAgency, b: BuiltAgency, o: { framework?: string; status?: string; urgentHours?: number | null; normalHours?: number | null } = {}): Promise<string> {
  const framework = o.framework ?? 'bilateral';
  const eu = framework === 'eu-2023-977';
  return unsafeWithOwner(env.db, 'system', async ({ tx }) =>
    (await tx.insertInto('partnerships').values({
      proposer_agency_id: a.id, partner_agency_id: b.id, framework, status: o.status ?? 'active',
      urgent_hours: eu ? null : (o.urgentHours ?? 24), normal_hours: eu ? null : (o.normalHours ?? 240), transfer_conditions: 'Use for the stated purpose only.',
      activated_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow()).id);
}

export interface Person { user: BuiltUser; s: Session }
async function person(env: TestEnv, agency: BuiltAgency, roles: Role[]): Promise<Person> {
  const user = await buildUser(env, agency, { roles });
  return { user, s: await signIn(env, user) };
}

/**
 * Morocco (owner) works with Spain (partner, bilateral partnership); Germany has no partnership with Morocco; the
 * platform operator runs the platform. One person per role that the authorization matrix needs.
 */
export async function buildWorld(env: TestEnv) {
  const ma = await buildAgency(env, { country: 'MA' });
  const es = await buildAgency(env, { country: 'ES' });
  const de = await buildAgency(env, { country: 'DE' });
  const platform = await buildAgency(env, { type: 'platform', country: 'FR' });
  await buildPartnership(env, ma, es);
  return {
    ma, es, de, platform,
    maLiaison: await person(env, ma, ['liaison']),
    maOfficer: await person(env, ma, ['officer']),
    maAnalyst: await person(env, ma, ['analyst']),
    maDpo: await person(env, ma, ['dpo']),
    maAdmin: await person(env, ma, ['agency-admin']),
    maSupervisor: await person(env, ma, ['supervisor']),
    esOfficer: await person(env, es, ['officer']),
    esOfficer2: await person(env, es, ['officer']),
    esAdmin: await person(env, es, ['agency-admin']),
    deOfficer: await person(env, de, ['officer']),
    deLiaison: await person(env, de, ['liaison']),
    platformAdmin: await person(env, platform, ['platform-admin']),
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Opens a case through the API as `as` and returns its id. */
export async function openCase(env: TestEnv, as: Session, o: Record<string, unknown> = {}): Promise<string> {
  const res = await call(env, as, 'POST', '/api/cases', { title: 'Migrant smuggling network Tangier–Algeciras', summary: 'Go-fast boats leave the coast east of Tangier at night.', crimeAreas: ['migrant-smuggling'], ...o });
  if (res.statusCode !== 201) throw new Error(`open case: ${res.statusCode} ${res.body}`);
  return res.json().case.id as string;
}

/** Opens a case in Morocco and brings Spain in (invited and accepted). */
export async function sharedCase(env: TestEnv, w: World, o: Record<string, unknown> = {}, accept: Record<string, unknown> = {}): Promise<string> {
  const id = await openCase(env, w.maLiaison.s, o);
  const inv = await call(env, w.maLiaison.s, 'POST', `/api/cases/${id}/invitations`, { agencyId: w.es.id });
  if (inv.statusCode !== 201) throw new Error(`invite: ${inv.statusCode} ${inv.body}`);
  const acc = await call(env, w.esOfficer.s, 'POST', `/api/cases/${id}/accept`, accept);
  if (acc.statusCode !== 200) throw new Error(`accept: ${acc.statusCode} ${acc.body}`);
  return id;
}

/** Days from today as 'YYYY-MM-DD' (negative: in the past). */
export function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
