/**
 * Roles and the permissions they carry. The server enforces these through its policies; the web app
 * only reads the abilities the server presents with each record and never re-derives a rule.
 */
export const ROLES = ['officer', 'analyst', 'liaison', 'supervisor', 'dpo', 'agency-admin', 'platform-admin', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'case.work',
  'entity.work',
  'request.start',
  'notice.approve',
  'desk.red-readers',
  'audit.read',
  'access-report.read',
  'user.manage',
  'desk.manage',
  'partnership.manage',
  'watchlist.manage-agency',
  'agency.manage',
  'enrolment.issue-first-admin',
  'watchlist.manage-global',
  'notice.review',
  'screening.run',
  'document.register',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OFFICER: Permission[] = ['case.work', 'screening.run', 'document.register'];

/** The role → permission map of DESIGN.md. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  officer: OFFICER,
  analyst: [...OFFICER, 'entity.work'],
  liaison: [...OFFICER, 'request.start'],
  supervisor: ['notice.approve', 'desk.red-readers', 'audit.read', 'document.register'],
  dpo: ['audit.read', 'access-report.read'],
  'agency-admin': ['user.manage', 'desk.manage', 'partnership.manage', 'watchlist.manage-agency', 'audit.read'],
  'platform-admin': ['agency.manage', 'enrolment.issue-first-admin', 'watchlist.manage-global'],
  reviewer: ['notice.review'],
};

/** Roles an agency administrator may hand out inside their agency (never platform-admin). */
export const AGENCY_ASSIGNABLE_ROLES: readonly Role[] = ['officer', 'analyst', 'liaison', 'supervisor', 'dpo', 'agency-admin', 'reviewer'];

/** All permissions that a set of roles grants. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}
