import type { ColumnType } from 'kysely';

/**
 * The columns every encrypted-file table shares (attachments, notice photos …): who uploaded it, its size in chunks,
 * the data key wrapped by the master key named in key_id, and whether it is complete. Each module's table adds its
 * own id, owner and type columns.
 */
export interface EncryptedFileColumns {
  agency_id: string;
  uploaded_by: string;
  size_bytes: ColumnType<string, number | undefined, number>;
  chunk_bytes: number;
  chunk_count: ColumnType<number, number | undefined, number>;
  key_id: string;
  wrapped_key: Buffer;
  status: ColumnType<'uploading' | 'ready', 'uploading' | undefined, 'ready'>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The ciphertext chunks of one file: nonce | ciphertext | tag, never updated. */
export interface EncryptedChunkColumns {
  idx: number;
  data: Buffer;
}
