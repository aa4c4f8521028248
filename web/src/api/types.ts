import type { PAuditEvent } from '../../../common';

/** Shapes the API answers with that are not shared records of common/. */
/** What an enrolment link is for (GET /api/enrol/:token). */
export interface EnrolmentInfo {
  email: string;
  agencyName: string;
  displayName: string | null;
  purpose: string;
  expiresAt: string;
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
  lastUsedAt: string | null;
  revoked: boolean;
  prefix: string;
  abilities: { revoke: boolean };
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
  enrolmentUrl: string | null;
  expiresAt?: string;
}
