import { createCipheriv, createDecipheriv, randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { masterKeyById, type MasterKey } from './keys';

/**
 * Seals a small secret (a TOTP seed) with AES-256-GCM under the master key, bound to `aad` (for example the
 * user's id) so a sealed value copied onto another row does not open. Format: v1.<keyId>.<iv>.<tag>.<ct>.
 */
export function seal(master: MasterKey, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', master.key, iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', master.id, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function unseal(master: MasterKey, sealed: string, aad: string): string {
  const [v, keyId, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Unknown sealed format.');
  // A retired master key still in the file opens what it sealed (rotation).
  const key = keyId ? masterKeyById(master, keyId) : null;
  if (!key) throw new Error(`Sealed with master key ${keyId}, which is not loaded.`);
  const d = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

/** A random token for a cookie, link or API token, and its SHA-256 as stored. */
export function newToken(prefix = ''): { token: string; hash: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
