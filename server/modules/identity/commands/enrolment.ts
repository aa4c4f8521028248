import type { Ctx } from '../../../platform/db';
import { newToken } from '../../../platform/crypto';
import type { Config } from '../../../platform/config';

export const ENROLMENT_DAYS = 7;

/**
 * Issues a one-time enrolment link (the person sets their own password: administrators never do).
 * Only the link's hash is stored; the URL is shown once to whoever issued it.
 */
export async function issueEnrolmentLink(
  ctx: Ctx,
  config: Config,
  link: { agencyId: string; userId: string | null; email: string; displayName: string | null; roles: string[]; purpose: 'first-admin' | 'new-user' | 'password-reset' },
): Promise<{ enrolmentUrl: string; expiresAt: string; id: string }> {
  const { token, hash } = newToken('enr_');
  const expiresAt = new Date(Date.now() + ENROLMENT_DAYS * 86400_000);
  // A new link replaces the person's earlier unused links.
  if (link.userId) await ctx.tx.updateTable('enrolment_links').set({ used_at: new Date() }).where('user_id', '=', link.userId).where('used_at', 'is', null).execute();
  const row = await ctx.tx
    .insertInto('enrolment_links')
    .values({ agency_id: link.agencyId, user_id: link.userId, email: link.email, display_name: link.displayName, roles: link.roles, purpose: link.purpose, token_hash: hash, created_by: ctx.actor.userId, expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit({ action: 'enrolment.issued', objectType: 'enrolment_link', objectId: row.id, subjectAgencyId: link.agencyId, details: { purpose: link.purpose, userId: link.userId } });
  return { enrolmentUrl: `${config.publicUrl}/enrol/${token}`, expiresAt: expiresAt.toISOString(), id: row.id };
}
