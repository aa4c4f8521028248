import { allow, anyOf, definePolicy, has, ownAgency, type Predicate } from '../policy';

export interface JobRecord {
  agencyId: string;
  userId: string | null;
  state: string;
}

const ownJob = (): Predicate<JobRecord> => (a, r) => a.userId !== null && a.userId === r.userId;
const active = (): Predicate<JobRecord> => (_a, r) => r.state === 'queued' || r.state === 'running';

/**
 * Jobs: the user who started one follows and cancels it; the agency's administrator sees and cancels the
 * agency's jobs (a stuck import). Another agency never learns it exists (404).
 */
export const jobPolicy = definePolicy<JobRecord, 'read' | 'cancel'>({
  read: allow(ownAgency(), anyOf(ownJob(), has('user.manage'))),
  cancel: allow(ownAgency(), anyOf(ownJob(), has('user.manage')), active()),
});
