import { allow, anyOf, definePolicy, has, isSelf, not, ownAgency } from '../../../platform/policy';

export interface UserRecord {
  id: string;
  agencyId: string;
}

/**
 * Staff records never leave their agency. An agency administrator manages the agency's users, but cannot
 * disable or reset themselves (so an agency always keeps a working administrator).
 */
export const userPolicy = definePolicy<UserRecord, 'read' | 'update' | 'disable' | 'reset'>({
  read: anyOf(isSelf(), allow(has('user.manage'), ownAgency())),
  update: allow(has('user.manage'), ownAgency()),
  disable: allow(has('user.manage'), ownAgency(), not(isSelf())),
  reset: allow(has('user.manage'), ownAgency(), not(isSelf())),
});
