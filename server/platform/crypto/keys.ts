import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** The master key (32 bytes) that wraps data keys and encrypts second-factor secrets. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Reads the master key file (base64 or 32 raw bytes); creates one when `create` is set (embedded demo mode). */
export function loadMasterKey(file: string, create: boolean): MasterKey {
  if (!existsSync(file)) {
    if (!create) throw new Error(`The master key file ${file} does not exist. Create one with: head -c 32 /dev/urandom | base64 > ${file}`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  }
  const raw = readFileSync(file);
  const text = raw.toString('utf8').trim();
  const key = /^[A-Za-z0-9+/=\s]+$/.test(text) && Buffer.from(text, 'base64').length === 32 ? Buffer.from(text, 'base64') : raw;
  if (key.length !== 32) throw new Error(`The master key file ${file} must hold 32 bytes (raw or base64).`);
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
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
