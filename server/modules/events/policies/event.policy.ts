import { allow, anyOf, definePolicy, has, type Predicate } from '../../../platform/policy';
import type { Role } from '../../../../common';

/** What the policy needs to know about an event, from the viewer's side. */
export interface EventRecord {
  /** The organising agency (it chairs the committee). */
  organiserAgencyId: string;
  /** The viewer's agency's seat on the committee, if any. */
  myRole: 'chair' | 'member' | 'observer' | null;
  /** Accreditation lists are still taken in: the retention period has not come. */
  accreditationOpen: boolean;
}
type P = Predicate<EventRecord>;

const roleIn = (...roles: Role[]): P => (a) => a.roles.some((r) => roles.includes(r));
/** Staff of any committee agency: everyone but the platform operator (who manages agencies, not their work). */
const staff = roleIn('officer', 'analyst', 'liaison', 'supervisor', 'dpo', 'agency-admin', 'reviewer');
const operational = roleIn('officer', 'analyst', 'liaison', 'supervisor');
const supervisor = roleIn('supervisor');
const seated: P = (_a, r) => r.myRole !== null;
const voting: P = (_a, r) => r.myRole === 'chair' || r.myRole === 'member';
const chair: P = (a, r) => r.myRole === 'chair' && a.agencyId !== null && a.agencyId === r.organiserAgencyId;

/**
 * Major events. Who decides (documented here, enforced again by row-level security in migrations/0009_events.sql):
 * - an event and everything under it is seen by the staff of agencies on its security committee (chair, member or
 *   observer) and by nobody else — not other agencies, not the platform administrator (404, as if it did not exist);
 * - a supervisor creates an event for their own agency, which becomes the organiser and chairs the committee;
 * - the chair's supervisors edit the event, its venues and the committee (adding member and observer agencies, with
 *   no partnership needed: a committee is a multilateral arrangement agreed outside the platform);
 * - operational staff (officer, analyst, liaison, supervisor) of chair and member agencies log incidents, post updates,
 *   link cases they can see and upload accreditation lists; observers read only;
 * - accreditation lists hold personal data: read by operational staff and the data-protection officer of chair and
 *   member agencies (never observers); the committee's decision (approve, refer, deny) is taken by a supervisor of a
 *   chair or member agency.
 */
const read = allow(staff, seated);
const work = allow(read, voting, operational);

export const eventPolicy = definePolicy<EventRecord, 'read' | 'update' | 'manageVenues' | 'manageCommittee' | 'linkCase' | 'logIncident' | 'readAccreditation' | 'uploadAccreditation' | 'decideAccreditation'>({
  read,
  update: allow(read, chair, supervisor),
  manageVenues: allow(read, chair, supervisor),
  manageCommittee: allow(read, chair, supervisor),
  linkCase: allow(work, has('case.work')),
  logIncident: work,
  readAccreditation: allow(read, voting, anyOf(operational, roleIn('dpo'))),
  uploadAccreditation: allow(work, has('screening.run'), (_a, r) => r.accreditationOpen),
  decideAccreditation: allow(work, supervisor),
});

/** Creating an event: a supervisor, for their own agency. */
export const canCreateEvent = allow<unknown>(roleIn('supervisor') as Predicate<unknown>, (a) => a.agencyId !== null);

/** Who may change an incident: operational staff of chair and member agencies (observers read only). */
export const incidentPolicy = definePolicy<EventRecord, 'update'>({ update: work });
