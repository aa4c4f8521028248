import type { PAuditEvent, PUser } from '../../../common';

/** Shapes the API answers with that are not shared records of common/. */
export interface LoginResponse {
  user: PUser;
  csrfToken: string;
}
export interface EnrolmentInfo {
  email: string;
  displayName?: string | null;
  agency: { name: string; code?: string; country?: string } | string;
  kind?: string;
  expiresAt?: string;
}
export interface TotpSetup {
  otpauthUri: string;
  qrSvgDataUrl: string;
  secret: string;
}
export interface ApiTokenRecord {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  prefix?: string;
}
export interface NotificationRecord {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}
export interface AuditPage {
  events: PAuditEvent[];
  nextBefore: number | null;
}
export interface EnrolmentLink {
  enrolmentUrl: string;
  expiresAt?: string;
}
