import type { Role } from '../../../../common';
import { unsafeWithOwner } from '../../../platform/db';
import { buildAgency, buildUser, signIn, type BuiltAgency, type Session, type TestEnv } from '../../../test/harness';
import { buildPartnership } from '../../cases/tests/world';

export interface P { id: string; s: Session }

async function person(env: TestEnv, a: BuiltAgency, roles: Role[]): Promise<P> {
  const u = await buildUser(env, a, { roles });
  return { id: u.id, s: await signIn(env, u) };
}

async function makeNcb(env: TestEnv, a: BuiltAgency): Promise<void> {
  await unsafeWithOwner(env.db, 'system', async ({ tx }) => {
    await tx.updateTable('desks').set({ is_ncb: true }).where('id', '=', a.deskId).execute();
  });
}

/**
 * Spain's NCB (requests notices), Morocco's border police (screens, in partnership with Spain), Germany's NCB (in no
 * partnership with Morocco), the INTERPOL General Secretariat (reviews), and an agency that hands itself the reviewer role.
 */
export async function buildNoticeWorld(env: TestEnv) {
  const es = await buildAgency(env, { country: 'ES' });
  const ma = await buildAgency(env, { country: 'MA', type: 'border' });
  const de = await buildAgency(env, { country: 'DE' });
  const gs = await buildAgency(env, { country: 'FR', type: 'interpol-gs' });
  const rogue = await buildAgency(env, { country: 'MA' });
  await makeNcb(env, es);
  await makeNcb(env, de);
  await buildPartnership(env, es, ma);
  return {
    es, ma, de, gs, rogue,
    esLiaison: await person(env, es, ['liaison']),
    esSupervisor: await person(env, es, ['supervisor']),
    esAdmin: await person(env, es, ['agency-admin']),
    maOfficer: await person(env, ma, ['officer']),
    maOfficer2: await person(env, ma, ['officer']),
    deLiaison: await person(env, de, ['liaison']),
    deSupervisor: await person(env, de, ['supervisor']),
    deOfficer: await person(env, de, ['officer']),
    reviewer: await person(env, gs, ['reviewer']),
    rogueReviewer: await person(env, rogue, ['reviewer', 'officer']),
  };
}
export type NoticeWorld = Awaited<ReturnType<typeof buildNoticeWorld>>;

/** The leader of a smuggling network, with his name in Arabic and Latin script. */
export const RED_NOTICE = {
  colour: 'red',
  kind: 'notice',
  subject: {
    type: 'person',
    names: [
      { full: 'Abderrahim El Ouazzani', kind: 'primary', script: 'Latn' },
      { full: 'عبد الرحيم الوزاني', kind: 'transliteration', script: 'ar' },
    ],
    birthDates: ['1979-03-14'],
    nationalities: ['MA'],
    gender: 'male',
  },
  offence: 'Leading a criminal organisation smuggling migrants across the Strait of Gibraltar (Tangier–Algeciras).',
  warrantReference: 'AN-JCI-5-2026-0042',
  requestingAuthority: 'Juzgado Central de Instrucción n.º 5, Audiencia Nacional, Madrid',
  legalBasis: 'Article 318 bis of the Spanish Criminal Code',
} as const;
