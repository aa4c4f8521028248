import { EU_2023_977_DEADLINES, type PAgencyRef, type PartnershipFramework, type PartnershipStatus, type PPartnership } from '../../../common';
import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/db';
import type { AgencyTable, PartnershipTable } from '../../platform/db/schema';
import { partnershipPolicy } from './policies/partnership.policy';

export function agencyRef(a: Pick<Selectable<AgencyTable>, 'id' | 'code' | 'name' | 'country' | 'type'>): PAgencyRef {
  return { id: a.id, code: a.code, name: a.name, country: a.country, type: a.type };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The answer deadlines of a partnership: its own, or the directive's under 2023/977. */
export function deadlinesOf(p: Pick<Selectable<PartnershipTable>, 'framework' | 'urgent_hours' | 'normal_hours'>): PPartnership['deadlines'] {
  if (p.framework === 'eu-2023-977') {
    return { urgentHours: EU_2023_977_DEADLINES.urgentDirectHours, normalHours: EU_2023_977_DEADLINES.normalHours, urgentDirectHours: EU_2023_977_DEADLINES.urgentDirectHours, urgentIndirectHours: EU_2023_977_DEADLINES.urgentIndirectHours };
  }
  return { urgentHours: p.urgent_hours ?? 0, normalHours: p.normal_hours ?? 0 };
}

/** The only place a partnership row becomes JSON: seen from the viewer's agency, with what the viewer may do. */
export function presentPartnership(actor: Actor, p: Selectable<PartnershipTable>, agencies: Map<string, PAgencyRef>): PPartnership {
  const ours = actor.agencyId === p.proposer_agency_id;
  const otherId = ours ? p.partner_agency_id : p.proposer_agency_id;
  const rec = { proposerAgencyId: p.proposer_agency_id, partnerAgencyId: p.partner_agency_id, status: p.status, suspendedByAgencyId: p.suspended_by_agency_id };
  const ab = partnershipPolicy.abilities(actor, rec);
  return {
    id: p.id,
    framework: p.framework as PartnershipFramework,
    instrument: p.instrument,
    status: p.status as PartnershipStatus,
    statusReason: p.status_reason,
    partner: agencies.get(otherId) ?? { id: otherId, code: '', name: '', country: '', type: '' },
    proposedByUs: ours,
    deadlines: deadlinesOf(p),
    transferConditions: p.transfer_conditions,
    createdAt: iso(p.created_at)!,
    updatedAt: iso(p.updated_at)!,
    activatedAt: iso(p.activated_at),
    endedAt: iso(p.ended_at),
    abilities: { accept: ab.accept, decline: ab.decline, suspend: ab.suspend, resume: ab.resume, end: ab.end },
  };
}
