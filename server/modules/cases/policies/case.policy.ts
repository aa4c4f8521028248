import { allow, anyOf, definePolicy, has, not, type Predicate } from '../../../platform/policy';

/** What the policy needs to know about a case, from the viewer's side. */
export interface CaseRecord {
  /** The owning agency. */
  agencyId: string;
  status: string;
  restricted: boolean;
  /** The viewer's agency's participation, if any. */
  participation: { role: 'owner' | 'participant'; status: string } | null;
  /** The viewer is a named member of the case (not removed). */
  member: boolean;
}
type P = Predicate<CaseRecord>;

const worker = has<CaseRecord>('case.work');
const activeParticipant: P = (_a, r) => r.participation?.status === 'active';
const invited: P = (_a, r) => r.participation?.status === 'invited';
const owner: P = (a, r) => a.agencyId !== null && a.agencyId === r.agencyId && r.participation?.role === 'owner';
const namedIfRestricted: P = (_a, r) => !r.restricted || r.member;
const open: P = (_a, r) => r.status === 'open';

/**
 * Cases. A case is seen by case workers (officer, analyst, liaison) of an agency that actively takes part in it and,
 * when it is restricted to a joint team, only by its named members. Nobody else: not other agencies, not an agency that
 * is only invited, not the platform administrator, the DPO or the agency administrator (no `case.work`).
 * The same rule is enforced by row-level security (tansiq_case_ids() in migrations/0002_cases.sql).
 */
const read = allow(worker, activeParticipant, namedIfRestricted);

export const casePolicy = definePolicy<CaseRecord, 'read' | 'update' | 'changeStatus' | 'invite' | 'answer' | 'leave' | 'nameMembers' | 'createTask'>({
  read,
  update: allow(read, owner, open),
  changeStatus: allow(read, owner),
  // Bringing another agency into a case is sharing with a partner: the liaison's right (`request.start`).
  invite: allow(read, owner, open, has('request.start')),
  answer: allow(worker, invited),
  leave: allow(read, not(owner)),
  nameMembers: allow(read),
  createTask: allow(read, open),
});

export interface TaskRecord {
  caseOpen: boolean;
  assigneeId: string;
  createdBy: string;
  createdAgencyId: string;
  status: string;
}
type T = Predicate<TaskRecord>;
const assignee: T = (a, r) => a.userId !== null && a.userId === r.assigneeId;
const creatorSide: T = (a, r) => a.agencyId !== null && a.agencyId === r.createdAgencyId;
const caseOpen: T = (_a, r) => r.caseOpen;

/** Tasks (only ever checked on a case the viewer may read): the assignee and the creating agency act on them. */
export const taskPolicy = definePolicy<TaskRecord, 'update' | 'complete' | 'reopen'>({
  update: allow(caseOpen, creatorSide),
  complete: allow(caseOpen, anyOf(assignee, creatorSide), (_a, r) => r.status === 'open'),
  reopen: allow(caseOpen, anyOf(assignee, creatorSide), (_a, r) => r.status === 'done'),
});

/** Lists, invitations and the new-case form: only for those who work cases. */
export const canWorkCases = has<unknown>('case.work');
