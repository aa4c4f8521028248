import { allow, anyOf, definePolicy, has, type Predicate } from '../../../platform/policy';

export interface PartnershipRecord {
  proposerAgencyId: string;
  partnerAgencyId: string;
  status: string;
  suspendedByAgencyId: string | null;
}
type P = Predicate<PartnershipRecord>;

const party: P = (a, r) => a.agencyId !== null && (a.agencyId === r.proposerAgencyId || a.agencyId === r.partnerAgencyId);
const proposer: P = (a, r) => a.agencyId !== null && a.agencyId === r.proposerAgencyId;
const partnerSide: P = (a, r) => a.agencyId !== null && a.agencyId === r.partnerAgencyId;
const suspender: P = (a, r) => a.agencyId !== null && a.agencyId === r.suspendedByAgencyId;
const status = (...s: string[]): P => (_a, r) => s.includes(r.status);
const manage = has<PartnershipRecord>('partnership.manage');

/**
 * Partnerships: only the two agencies know of one. Their administrators see every state and act on it; their other
 * users see active partnerships only (whom they may work with). The side that was asked accepts or declines; the
 * proposer may withdraw a proposal (it ends); either side suspends or ends; only the side that suspended resumes.
 */
export const partnershipPolicy = definePolicy<PartnershipRecord, 'read' | 'accept' | 'decline' | 'suspend' | 'resume' | 'end'>({
  read: allow(party, anyOf(manage, status('active'))),
  accept: allow(manage, partnerSide, status('proposed')),
  decline: allow(manage, partnerSide, status('proposed')),
  suspend: allow(manage, party, status('active')),
  resume: allow(manage, suspender, status('suspended')),
  end: allow(manage, party, anyOf(status('active', 'suspended'), allow(proposer, status('proposed')))),
});

/** Proposing needs the right only; the rules of the framework are checked on the two agencies (../rules.ts). */
export const canProposePartnership = has<unknown>('partnership.manage');
