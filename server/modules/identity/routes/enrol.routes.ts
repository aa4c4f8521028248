import { z } from 'zod';
import { sql } from 'kysely';
import { ZEnrolRequest } from '../../../../common';
import { withActor, ANONYMOUS } from '../../../platform/db';
import { sha256 } from '../../../platform/crypto';
import { AppError } from '../../../platform/http';
import type { App } from '../../../platform/http';
import { weakPassword } from '../commands/password';

const ZToken = z.object({ token: z.string().min(10).max(200) });
const invalidLink = () => new AppError(404, 'enrolment_invalid', 'This enrolment link is unknown, was already used or has expired. Ask your administrator for a new one.');

interface LinkRow { id: string; agency_id: string; agency_name: string; email: string; display_name: string | null; purpose: string; expires_at: Date }

/** Redeeming a one-time enrolment link: the person sets their own password. */
export async function enrolRoutes(app: App): Promise<void> {
  const { deps } = app;
  const lookup = (token: string, ip: string | null) =>
    withActor(deps.db, ANONYMOUS, ip, async ({ tx }) => (await sql<LinkRow>`SELECT * FROM tansiq_enrol_lookup(${sha256(token)})`.execute(tx)).rows[0]);

  app.get('/api/enrol/:token', { config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags: ['auth'], summary: 'What an enrolment link is for', params: ZToken } }, async (req) => {
    const link = await lookup((req.params as { token: string }).token, req.ip);
    if (!link) throw invalidLink();
    return { email: link.email, agencyName: link.agency_name, displayName: link.display_name, purpose: link.purpose, expiresAt: link.expires_at.toISOString() };
  });

  app.post('/api/enrol/:token', { config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags: ['auth'], summary: 'Set your password through an enrolment link', params: ZToken, body: ZEnrolRequest } }, async (req) => {
    const { token } = req.params as { token: string };
    const body = req.body as z.infer<typeof ZEnrolRequest>;
    const link = await lookup(token, req.ip);
    if (!link) throw invalidLink();
    weakPassword(body.password, link.email, 'password');
    const hash = await deps.hasher.hash(body.password);
    const redeemed = await withActor(deps.db, ANONYMOUS, req.ip, async ({ tx }) =>
      (await sql<{ user_id: string; agency_id: string }>`SELECT * FROM tansiq_enrol_redeem(${sha256(token)}, ${body.displayName}, ${hash})`.execute(tx)).rows[0],
    );
    if (!redeemed) throw invalidLink();
    await withActor(deps.db, { userId: redeemed.user_id, agencyId: redeemed.agency_id, roles: [], deskIds: [] }, req.ip, async (ctx) => {
      ctx.audit({ action: 'user.enrolled', objectType: 'user', objectId: redeemed.user_id, details: { link: link.id, purpose: link.purpose } });
    });
    return { ok: true, email: link.email };
  });
}
