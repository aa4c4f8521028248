import { allow, definePolicy, has, ownAgency, signedIn } from '../../../platform/policy';

export interface DeskRecord {
  id: string;
  agencyId: string;
}

/** Desks are addressable by every agency (messages go to desks); only their own agency's administrator edits them. */
export const deskPolicy = definePolicy<DeskRecord, 'read' | 'update'>({
  read: signedIn(),
  update: allow(has('desk.manage'), ownAgency()),
});
