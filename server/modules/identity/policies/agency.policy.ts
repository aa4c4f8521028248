import { definePolicy, has, signedIn } from '../../../platform/policy';

export interface AgencyRecord {
  id: string;
  agencyId: string;
}

/** Agencies: a directory every signed-in user reads; only the platform administrator changes it. */
export const agencyPolicy = definePolicy<AgencyRecord, 'read' | 'update' | 'issueEnrolment'>({
  read: signedIn(),
  update: has('agency.manage'),
  issueEnrolment: has('enrolment.issue-first-admin'),
});
