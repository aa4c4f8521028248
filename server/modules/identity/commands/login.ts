import { sql } from 'kysely';
import { withActor, ANONYMOUS, type Actor } from '../../../platform/db';
import { sha256, unseal } from '../../../platform/crypto';
import { checkTotp, hashRecoveryCode } from '../../../platform/auth';
import { AppError } from '../../../platform/http';
import type { Deps } from '../../../platform/deps';
import { ROLES, type Role, type TLoginRequest } from '../../../../common';
import { startSession } from './sessions';

interface FoundUser {
  id: string;
  agency_id: string;
  password_hash: string | null;
  totp_secret_enc: string | null;
  totp_last_counter: string | null;
  recovery_codes: string[];
  roles: string[];
  disabled: boolean;
  agency_disabled: boolean;
}

/**
 * Growing back-off per key: per account (from any address) capped short, so nobody can lock an officer out;
 * per account and address, long; per address, with more free failures since an agency's office often shares
 * one address.
 */
const CAPS = { acct: 30, acctip: 900, ip: 300 };
const FREE = { acct: 3, acctip: 3, ip: 20 };

const invalid = () => new AppError(401, 'invalid_credentials', 'The e-mail address, password or code is not right.');

/**
 * Verifies a login. Every failure answers the same way and takes the same argon2 time whether or not the
 * account exists; failures grow a back-off per account, per account and address, and per address.
 */
export async function login(deps: Deps, input: TLoginRequest, ip: string | null, userAgent: string | null) {
  const email = input.email.trim().toLowerCase();
  const keys = [`acct:${sha256(email)}`, `acctip:${sha256(`${email}|${ip ?? ''}`)}`, `ip:${ip ?? ''}`];
  const caps = [CAPS.acct, CAPS.acctip, CAPS.ip];
  const free = [FREE.acct, FREE.acctip, FREE.ip];

  const { user, waitUntil } = await withActor(deps.db, ANONYMOUS, ip, async ({ tx }) => {
    const wait = (await sql<{ t: Date | null }>`SELECT tansiq_throttle_check(${keys}::text[]) AS t`.execute(tx)).rows[0]?.t ?? null;
    const u = wait ? undefined : (await sql<FoundUser>`SELECT * FROM tansiq_auth_find_user(${email})`.execute(tx)).rows[0];
    return { user: u, waitUntil: wait };
  });
  if (waitUntil) {
    const seconds = Math.max(1, Math.ceil((new Date(waitUntil).getTime() - Date.now()) / 1000));
    throw new AppError(429, 'too_many_attempts', `Too many failed attempts. Wait ${seconds} seconds before trying again.`, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
  }

  const passwordOk = await deps.hasher.verify(user?.password_hash ?? null, input.password);
  const fail = async (reason: string, err: AppError = invalid()) => {
    await withActor(deps.db, ANONYMOUS, ip, async (ctx) => {
      await sql`SELECT tansiq_throttle_fail(${keys}::text[], ${caps}::int[], ${free}::int[])`.execute(ctx.tx);
      // The audit keeps no e-mail typed at the login form: only the account's id when it exists.
      ctx.audit({ action: 'auth.login_failed', objectType: user ? 'user' : null, objectId: user?.id ?? null, subjectAgencyId: user?.agency_id ?? null, details: { reason } });
    });
    return err;
  };
  if (!user || !passwordOk || user.disabled || user.agency_disabled) throw await fail(user ? (passwordOk ? 'disabled' : 'password') : 'unknown');

  let totpCounter: number | null = null;
  let remainingCodes: string[] | null = null;
  if (user.totp_secret_enc) {
    if (!input.totp) throw new AppError(401, 'totp_required', 'Enter the six-digit code from your authenticator app, or a recovery code.');
    const code = input.totp.replace(/\s/g, '');
    if (/^\d{6}$/.test(code)) {
      const secret = unseal(deps.masterKey, user.totp_secret_enc, `totp:${user.id}`);
      totpCounter = checkTotp(secret, code, user.totp_last_counter === null ? null : Number(user.totp_last_counter));
      if (totpCounter === null) throw await fail('totp', new AppError(401, 'totp_invalid', 'That code is not right or was already used. Wait for the next code.'));
    } else {
      const h = hashRecoveryCode(code);
      if (!user.recovery_codes.includes(h)) throw await fail('recovery', new AppError(401, 'totp_invalid', 'That recovery code is not right or was already used.'));
      remainingCodes = user.recovery_codes.filter((c) => c !== h);
    }
  }

  const actor: Actor = { userId: user.id, agencyId: user.agency_id, roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)), deskIds: [] };
  return withActor(deps.db, actor, ip, async (ctx) => {
    await sql`SELECT tansiq_throttle_clear(${keys.slice(0, 2)}::text[])`.execute(ctx.tx);
    if (totpCounter !== null) await ctx.tx.updateTable('users').set({ totp_last_counter: totpCounter }).where('id', '=', user.id).execute();
    if (remainingCodes !== null) await ctx.tx.updateTable('users').set({ recovery_codes: remainingCodes }).where('id', '=', user.id).execute();
    const session = await startSession(ctx, deps.config, userAgent);
    ctx.audit({ action: 'auth.login', objectType: 'user', objectId: user.id, details: { secondFactor: totpCounter !== null ? 'totp' : remainingCodes !== null ? 'recovery-code' : 'none', recoveryCodesLeft: remainingCodes?.length } });
    return { session, userId: user.id, actor };
  });
}
