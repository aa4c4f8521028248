import { allow, definePolicy, has, ownAgency, signedIn, type Predicate } from '../../../platform/policy';

export interface AgencyScoped {
  agencyId: string;
}
export interface BatchRecord {
  agencyId: string;
  userId: string | null;
  state: string;
}

const ownBatch = (): Predicate<BatchRecord> => (a, r) => a.userId !== null && a.userId === r.userId;
const active = (): Predicate<BatchRecord> => (_a, r) => r.state === 'queued' || r.state === 'running';

/** Screening one name or a list: officers, analysts and liaison officers (the permission screening.run). */
export const screeningPolicy = definePolicy<AgencyScoped, 'screen' | 'readSettings' | 'updateSettings'>({
  screen: allow(has('screening.run'), ownAgency()),
  readSettings: allow(signedIn(), ownAgency()),
  updateSettings: allow(has('watchlist.manage-agency'), ownAgency()),
});

/**
 * A batch holds the names of the people on a list: only the officer who uploaded it reads its results (an
 * administrator cancels a stuck job through the jobs API, but does not read the list).
 */
export const batchPolicy = definePolicy<BatchRecord, 'read' | 'cancel' | 'delete'>({
  read: allow(has('screening.run'), ownAgency(), ownBatch()),
  cancel: allow(has('screening.run'), ownAgency(), ownBatch(), active()),
  delete: allow(has('screening.run'), ownAgency(), ownBatch()),
});
