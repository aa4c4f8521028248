import { z } from 'zod';
import { ROLES, AGENCY_ASSIGNABLE_ROLES } from '../roles';
import { AGENCY_TYPES, AGENCY_LANGUAGES } from '../agencies';
import { LOCALES } from '../i18n';

/** Passwords: at least 12 characters (deny-list checked on the server), at most 256 to bound hashing cost. */
export const ZPassword = z.string().min(12, 'At least 12 characters.').max(256, 'At most 256 characters.');
export const ZEmail = z.string().trim().toLowerCase().email('Not an e-mail address.').max(254);
export const ZRole = z.enum(ROLES);
export const ZLocale = z.enum(LOCALES);
export const ZUuid = z.uuid('Not a valid identifier.');

export const ZLoginRequest = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(256),
  totp: z.string().trim().max(32).optional(),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZChangePasswordRequest = z.object({ currentPassword: z.string().max(256), newPassword: ZPassword });
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZUpdateMeRequest = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  locale: ZLocale.optional(),
});
export type TUpdateMeRequest = z.infer<typeof ZUpdateMeRequest>;

export const ZTotpConfirmRequest = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Six digits.') });
export const ZTotpDisableRequest = z.object({ password: z.string().max(256) });

export const ZCreateAgencyRequest = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,31}$/, 'Lower-case letters, digits and dashes, 2 to 32 characters.'),
  name: z.string().trim().min(2).max(200),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'A two-letter ISO 3166 country code.'),
  type: z.enum(AGENCY_TYPES),
  languages: z.array(z.enum(AGENCY_LANGUAGES)).min(1).max(10),
});
export type TCreateAgencyRequest = z.infer<typeof ZCreateAgencyRequest>;
export const ZUpdateAgencyRequest = ZCreateAgencyRequest.omit({ code: true }).partial().extend({ disabled: z.boolean().optional() });
export type TUpdateAgencyRequest = z.infer<typeof ZUpdateAgencyRequest>;

export const ZEnrolmentLinkRequest = z.object({ email: ZEmail, displayName: z.string().trim().min(1).max(120).optional() });
export type TEnrolmentLinkRequest = z.infer<typeof ZEnrolmentLinkRequest>;

export const ZEnrolRequest = z.object({ displayName: z.string().trim().min(1).max(120), password: ZPassword });
export type TEnrolRequest = z.infer<typeof ZEnrolRequest>;

export const ZCreateDeskRequest = z.object({
  name: z.string().trim().min(2).max(200),
  code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,31}$/, 'Lower-case letters, digits and dashes, 2 to 32 characters.'),
  isNcb: z.boolean().default(false),
});
export type TCreateDeskRequest = z.infer<typeof ZCreateDeskRequest>;
export const ZUpdateDeskRequest = z.object({ name: z.string().trim().min(2).max(200).optional(), disabled: z.boolean().optional() });
export type TUpdateDeskRequest = z.infer<typeof ZUpdateDeskRequest>;

export const ZAgencyRole = z.enum(AGENCY_ASSIGNABLE_ROLES as [string, ...string[]]);
export const ZCreateUserRequest = z.object({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(ZAgencyRole).min(1).max(8),
  deskIds: z.array(ZUuid).max(50).default([]),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;
export const ZUpdateUserRequest = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  roles: z.array(ZAgencyRole).min(1).max(8).optional(),
  deskIds: z.array(ZUuid).max(50).optional(),
  disabled: z.boolean().optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;
export const ZResetUserRequest = z.object({ kind: z.enum(['password', 'totp']) });

export const ZCreateTokenRequest = z.object({ name: z.string().trim().min(1).max(120), expiresInDays: z.number().int().min(1).max(366).default(90) });

export const ZAuditQuery = z.object({
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(100).optional(),
  actorUserId: ZUuid.optional(),
  /** Part of the name or e-mail address of one of the reader's own agency's users. */
  actor: z.string().trim().min(1, 'Type part of a name or an e-mail address.').max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

// ---- Presented records (what the API returns) ----

export interface PAgency {
  id: string;
  code: string;
  name: string;
  country: string;
  type: (typeof AGENCY_TYPES)[number];
  languages: string[];
  disabled: boolean;
  abilities: { update: boolean; issueEnrolment: boolean };
}
export interface PDesk {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  isNcb: boolean;
  disabled: boolean;
  abilities: { update: boolean };
}
export interface PUser {
  id: string;
  agencyId: string;
  email: string;
  displayName: string;
  roles: string[];
  deskIds: string[];
  locale: string;
  totpEnabled: boolean;
  disabled: boolean;
  enrolled: boolean;
  createdAt: string;
  abilities: { update: boolean; disable: boolean; reset: boolean };
}
export interface PMe {
  user: PUser;
  agency: PAgency;
  desks: PDesk[];
  permissions: string[];
  abilities: Record<string, boolean>;
  csrfToken: string | null;
}
export interface PAuditEvent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorAgencyId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  purpose: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}
