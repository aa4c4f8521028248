import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptChunk, encryptChunk, newDataKey, rechunk, rewrapDataKey, unwrapDataKey, wrapDataKey } from '../chunked';
import { loadMasterKey, pruneMasterKeyFile, rotateMasterKeyFile } from '../keys';
import { seal, unseal } from '../seal';

const dir = mkdtempSync(join(tmpdir(), 'tansiq-crypto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* from(pieces: Buffer[]) {
  for (const p of pieces) yield p;
}
async function collect(source: AsyncIterable<{ index: number; final: boolean; data: Buffer }>) {
  const out: { index: number; final: boolean; data: Buffer }[] = [];
  for await (const c of source) out.push(c);
  return out;
}

/** Encrypts a file the way the attachment upload does. */
async function encryptFile(fileId: string, key: Buffer, data: Buffer, size = 1000) {
  const chunks = await collect(rechunk(from([data.subarray(0, 333), data.subarray(333)]), size));
  return chunks.map((c) => ({ ...c, sealed: encryptChunk(key, fileId, c.index, c.final, c.data) }));
}
/** Decrypts the way the download does: indices in order, the last one flagged final. */
function decryptFile(fileId: string, key: Buffer, sealed: Buffer[]): Buffer {
  return Buffer.concat(sealed.map((s, i) => decryptChunk(key, fileId, i, i === sealed.length - 1, s)));
}

describe('chunked AES-256-GCM for files', () => {
  const fileId = randomUUID();
  const key = newDataKey();
  const data = randomBytes(3500);

  it('round-trips, cutting the stream into fixed chunks with the last one flagged', async () => {
    const enc = await encryptFile(fileId, key, data);
    expect(enc.map((c) => [c.index, c.final, c.data.length])).toEqual([[0, false, 1000], [1, false, 1000], [2, false, 1000], [3, true, 500]]);
    expect(decryptFile(fileId, key, enc.map((c) => c.sealed)).equals(data)).toBe(true);
  });

  it('an exact multiple of the chunk size ends on a full final chunk; an empty file is one empty final chunk', async () => {
    const even = await collect(rechunk(from([randomBytes(2000)]), 1000));
    expect(even.map((c) => [c.index, c.final, c.data.length])).toEqual([[0, false, 1000], [1, true, 1000]]);
    const empty = await collect(rechunk(from([]), 1000));
    expect(empty.map((c) => [c.index, c.final, c.data.length])).toEqual([[0, true, 0]]);
  });

  it('a tampered chunk fails', async () => {
    const sealed = (await encryptFile(fileId, key, data)).map((c) => c.sealed);
    const s1 = sealed[1]!;
    s1[20] = s1[20]! ^ 1;
    expect(() => decryptFile(fileId, key, sealed)).toThrow(/failed authentication/);
  });

  it('reordered chunks fail', async () => {
    const sealed = (await encryptFile(fileId, key, data)).map((c) => c.sealed);
    expect(() => decryptFile(fileId, key, [sealed[1]!, sealed[0]!, sealed[2]!, sealed[3]!])).toThrow(/Chunk 0/);
  });

  it('a file cut short after a chunk boundary fails (the new last chunk was not sealed as final)', async () => {
    const sealed = (await encryptFile(fileId, key, data)).map((c) => c.sealed);
    expect(() => decryptFile(fileId, key, sealed.slice(0, 3))).toThrow(/Chunk 2/);
    // A dropped middle chunk shifts every later index.
    expect(() => decryptFile(fileId, key, [sealed[0]!, sealed[2]!, sealed[3]!])).toThrow(/Chunk 1/);
  });

  it('a chunk moved to another file (other associated data) fails', async () => {
    const sealed = (await encryptFile(fileId, key, data)).map((c) => c.sealed);
    expect(() => decryptFile(randomUUID(), key, sealed)).toThrow(/failed authentication/);
    expect(() => decryptChunk(newDataKey(), fileId, 0, false, sealed[0]!)).toThrow(/failed authentication/);
  });
});

describe('data keys wrapped by the master key, with rotation', () => {
  it('unwraps only for the same file and an intact wrapped key; an unknown key id is named', () => {
    const file = join(dir, 'master-a.key');
    const master = loadMasterKey(file, true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const id = randomUUID();
    const dk = newDataKey();
    const w = wrapDataKey(master, dk, id);
    expect(w.keyId).toBe(master.id);
    expect(unwrapDataKey(master, w, id).equals(dk)).toBe(true);
    expect(() => unwrapDataKey(master, w, randomUUID())).toThrow();
    const bad = Buffer.from(w.wrapped);
    bad[15] = bad[15]! ^ 1;
    expect(() => unwrapDataKey(master, { keyId: w.keyId, wrapped: bad }, id)).toThrow();
    expect(() => unwrapDataKey(master, { keyId: 'ffffffffffffffff', wrapped: w.wrapped }, id)).toThrow(/master key ffffffffffffffff/);
    // A wrapped key relabelled with another loaded key's id does not open either.
    const other = loadMasterKey(join(dir, 'master-b.key'), true);
    expect(() => unwrapDataKey({ ...master, previous: [other] }, { keyId: other.id, wrapped: w.wrapped }, id)).toThrow();
  });

  it('rotation keeps old keys readable until rewrapped and pruned; sealed secrets survive it too', () => {
    const file = join(dir, 'master-r.key');
    const before = loadMasterKey(file, true);
    const id = randomUUID();
    const dk = newDataKey();
    const w = wrapDataKey(before, dk, id);
    const sealed = seal(before, 'JBSWY3DPEHPK3PXP', 'totp:x');
    const newId = rotateMasterKeyFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const after = loadMasterKey(file, false);
    expect(after.id).toBe(newId);
    expect(after.previous?.map((k) => k.id)).toEqual([before.id]);
    expect(unwrapDataKey(after, w, id).equals(dk)).toBe(true);
    expect(unseal(after, sealed, 'totp:x')).toBe('JBSWY3DPEHPK3PXP');
    const re = rewrapDataKey(after, w, id);
    expect(re.keyId).toBe(newId);
    expect(pruneMasterKeyFile(file)).toEqual([before.id]);
    const pruned = loadMasterKey(file, false);
    expect(unwrapDataKey(pruned, re, id).equals(dk)).toBe(true);
    expect(() => unwrapDataKey(pruned, w, id)).toThrow(/not in the master key file/);
  });

  it('still reads a master key file of 32 raw bytes', () => {
    const file = join(dir, 'raw.key');
    const raw = randomBytes(32);
    writeFileSync(file, raw, { mode: 0o600 });
    expect(loadMasterKey(file, false).key.equals(raw)).toBe(true);
    expect(readFileSync(file).length).toBe(32);
  });
});
