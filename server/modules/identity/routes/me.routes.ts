import QRCode from 'qrcode';
import type { z } from 'zod';
import { permissionsOf, ZChangePasswordRequest, ZUpdateMeRequest, ZTotpConfirmRequest, ZTotpDisableRequest, type PMe, type Permission } from '../../../../common';
import { withActor, type Actor } from '../../../platform/db';
import { AppError } from '../../../platform/http';
import { newTotpSecret, totpUri, checkTotp, newRecoveryCodes } from '../../../platform/auth';
import { seal, unseal } from '../../../platform/crypto';
import type { Deps } from '../../../platform/deps';
import type { App } from '../../../platform/http';
import { presentAgency, presentDesk, presentUser } from '../presenters';
import { revokeSessions } from '../commands/sessions';
import { notifyAgencyAdmins } from '../commands/notify';
import { weakPassword } from '../commands/password';

/** The signed-in user with their agency, desks, permissions and what the interface may offer them. */
export async function loadMe(deps: Deps, actor: Actor, ip: string | null, csrfToken: string | null): Promise<PMe> {
  return withActor(deps.db, actor, ip, async ({ tx }) => {
    const user = await tx.selectFrom('users').selectAll().where('id', '=', actor.userId!).executeTakeFirstOrThrow();
    const agency = await tx.selectFrom('agencies').selectAll().where('id', '=', user.agency_id).executeTakeFirstOrThrow();
    const desks = await tx.selectFrom('desks').innerJoin('user_desks', 'user_desks.desk_id', 'desks.id').selectAll('desks').where('user_desks.user_id', '=', user.id).orderBy('desks.name').execute();
    const perms = permissionsOf(actor.roles);
    return {
      user: presentUser(actor, user, desks.map((d) => d.id)),
      agency: presentAgency(actor, agency),
      desks: desks.map((d) => presentDesk(actor, d)),
      permissions: [...perms],
      abilities: {
        manageUsers: perms.has('user.manage'),
        manageDesks: perms.has('desk.manage'),
        readAudit: perms.has('audit.read'),
        manageAgencies: perms.has('agency.manage'),
        manageTokens: !actor.tokenId,
        workCases: perms.has('case.work'),
        // Partnerships: administrators manage them; everyone else of a law-enforcement agency sees the active ones.
        managePartnerships: perms.has('partnership.manage'),
        readPartnerships: agency.type !== 'platform',
        screen: perms.has('screening.run'),
        // Notices: the staff who act on them (mirrors mayReadNotices in the notices policy).
        notices: agency.type !== 'platform' && ['screening.run', 'case.work', 'notice.approve', 'notice.review'].some((x) => perms.has(x as Permission)),
        manageWatchlists: perms.has('watchlist.manage-agency') || perms.has('watchlist.manage-global'),
      },
      csrfToken,
    };
  });
}

/** The signed-in user's own account: profile, password, second factor. */
export async function meRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/me', { schema: { tags: ['me'], summary: 'Who is signed in: user, agency, desks, roles, abilities and the CSRF token' } }, async (req) =>
    loadMe(deps, req.actor!, req.ip, req.session?.csrfToken ?? null),
  );

  app.patch('/api/me', { schema: { tags: ['me'], summary: 'Change display name or interface language', body: ZUpdateMeRequest } }, async (req) => {
    const body = req.body as z.infer<typeof ZUpdateMeRequest>;
    await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const set: { display_name?: string; locale?: string } = {};
      if (body.displayName !== undefined) set.display_name = body.displayName;
      if (body.locale !== undefined) set.locale = body.locale;
      if (Object.keys(set).length === 0) return;
      await ctx.tx.updateTable('users').set(set).where('id', '=', ctx.actor.userId!).execute();
      ctx.audit({ action: 'user.profile_updated', objectType: 'user', objectId: ctx.actor.userId, details: { fields: Object.keys(body) } });
    });
    return loadMe(deps, req.actor!, req.ip, req.session?.csrfToken ?? null);
  });

  app.post('/api/me/password', { schema: { tags: ['me'], summary: 'Change the password (other sessions end)', body: ZChangePasswordRequest } }, async (req) => {
    const body = req.body as z.infer<typeof ZChangePasswordRequest>;
    const actor = req.actor!;
    const user = await withActor(deps.db, actor, req.ip, async ({ tx }) => tx.selectFrom('users').select(['email', 'password_hash']).where('id', '=', actor.userId!).executeTakeFirstOrThrow());
    if (!(await deps.hasher.verify(user.password_hash, body.currentPassword))) throw new AppError(400, 'invalid_credentials', 'The current password is not right.', [{ path: 'currentPassword', message: 'Not right.' }]);
    weakPassword(body.newPassword, user.email, 'newPassword');
    const hash = await deps.hasher.hash(body.newPassword);
    await withActor(deps.db, actor, req.ip, async (ctx) => {
      await ctx.tx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', actor.userId!).execute();
      const ended = await revokeSessions(ctx, actor.userId!, req.session?.id ?? null);
      ctx.audit({ action: 'user.password_changed', objectType: 'user', objectId: actor.userId, details: { sessionsEnded: ended } });
    });
    return { ok: true };
  });

  app.post('/api/me/totp/setup', { schema: { tags: ['me'], summary: 'Start enrolling a TOTP second factor: returns the otpauth URI and a QR code' } }, async (req) => {
    const actor = req.actor!;
    const secret = newTotpSecret();
    const email = await withActor(deps.db, actor, req.ip, async (ctx) => {
      const u = await ctx.tx.selectFrom('users').select(['email', 'totp_enabled_at']).where('id', '=', actor.userId!).executeTakeFirstOrThrow();
      if (u.totp_enabled_at) throw new AppError(409, 'conflict', 'A second factor is already enrolled. Disable it first to enrol a new one.');
      await ctx.tx.updateTable('users').set({ totp_pending_enc: seal(deps.masterKey, secret, `totp-pending:${actor.userId}`) }).where('id', '=', actor.userId!).execute();
      return u.email;
    });
    const otpauthUri = totpUri(secret, email);
    const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return { otpauthUri, secret, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  });

  app.post('/api/me/totp/confirm', { schema: { tags: ['me'], summary: 'Confirm the TOTP enrolment with a code; returns one-time recovery codes (shown once)', body: ZTotpConfirmRequest } }, async (req) => {
    const body = req.body as z.infer<typeof ZTotpConfirmRequest>;
    const actor = req.actor!;
    return withActor(deps.db, actor, req.ip, async (ctx) => {
      const u = await ctx.tx.selectFrom('users').select(['totp_pending_enc', 'totp_enabled_at']).where('id', '=', actor.userId!).executeTakeFirstOrThrow();
      if (u.totp_enabled_at) throw new AppError(409, 'conflict', 'A second factor is already enrolled.');
      if (!u.totp_pending_enc) throw new AppError(400, 'bad_request', 'Start the enrolment first (scan a new QR code).');
      const secret = unseal(deps.masterKey, u.totp_pending_enc, `totp-pending:${actor.userId}`);
      const counter = checkTotp(secret, body.code, null);
      if (counter === null) throw new AppError(400, 'totp_invalid', 'That code is not right. Check the clock of the device and try the next code.', [{ path: 'code', message: 'Not right.' }]);
      const { codes, hashes } = newRecoveryCodes();
      await ctx.tx.updateTable('users').set({
        totp_secret_enc: seal(deps.masterKey, secret, `totp:${actor.userId}`), totp_pending_enc: null, totp_enabled_at: new Date(), totp_last_counter: counter, recovery_codes: hashes,
      }).where('id', '=', actor.userId!).execute();
      ctx.audit({ action: 'user.totp_enabled', objectType: 'user', objectId: actor.userId });
      return { recoveryCodes: codes };
    });
  });

  app.post('/api/me/totp/disable', { schema: { tags: ['me'], summary: 'Remove the second factor (needs the password; administrators are told)', body: ZTotpDisableRequest } }, async (req) => {
    const body = req.body as z.infer<typeof ZTotpDisableRequest>;
    const actor = req.actor!;
    const stored = await withActor(deps.db, actor, req.ip, async ({ tx }) => tx.selectFrom('users').select(['password_hash']).where('id', '=', actor.userId!).executeTakeFirstOrThrow());
    if (!(await deps.hasher.verify(stored.password_hash, body.password))) throw new AppError(400, 'invalid_credentials', 'The password is not right.', [{ path: 'password', message: 'Not right.' }]);
    await withActor(deps.db, actor, req.ip, async (ctx) => {
      await ctx.tx.updateTable('users').set({ totp_secret_enc: null, totp_pending_enc: null, totp_enabled_at: null, totp_last_counter: null, recovery_codes: [] }).where('id', '=', actor.userId!).execute();
      ctx.audit({ action: 'user.totp_disabled', objectType: 'user', objectId: actor.userId });
      await notifyAgencyAdmins(ctx, actor.agencyId!, 'user.totp_disabled', { userId: actor.userId });
    });
    return { ok: true };
  });
}

