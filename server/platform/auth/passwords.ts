import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** argon2id parameters: OWASP's 19 MiB / 2 passes in production; cheap ones only under test. */
export interface HashParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}
export const PRODUCTION_HASH: HashParams = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const TEST_HASH: HashParams = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

let denyList: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!denyList) {
    const list = (dictionary as Record<string, unknown>)['passwords-common'];
    denyList = new Set(Array.isArray(list) ? (list as string[]) : []);
  }
  return denyList;
}

/**
 * Why a password is refused, or null when it is acceptable: at least 12 characters, not on the deny list of
 * common passwords, not the e-mail address, not one character repeated.
 */
export function passwordProblem(password: string, email?: string): 'too_short' | 'too_long' | 'common' | 'like_email' | null {
  if ([...password].length < 12) return 'too_short';
  if (password.length > 256) return 'too_long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefghijkl)/.test(lower)) return 'common';
  if (email) {
    const local = email.toLowerCase().split('@')[0] ?? '';
    if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local) && lower.length - local.length < 6)) return 'like_email';
  }
  return null;
}

export class PasswordHasher {
  private dummy: Promise<string>;
  constructor(private readonly params: HashParams) {
    // Verifying against a dummy hash when the account does not exist keeps failures equally slow.
    this.dummy = hash('tansiq-dummy-password-for-timing', { ...params, algorithm: 2 });
  }
  hash(password: string): Promise<string> {
    return hash(password, { ...this.params, algorithm: 2 });
  }
  async verify(stored: string | null, password: string): Promise<boolean> {
    const target = stored ?? (await this.dummy);
    try {
      const ok = await verify(target, password);
      return stored !== null && ok;
    } catch {
      return false;
    }
  }
}
