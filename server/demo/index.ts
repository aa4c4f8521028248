import { randomBytes } from 'node:crypto';
import { unsafeWithOwner } from '../platform/db';
import type { Deps } from '../platform/deps';
import { DEMO_AGENCIES, demoEmail } from './agencies';
import { loadDemoCases } from './cases';
import { loadDemoDocuments } from './documents';
import { loadDemoEvents } from './events';
import { loadDemoNotices } from './notices';
import { loadDemoPartnerships } from './partnerships';

const TITLES: Record<string, string> = {
  officer: 'Officer', analyst: 'Analyst', liaison: 'Liaison officer', supervisor: 'Supervisor', dpo: 'Data-protection officer',
  'agency-admin': 'Administrator', 'platform-admin': 'Platform administrator', reviewer: 'Notice reviewer',
};

export interface DemoResult {
  created: boolean;
  password: string | null;
  users: number;
}

/**
 * Loads the demo agencies, desks and users of DESIGN.md, once. Demo users have no second factor; their
 * password is TANSIQ_DEMO_PASSWORD or a generated one (returned so it can be printed once).
 */
export async function loadDemoData(deps: Deps, opts: { password?: string | null } = {}): Promise<DemoResult> {
  const password = opts.password ?? deps.config.demoPassword ?? `demo-${randomBytes(9).toString('base64url')}`;
  const hash = await deps.hasher.hash(password);
  return unsafeWithOwner(deps.db, 'system', async (ctx) => {
    const existing = await ctx.tx.selectFrom('agencies').select('id').where('code', '=', 'dgsn').executeTakeFirst();
    if (existing) return { created: false, password: null, users: 0 };
    let users = 0;
    for (const a of DEMO_AGENCIES) {
      const agency = await ctx.tx.insertInto('agencies').values({ code: a.code, name: a.name, country: a.country, type: a.type, languages: a.languages }).returning('id').executeTakeFirstOrThrow();
      const desks = [];
      for (const d of a.desks) {
        desks.push(await ctx.tx.insertInto('desks').values({ agency_id: agency.id, code: d.code, name: d.name, is_ncb: d.isNcb ?? false }).returning('id').executeTakeFirstOrThrow());
      }
      for (const role of a.roles) {
        const user = await ctx.tx
          .insertInto('users')
          .values({ agency_id: agency.id, email: demoEmail(role, a.domain), display_name: `${TITLES[role]} · ${a.code.toUpperCase()}`, roles: [role], password_hash: hash, password_changed_at: new Date(), locale: a.languages[0] && ['ar', 'fr', 'en', 'es', 'de', 'zh'].includes(a.languages[0]) ? a.languages[0] : 'en' })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Staff who work cases sit on every desk of their agency in the demo.
        if (!['agency-admin', 'platform-admin', 'dpo'].includes(role)) {
          await ctx.tx.insertInto('user_desks').values(desks.map((d) => ({ user_id: user.id, desk_id: d.id, agency_id: agency.id }))).execute();
        }
        users += 1;
      }
      ctx.audit({ action: 'demo.agency_loaded', objectType: 'agency', objectId: agency.id, subjectAgencyId: agency.id, details: { desks: desks.length, users: a.roles.length } });
    }
    // Partnerships and cases (DESIGN.md, "Demo partnerships…"; the source articles' themes), in the same transaction.
    await loadDemoPartnerships(ctx);
    await loadDemoCases(ctx);
    await loadDemoDocuments(ctx);
    await loadDemoNotices(ctx, deps.masterKey);
    await loadDemoEvents(ctx);
    return { created: true, password, users };
  });
}
