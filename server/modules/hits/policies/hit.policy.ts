import { allow, definePolicy, has, ownAgency, type Predicate } from '../../../platform/policy';

export interface HitRecord {
  agencyId: string;
  userId: string;
  state: 'open' | 'confirmed' | 'discarded';
}

const screenedByActor = (): Predicate<HitRecord> => (a, r) => a.userId !== null && a.userId === r.userId;

/**
 * A hit holds the record of the person screened: only the officer who screened reads it in full and decides it
 * (DESIGN.md: officers "confirm or discard their hits"). The agency whose notice or document was hit sees confirmed
 * hits without the screened record.
 */
export const hitPolicy = definePolicy<HitRecord, 'read' | 'decide'>({
  read: allow(has('screening.run'), ownAgency(), screenedByActor()),
  decide: allow(has('screening.run'), ownAgency(), screenedByActor(), (_a, r) => r.state === 'open'),
});
