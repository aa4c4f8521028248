import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The master key (32 bytes) that wraps data keys and encrypts second-factor secrets. `previous` holds older master
 * keys kept only to open what they wrapped until it is rewrapped (rotation: `tansiq keys rotate`).
 */
export interface MasterKey {
  id: string;
  key: Buffer;
  previous?: MasterKey[];
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * Reads the master key file: one key per line (base64 of 32 bytes), the current key first and retired ones after
 * it; or, as before, a file of 32 raw bytes. Creates one when `create` is set (embedded demo mode).
 */
export function loadMasterKey(file: string, create: boolean): MasterKey {
  if (!existsSync(file)) {
    if (!create) throw new Error(`The master key file ${file} does not exist. Create one with: head -c 32 /dev/urandom | base64 > ${file}`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  }
  const raw = readFileSync(file);
  const text = raw.toString('utf8').trim();
  const lines = /^[A-Za-z0-9+/=\s]+$/.test(text) ? text.split(/\s+/).filter(Boolean).map((l) => Buffer.from(l, 'base64')) : [];
  const keys = lines.length > 0 && lines.every((k) => k.length === 32) ? lines : [raw];
  if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error(`The master key file ${file} must hold 32 bytes (raw), or one base64 key of 32 bytes per line.`);
  const [current, ...older] = keys.map((key) => ({ id: keyId(key), key }));
  return { ...current!, previous: older };
}

/** The master key with this id (the current one or a retired one still in the file), or null. */
export function masterKeyById(master: MasterKey, id: string): MasterKey | null {
  if (master.id === id) return master;
  return master.previous?.find((k) => k.id === id) ?? null;
}

/**
 * Puts a new master key first in the file and keeps the older ones after it (they still open what they wrapped).
 * Returns the new key's id. The file stays 0600.
 */
export function rotateMasterKeyFile(file: string): string {
  const old = loadMasterKey(file, false);
  const key = randomBytes(32);
  const lines = [key, old.key, ...(old.previous ?? []).map((k) => k.key)].map((k) => k.toString('base64'));
  writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return keyId(key);
}

/** Drops retired master keys from the file (after everything was rewrapped), keeping only the current one. */
export function pruneMasterKeyFile(file: string): string[] {
  const master = loadMasterKey(file, false);
  writeFileSync(file, master.key.toString('base64') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return (master.previous ?? []).map((k) => k.id);
}

/** The audit signing key (Ed25519, PEM). Its id is a hash of the public key. */
export interface AuditKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function loadAuditKey(file: string, create: boolean): AuditKey {
  if (!existsSync(file)) {
    if (!create) throw new Error(`The audit key file ${file} does not exist. Create one with: openssl genpkey -algorithm ed25519 -out ${file}`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch {
    throw new Error(`The audit key file ${file} is not a PEM private key.`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`The audit key in ${file} must be Ed25519.`);
  const publicKey = createPublicKey(privateKey);
  const id = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  return { id, privateKey, publicKey };
}
