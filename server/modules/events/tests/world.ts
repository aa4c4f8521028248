import { buildAgency, buildUser, call, signIn, type BuiltAgency, type Session, type TestEnv } from '../../../test/harness';
import type { Role } from '../../../../common';

async function as(env: TestEnv, agency: BuiltAgency, roles: Role[]): Promise<Session> {
  return signIn(env, await buildUser(env, agency, { roles }));
}

/**
 * Morocco organises (chairs), Spain is a member, INTERPOL an observer; Germany sits on no committee; the platform
 * operator runs the platform. One person per role the authorization matrix needs.
 */
export async function buildEventWorld(env: TestEnv) {
  const ma = await buildAgency(env, { country: 'MA' });
  const es = await buildAgency(env, { country: 'ES' });
  const ip = await buildAgency(env, { country: 'FR', type: 'interpol-gs' });
  const de = await buildAgency(env, { country: 'DE' });
  const platform = await buildAgency(env, { type: 'platform', country: 'FR' });
  return {
    ma, es, ip, de, platform,
    maSupervisor: await as(env, ma, ['supervisor']),
    maOfficer: await as(env, ma, ['officer']),
    maLiaison: await as(env, ma, ['liaison']),
    maDpo: await as(env, ma, ['dpo']),
    maAdmin: await as(env, ma, ['agency-admin']),
    esOfficer: await as(env, es, ['officer']),
    esSupervisor: await as(env, es, ['supervisor']),
    ipOfficer: await as(env, ip, ['officer']),
    ipSupervisor: await as(env, ip, ['supervisor']),
    deOfficer: await as(env, de, ['officer']),
    deSupervisor: await as(env, de, ['supervisor']),
    platformAdmin: await as(env, platform, ['platform-admin']),
  };
}
export type EventWorld = Awaited<ReturnType<typeof buildEventWorld>>;

/** An event in Marrakech (in the future, so accreditation lists are still taken in) with one venue and the committee of the world. */
export async function buildEvent(env: TestEnv, w: EventWorld): Promise<{ eventId: string; venueId: string }> {
  const res = await call(env, w.maSupervisor, 'POST', '/api/major-events', { name: 'Security of the Marrakech fan zone', startsOn: '2030-06-13', endsOn: '2030-07-21', hostCountries: ['MA'], cities: ['Marrakech'], retentionDays: 30 });
  if (res.statusCode !== 201) throw new Error(`create event: ${res.statusCode} ${res.body}`);
  const eventId = res.json().event.id as string;
  const v = await call(env, w.maSupervisor, 'POST', `/api/major-events/${eventId}/venues`, { name: 'Palais des Congrès', city: 'Marrakech', country: 'MA', lat: 31.6345, lon: -8.0106, capacity: 4000 });
  if (v.statusCode !== 201) throw new Error(`venue: ${v.statusCode} ${v.body}`);
  for (const [agencyId, role] of [[w.es.id, 'member'], [w.ip.id, 'observer']] as const) {
    const c = await call(env, w.maSupervisor, 'PUT', `/api/major-events/${eventId}/committee`, { agencyId, role });
    if (c.statusCode !== 200) throw new Error(`committee: ${c.statusCode} ${c.body}`);
  }
  return { eventId, venueId: v.json().event.venues[0].id as string };
}
