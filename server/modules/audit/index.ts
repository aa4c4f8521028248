import type { SelectQueryBuilder } from 'kysely';
import { ZAuditQuery, type TAuditQuery } from '../../../common';
import { likeLiteral, withActor, type Ctx, type DB } from '../../platform/db';
import { notFound, type App } from '../../platform/http';
import { auditPolicy } from './audit.policy';
import { presentAuditEvent, type AuditRow } from './presenter';

type Q = SelectQueryBuilder<DB & { u: DB['users'] }, 'audit_events' | 'u', AuditRow>;

function query(ctx: Ctx, f: TAuditQuery): Q {
  const agency = ctx.actor.agencyId!;
  let q = ctx.tx
    .selectFrom('audit_events')
    .leftJoin('users as u', 'u.id', 'audit_events.actor_user_id')
    .select(['audit_events.seq', 'audit_events.at', 'audit_events.actor_user_id', 'audit_events.actor_agency_id', 'audit_events.actor_label', 'audit_events.action',
      'audit_events.object_type', 'audit_events.object_id', 'audit_events.purpose', 'audit_events.ip', 'audit_events.details', 'u.display_name as actor_name'])
    .where((eb) => eb.or([eb('audit_events.actor_agency_id', '=', agency), eb('audit_events.subject_agency_id', '=', agency)])) as unknown as Q;
  if (f.action) q = q.where('audit_events.action', 'like', `${likeLiteral(f.action)}%`);
  if (f.objectType) q = q.where('audit_events.object_type', '=', f.objectType);
  if (f.objectId) q = q.where('audit_events.object_id', '=', f.objectId);
  if (f.actorUserId) q = q.where('audit_events.actor_user_id', '=', f.actorUserId);
  if (f.actor) {
    // Only the reader's own agency's people are found by name: a foreign agency's staff stay anonymous here.
    const like = `%${likeLiteral(f.actor)}%`;
    q = q.where('audit_events.actor_user_id', 'in', (eb) => eb.selectFrom('users as named').select('named.id')
      .where('named.agency_id', '=', agency)
      .where((w) => w.or([w('named.display_name', 'ilike', like), w('named.email', 'ilike', like)])));
  }
  if (f.from) q = q.where('audit_events.at', '>=', new Date(f.from));
  if (f.to) q = q.where('audit_events.at', '<', new Date(f.to));
  if (f.before) q = q.where('audit_events.seq', '<', String(f.before) as never);
  return q.orderBy('audit_events.seq', 'desc');
}

/** The audit trail of one's own agency: browse with filters, export as JSON lines. */
export async function registerAudit(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/audit', { schema: { tags: ['audit'], summary: "Your agency's audit trail, newest first (supervisor, DPO, agency administrator)", querystring: ZAuditQuery } }, async (req) => {
    const f = req.query as TAuditQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!auditPolicy.can(ctx.actor, 'read', { agencyId: ctx.actor.agencyId! })) throw notFound('route');
      const rows = await query(ctx, f).limit(f.limit + 1).execute();
      const page = rows.slice(0, f.limit);
      ctx.audit({ action: 'audit.viewed', objectType: 'audit', details: { count: page.length, ...(f.actor ? { byActorName: true } : {}), ...(f.actorUserId ? { actorUserId: f.actorUserId } : {}) } });
      return { events: page.map((e) => presentAuditEvent(ctx.actor, e)), nextBefore: rows.length > f.limit ? Number(page[page.length - 1]!.seq) : null };
    });
  });

  app.get('/api/audit/export', { schema: { tags: ['audit'], summary: 'Export the filtered audit trail as JSON lines', querystring: ZAuditQuery.omit({ limit: true, before: true }) } }, async (req, reply) => {
    const f = { ...(req.query as TAuditQuery), limit: 100_000 };
    const lines = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!auditPolicy.can(ctx.actor, 'export', { agencyId: ctx.actor.agencyId! })) throw notFound('route');
      const rows = await query(ctx, f).limit(f.limit).execute();
      ctx.audit({ action: 'audit.exported', objectType: 'audit', details: { count: rows.length } });
      return rows.map((e) => JSON.stringify(presentAuditEvent(ctx.actor, e)));
    });
    const name = `tansiq-audit-${new Date().toISOString().slice(0, 10)}.jsonl`;
    return reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(lines.join('\n') + (lines.length ? '\n' : ''));
  });
}
