import { randomUUID } from 'node:crypto';
import { withActor, type Actor, type Ctx } from '../db';
import { CHUNK_BYTES, decryptChunk, encryptChunk, newDataKey, rechunk, unwrapDataKey, wrapDataKey, type WrappedKey } from '../crypto';
import { AppError } from '../http';
import type { Deps } from '../deps';

/** An upload still unfinished this long after it began was cut off (the server or the connection went away): clean-up jobs remove it. */
export const INTERRUPTED_UPLOAD_MS = 60 * 60 * 1000;

/** The upload stream says the file passed the size limit (@fastify/multipart's error code). */
export const isTooLarge = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
/** The error an over-limit stream ends with (as @fastify/multipart's own). */
export const tooLargeError = (): Error => Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });

/** Where one kind of encrypted file lives: the module's own tables, written under its own row-level security. */
export interface EncryptedFileTables {
  /** Inserts the file's row as still uploading, with its wrapped data key (the first chunk decided the type). */
  create(ctx: Ctx, file: { id: string; mediaType: string; chunkBytes: number; key: WrappedKey }): Promise<void>;
  /** Inserts one sealed chunk. */
  putChunk(ctx: Ctx, id: string, idx: number, sealed: Buffer): Promise<void>;
  /** Marks the file complete (and does whatever else completes it, e.g. the audit event), in one transaction. */
  finish(ctx: Ctx, file: { id: string; mediaType: string; size: number; chunks: number }): Promise<void>;
  /** Removes what a failed upload left (the file row and its chunks). */
  discard(ctx: Ctx, id: string): Promise<void>;
}

export interface StoredFile { id: string; mediaType: string; size: number; chunks: number }

/**
 * Stores an uploaded file encrypted, as it streams: the stream is cut into chunks, the first one decides the type
 * (`detect` refuses what is not accepted before anything reaches the database), each chunk is encrypted (AES-256-GCM
 * under a fresh data key wrapped by the master key, the file id bound into every chunk: server/platform/crypto/chunked.ts)
 * and written in its own short transaction, so a large upload neither holds the whole file in memory nor the embedded
 * database's one connection for its whole length. The file becomes usable only when complete (`finish`); a failed,
 * empty or over-limit upload leaves nothing behind. Over `maxBytes`, it ends with 413 and `tooLargeMessage`.
 */
export async function storeEncryptedFile(deps: Deps, actor: Actor, ip: string | null, o: {
  stream: AsyncIterable<Buffer>;
  maxBytes: number;
  detect: (head: Buffer) => Promise<string>;
  tables: EncryptedFileTables;
  tooLargeMessage: string;
}): Promise<StoredFile> {
  const id = randomUUID();
  const dataKey = newDataKey();
  const key = wrapDataKey(deps.masterKey, dataKey, id);
  const limitMb = Math.round(o.maxBytes / 1024 / 1024 * 10) / 10;
  let created = false;
  let size = 0;
  let chunks = 0;
  let mediaType = '';
  try {
    for await (const chunk of rechunk(o.stream, CHUNK_BYTES)) {
      if (chunk.index === 0) {
        mediaType = await o.detect(chunk.data);
        await withActor(deps.db, actor, ip, (ctx) => o.tables.create(ctx, { id, mediaType, chunkBytes: CHUNK_BYTES, key }));
        created = true;
      }
      size += chunk.data.length;
      if (size > o.maxBytes) throw tooLargeError();
      const sealed = encryptChunk(dataKey, id, chunk.index, chunk.final, chunk.data);
      await withActor(deps.db, actor, ip, (ctx) => o.tables.putChunk(ctx, id, chunk.index, sealed));
      chunks = chunk.index + 1;
    }
    if (size === 0) throw new AppError(400, 'bad_request', 'The file is empty.', [{ path: 'file', message: 'Empty.' }]);
    await withActor(deps.db, actor, ip, (ctx) => o.tables.finish(ctx, { id, mediaType, size, chunks }));
    return { id, mediaType, size, chunks };
  } catch (e) {
    if (created) await withActor(deps.db, actor, ip, (ctx) => o.tables.discard(ctx, id));
    if (isTooLarge(e)) throw new AppError(413, 'payload_too_large', o.tooLargeMessage, [{ path: 'file', message: `Over ${limitMb} MB.`, maximum: limitMb }]);
    throw e;
  }
}

/** A stored file as the reader needs it: its id (bound into every chunk), its chunk count and its wrapped data key. */
export interface SealedFile { id: string; chunkCount: number; key: WrappedKey }

/**
 * The plaintext of a stored file, chunk by chunk: each chunk read in its own short transaction (under the same
 * row-level security, through `readChunk`) and decrypted as the client takes it. A chunk altered, moved, dropped or
 * a file cut short fails authentication and ends the stream with an error.
 */
export async function* readEncryptedFile(deps: Deps, actor: Actor, ip: string | null, file: SealedFile, readChunk: (ctx: Ctx, id: string, idx: number) => Promise<Buffer | undefined>): AsyncGenerator<Buffer> {
  const dataKey = unwrapDataKey(deps.masterKey, file.key, file.id);
  for (let i = 0; i < file.chunkCount; i++) {
    const data = await withActor(deps.db, actor, ip, (ctx) => readChunk(ctx, file.id, i));
    if (!data) throw new Error(`Chunk ${i} of file ${file.id} is missing.`);
    yield decryptChunk(dataKey, file.id, i, i === file.chunkCount - 1, data);
  }
}
