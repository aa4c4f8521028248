import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Table types for Kysely. Column names are snake_case as in the migrations. */
export interface AgencyTable {
  id: Generated<string>;
  code: string;
  name: string;
  country: string;
  type: string;
  languages: string[];
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}
export interface DeskTable {
  id: Generated<string>;
  agency_id: string;
  code: string;
  name: string;
  is_ncb: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}
export interface UserTable {
  id: Generated<string>;
  agency_id: string;
  email: string;
  display_name: string;
  roles: string[];
  locale: Generated<string>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_counter: ColumnType<string | null, number | string | null, number | string | null>;
  recovery_codes: Generated<string[]>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}
export interface UserDeskTable {
  user_id: string;
  desk_id: string;
  agency_id: string;
}
export interface SessionTable {
  id: string;
  user_id: string;
  agency_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}
export interface ApiTokenTable {
  id: Generated<string>;
  agency_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
export interface EnrolmentLinkTable {
  id: Generated<string>;
  agency_id: string;
  user_id: string | null;
  email: string;
  display_name: string | null;
  roles: string[];
  purpose: 'first-admin' | 'new-user' | 'password-reset';
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface NotificationTable {
  id: Generated<string>;
  agency_id: string;
  user_id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}
export interface AuditEventTable {
  seq: ColumnType<string, never, never>;
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  actor_label: string | null;
  subject_agency_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  purpose: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}
export interface AuditCheckpointTable {
  seq: ColumnType<string, string | number, never>;
  hash: string;
  key_id: string;
  signature: string;
  signed_at: CreatedAt;
}

// ---- partnerships and cases (migrations/0002_cases.sql)
/** A timestamp with a database default that may also be set later. */
type DefaultedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export interface PartnershipTable {
  id: Generated<string>;
  proposer_agency_id: string;
  partner_agency_id: string;
  framework: string;
  instrument: Generated<string>;
  urgent_hours: number | null;
  normal_hours: number | null;
  transfer_conditions: Generated<string>;
  status: Generated<string>;
  status_reason: string | null;
  proposed_by: string | null;
  suspended_by_agency_id: string | null;
  created_at: CreatedAt;
  updated_at: DefaultedAt;
  activated_at: Timestamp | null;
  ended_at: Timestamp | null;
}
export interface CaseTable {
  id: string;
  agency_id: string;
  desk_id: string;
  title: string;
  summary: Generated<string>;
  crime_areas: string[];
  status: Generated<string>;
  restricted: Generated<boolean>;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: DefaultedAt;
}
export interface CaseParticipantTable {
  case_id: string;
  agency_id: string;
  role: 'owner' | 'participant';
  status: string;
  desk_id: string | null;
  invitation_title: Generated<string>;
  invitation_crime_areas: Generated<string[]>;
  invitation_restricted: Generated<boolean>;
  invitation_note: Generated<string>;
  invited_by: string | null;
  invited_by_agency_id: string | null;
  invited_at: DefaultedAt;
  responded_by: string | null;
  responded_at: Timestamp | null;
}
export interface CaseMemberTable {
  case_id: string;
  user_id: string;
  agency_id: string;
  display_name: string;
  named_by: string;
  named_at: DefaultedAt;
  removed_at: Timestamp | null;
}
export interface CaseTaskTable {
  id: Generated<string>;
  case_id: string;
  title: string;
  assignee_id: string;
  assignee_agency_id: string;
  /** A calendar day, 'YYYY-MM-DD'. */
  due_on: ColumnType<string, string, string>;
  status: Generated<string>;
  created_by: string;
  created_agency_id: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  done_at: Timestamp | null;
  done_by: string | null;
}
export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  kind: string;
  object_type: string;
  object_id: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

// ---- messages (migrations/0004_messages.sql)
export interface MessageTable {
  id: string;
  case_id: string;
  parent_id: string | null;
  sender_agency_id: string;
  sender_desk_id: string;
  sender_user_id: string;
  subject: string;
  body: string;
  body_format: 'plain' | 'markdown';
  purpose: string | null;
  handling_code: 'H0' | 'H1' | 'H2' | 'H3';
  handling_text: string | null;
  tlp: 'RED' | 'AMBER+STRICT' | 'AMBER' | 'GREEN' | 'CLEAR';
  source_reliability: 'A' | 'B' | 'C' | 'X';
  info_accuracy: number;
  priority: 'urgent' | 'normal';
  is_request: boolean;
  lang: string;
  search: ColumnType<string, unknown, never>;
  created_at: CreatedAt;
  origin_message_id: ColumnType<string | null, string | null | undefined, never>;
  origin_agency_id: ColumnType<string | null, string | null | undefined, never>;
}
export interface MessagePermissionTable {
  id: Generated<string>;
  origin_message_id: string;
  origin_agency_id: string;
  via_message_id: string;
  requester_agency_id: string;
  requested_by: string;
  kind: 'disseminate' | 'judicial';
  target_agency_id: string | null;
  reason: string;
  status: Generated<'pending' | 'granted' | 'refused'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: CreatedAt;
}
export interface MessageRecipientTable {
  message_id: string;
  agency_id: string;
  desk_id: string | null;
  framework: string;
  first_read_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  request_state: 'sent' | 'acknowledged' | 'extended' | 'answered' | 'refused' | 'clarification' | null;
  access_class: 'direct' | 'obtain' | null;
  due_at: Timestamp | null;
  extended_until: Timestamp | null;
  extension_reason: string | null;
  refusal_ground: string | null;
  answered_at: Timestamp | null;
  answer_id: string | null;
  clarification_question: string | null;
  clarification_asked_at: Timestamp | null;
  clarification_answered_at: Timestamp | null;
  clock_stopped_seconds: ColumnType<number, number | undefined, number>;
}
export interface MessageReadTable {
  message_id: string;
  user_id: string;
  agency_id: string;
  first_read_at: CreatedAt;
}
export interface DeskRedReaderTable {
  desk_id: string;
  user_id: string;
  agency_id: string;
  added_by: string;
  added_at: CreatedAt;
}
export interface MessageRedReaderTable {
  message_id: string;
  user_id: string;
  agency_id: string;
}
export interface MessageH3AckTable {
  message_id: string;
  user_id: string;
  agency_id: string;
  at: CreatedAt;
}

export interface DB {
  messages: MessageTable;
  message_recipients: MessageRecipientTable;
  message_reads: MessageReadTable;
  desk_red_readers: DeskRedReaderTable;
  message_red_readers: MessageRedReaderTable;
  message_h3_acks: MessageH3AckTable;
  message_permissions: MessagePermissionTable;
  agencies: AgencyTable;
  desks: DeskTable;
  users: UserTable;
  user_desks: UserDeskTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  enrolment_links: EnrolmentLinkTable;
  notifications: NotificationTable;
  audit_events: AuditEventTable;
  audit_checkpoints: AuditCheckpointTable;
  partnerships: PartnershipTable;
  cases: CaseTable;
  case_participants: CaseParticipantTable;
  case_members: CaseMemberTable;
  case_tasks: CaseTaskTable;
  case_events: CaseEventTable;
}
