import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../../platform/db';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Tables of migrations/0008_attachments.sql (the foundation's DB type does not list them). */
export interface AttachmentTable {
  id: string;
  agency_id: string;
  uploaded_by: string;
  filename: string;
  media_type: string;
  size_bytes: ColumnType<string, number | undefined, number>;
  chunk_bytes: number;
  chunk_count: ColumnType<number, number | undefined, number>;
  key_id: string;
  wrapped_key: Buffer;
  status: ColumnType<'uploading' | 'ready', 'uploading' | undefined, 'ready'>;
  created_at: CreatedAt;
}
export interface AttachmentChunkTable {
  attachment_id: string;
  idx: number;
  data: Buffer;
}
export interface MessageAttachmentTable {
  message_id: string;
  attachment_id: string;
  position: ColumnType<number, number | undefined, never>;
}
export interface AttachmentsDB extends DB {
  attachments: AttachmentTable;
  attachment_chunks: AttachmentChunkTable;
  message_attachments: MessageAttachmentTable;
}

/** The same transaction, typed with the attachment tables. */
export function atx(tx: Transaction<DB> | Kysely<DB>): Kysely<AttachmentsDB> {
  return tx as unknown as Kysely<AttachmentsDB>;
}
