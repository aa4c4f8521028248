import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { masterKeyById, type MasterKey } from './keys';

/**
 * Files at rest (attachments): AES-256-GCM in fixed-size chunks under a random data key per file, so a large file is
 * encrypted and decrypted as it streams. Each chunk has its own random nonce and tag; its associated data binds the
 * file id, the chunk index and whether it is the last chunk, so chunks cannot be swapped between files, reordered,
 * dropped, or the file cut short after a chunk boundary. The data key is wrapped (AES-256-GCM) by the master key,
 * bound to the file id and the master key's id, which is stored with it so the master key can rotate.
 */

/** Plaintext bytes per chunk (the last chunk may be shorter, or empty for an empty file). */
export const CHUNK_BYTES = 512 * 1024;
const NONCE = 12;
const TAG = 16;
const VERSION = Buffer.from('tansiq-file-v1');

/** A data key wrapped by a master key. */
export interface WrappedKey {
  keyId: string;
  wrapped: Buffer;
}

/** A fresh random 256-bit data key for one file. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('A file id must be a UUID.');
  return Buffer.from(hex, 'hex');
}

function wrapAad(fileId: string, keyId: string): Buffer {
  return Buffer.concat([VERSION, Buffer.from(':key:'), uuidBytes(fileId), Buffer.from(keyId)]);
}

/** The associated data of one chunk: version, file id, index, last-chunk flag. */
export function chunkAad(fileId: string, index: number, final: boolean): Buffer {
  const idx = Buffer.alloc(5);
  idx.writeUInt32BE(index, 0);
  idx.writeUInt8(final ? 1 : 0, 4);
  return Buffer.concat([VERSION, Buffer.from(':chunk:'), uuidBytes(fileId), idx]);
}

/** Wraps a file's data key with the current master key. Layout: nonce | ciphertext | tag. */
export function wrapDataKey(master: MasterKey, dataKey: Buffer, fileId: string): WrappedKey {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', master.key, nonce);
  c.setAAD(wrapAad(fileId, master.id));
  const ct = Buffer.concat([c.update(dataKey), c.final()]);
  return { keyId: master.id, wrapped: Buffer.concat([nonce, ct, c.getAuthTag()]) };
}

/** Unwraps a file's data key with the master key it names (current or retired); throws if unknown or tampered. */
export function unwrapDataKey(master: MasterKey, w: WrappedKey, fileId: string): Buffer {
  const key = masterKeyById(master, w.keyId);
  if (!key) throw new Error(`The file's data key is wrapped by master key ${w.keyId}, which is not in the master key file.`);
  if (w.wrapped.length !== NONCE + 32 + TAG) throw new Error('A wrapped data key has the wrong length.');
  const d = createDecipheriv('aes-256-gcm', key.key, w.wrapped.subarray(0, NONCE));
  d.setAAD(wrapAad(fileId, w.keyId));
  d.setAuthTag(w.wrapped.subarray(NONCE + 32));
  return Buffer.concat([d.update(w.wrapped.subarray(NONCE, NONCE + 32)), d.final()]);
}

/** Rewraps a data key under the current master key (rotation); the file's chunks are untouched. */
export function rewrapDataKey(master: MasterKey, w: WrappedKey, fileId: string): WrappedKey {
  return wrapDataKey(master, unwrapDataKey(master, w, fileId), fileId);
}

/** Encrypts one chunk. Layout: nonce | ciphertext | tag. */
export function encryptChunk(dataKey: Buffer, fileId: string, index: number, final: boolean, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', dataKey, nonce);
  c.setAAD(chunkAad(fileId, index, final));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([nonce, ct, c.getAuthTag()]);
}

/** Decrypts one chunk, or throws if it was altered, moved, or its position or last-chunk flag differ. */
export function decryptChunk(dataKey: Buffer, fileId: string, index: number, final: boolean, sealed: Buffer): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error(`Chunk ${index} is too short.`);
  const d = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(0, NONCE));
  d.setAAD(chunkAad(fileId, index, final));
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(NONCE, sealed.length - TAG)), d.final()]);
  } catch {
    throw new Error(`Chunk ${index} of file ${fileId} failed authentication (altered, moved or cut short).`);
  }
}

/**
 * Cuts a byte stream into CHUNK_BYTES pieces and says which is the last, holding one piece back until the next one
 * starts (or the stream ends). Memory stays at about two chunks whatever the stream's length. An empty stream gives
 * one empty final chunk, so every file has at least one authenticated chunk.
 */
export async function* rechunk(source: AsyncIterable<Buffer>, size = CHUNK_BYTES): AsyncGenerator<{ index: number; final: boolean; data: Buffer }> {
  let parts: Buffer[] = [];
  let have = 0;
  let held: Buffer | null = null;
  let index = 0;
  for await (const piece of source) {
    let rest = piece;
    while (rest.length > 0) {
      const take = Math.min(size - have, rest.length);
      parts.push(rest.subarray(0, take));
      have += take;
      rest = rest.subarray(take);
      if (have === size) {
        if (held) yield { index: index++, final: false, data: held };
        held = Buffer.concat(parts, have);
        parts = [];
        have = 0;
      }
    }
  }
  if (have > 0) {
    if (held) yield { index: index++, final: false, data: held };
    held = Buffer.concat(parts, have);
  }
  yield { index, final: true, data: held ?? Buffer.alloc(0) };
}
