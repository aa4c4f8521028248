import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../../platform/db';
import type { EncryptedChunkColumns, EncryptedFileColumns } from '../../../platform/files';

/** Tables of migrations/0008_attachments.sql (the foundation's DB type does not list them). */
export interface AttachmentTable extends EncryptedFileColumns {
  id: string;
  filename: string;
  media_type: string;
}
export interface AttachmentChunkTable extends EncryptedChunkColumns {
  attachment_id: string;
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
