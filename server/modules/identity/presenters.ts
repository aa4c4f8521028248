import type { PAgency, PDesk, PUser } from '../../../common';
import type { Actor } from '../../platform/db';
import type { Selectable } from 'kysely';
import type { AgencyTable, DeskTable, UserTable } from '../../platform/db/schema';
import { agencyPolicy, deskPolicy, userPolicy } from './policies';

/** The only place an agency row becomes JSON. */
export function presentAgency(actor: Actor, a: Selectable<AgencyTable>): PAgency {
  const abilities = agencyPolicy.abilities(actor, { id: a.id, agencyId: a.id });
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    country: a.country,
    type: a.type as PAgency['type'],
    languages: a.languages,
    disabled: a.disabled_at !== null,
    abilities: { update: abilities.update, issueEnrolment: abilities.issueEnrolment },
  };
}

export function presentDesk(actor: Actor, d: Selectable<DeskTable>): PDesk {
  return {
    id: d.id,
    agencyId: d.agency_id,
    code: d.code,
    name: d.name,
    isNcb: d.is_ncb,
    disabled: d.disabled_at !== null,
    abilities: { update: deskPolicy.can(actor, 'update', { id: d.id, agencyId: d.agency_id }) },
  };
}

/** Secrets (hashes, second-factor seeds, recovery codes) never leave the server. */
export function presentUser(actor: Actor, u: Selectable<UserTable>, deskIds: string[]): PUser {
  const abilities = userPolicy.abilities(actor, { id: u.id, agencyId: u.agency_id });
  return {
    id: u.id,
    agencyId: u.agency_id,
    email: u.email,
    displayName: u.display_name,
    roles: u.roles,
    deskIds,
    locale: u.locale,
    totpEnabled: u.totp_enabled_at !== null,
    disabled: u.disabled_at !== null,
    enrolled: u.password_hash !== null,
    createdAt: new Date(u.created_at).toISOString(),
    abilities: { update: abilities.update, disable: abilities.disable, reset: abilities.reset },
  };
}
