import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { HandlingCode, NoticeColour, NoticeKind, NoticeState, TlpMarking, TNoticeSubject } from '../../../common';
import type { DB } from '../../platform/db';
import type { EncryptedChunkColumns, EncryptedFileColumns } from '../../platform/files';
import type { ScreeningDB } from '../watchlists';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

/** Tables of migrations/0006_notices.sql. */
export interface NoticeTable {
  id: Generated<string>;
  reference: string | null;
  colour: NoticeColour;
  kind: NoticeKind;
  state: Generated<NoticeState>;
  awaiting_approval: Generated<boolean>;
  agency_id: string;
  desk_id: string | null;
  subject_type: 'person' | 'organisation';
  subject: Json<TNoticeSubject>;
  display_name: string;
  names_text: string;
  offence: string;
  warrant_reference: string | null;
  requesting_authority: string | null;
  legal_basis: string | null;
  valid_until: ColumnType<string | null, string | null, string | null>;
  handling_code: HandlingCode;
  tlp: TlpMarking;
  case_id: string | null;
  state_reason: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  requested_at: Timestamp | null;
  published_at: Timestamp | null;
  reviewed_at: Timestamp | null;
}
export interface NoticeAddresseeTable {
  notice_id: string;
  agency_id: string;
  notice_agency_id: string;
}
export interface NoticeEventTable {
  id: Generated<string>;
  notice_id: string;
  at: CreatedAt;
  action: string;
  from_state: NoticeState | null;
  to_state: NoticeState;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  reason: string | null;
}
export interface HitTable {
  id: Generated<string>;
  agency_id: string;
  user_id: string;
  origin: 'single' | 'batch' | 'document-check' | 'accreditation';
  source: 'notice' | 'watchlist' | 'document';
  notice_id: string | null;
  watchlist_id: string | null;
  entry_id: string | null;
  document_id: string | null;
  owner_agency_id: string | null;
  score: number;
  matched_name: string;
  query: Json<Record<string, unknown>>;
  job_id: string | null;
  row_no: number | null;
  purpose: string | null;
  state: Generated<'open' | 'confirmed' | 'discarded'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  location: string | null;
  encountered_at: string | null;
  case_id: string | null;
  message_id: string | null;
  notify_problem: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
}
/** Tables of migrations/0012_notice_photos.sql: the subject's photo, encrypted at rest in chunks. */
export interface NoticePhotoTable extends EncryptedFileColumns {
  id: string;
  notice_id: string;
  media_type: 'image/jpeg' | 'image/png' | 'image/webp';
}
export interface NoticePhotoChunkTable extends EncryptedChunkColumns {
  photo_id: string;
}
export interface NoticesDB extends DB, ScreeningDB {
  notice_photos: NoticePhotoTable;
  notice_photo_chunks: NoticePhotoChunkTable;
  notices: NoticeTable;
  notice_addressees: NoticeAddresseeTable;
  notice_events: NoticeEventTable;
  hits: HitTable;
}

/** The same transaction, typed with the notices and hits tables. */
export function ntx(tx: Transaction<DB> | Kysely<DB>): Kysely<NoticesDB> {
  return tx as unknown as Kysely<NoticesDB>;
}
