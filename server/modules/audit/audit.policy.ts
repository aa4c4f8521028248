import { definePolicy, has, ownAgency } from '../../platform/policy';
import { allow } from '../../platform/policy';

/** Supervisors, data-protection officers and agency administrators read their own agency's audit trail. */
export const auditPolicy = definePolicy<{ agencyId: string }, 'read' | 'export'>({
  read: allow(has('audit.read'), ownAgency()),
  export: allow(has('audit.read'), ownAgency()),
});
