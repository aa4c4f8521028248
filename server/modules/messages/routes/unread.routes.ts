import { sql } from 'kysely';
import { permissionsOf, type PUnreadCount } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';

/** The inbox badge: how many messages addressed to the actor's agency, visible to them, they have not read. */
export async function unreadRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/messages/unread-count', { schema: { tags: ['messages'], summary: 'Exact number of unread messages in my inbox (for the badge)' } }, async (req): Promise<PUnreadCount> => {
    const actor = req.actor!;
    if (!permissionsOf(actor.roles).has('case.work')) throw notFound('route');
    return withActor(deps.db, actor, req.ip, async (ctx) => {
      // Same rule as the inbox list with `unread` (queries.ts), counted in the database; row-level security
      // applies, so TLP:RED messages count only for their readers. Addressed to us = our agency in visible_agencies
      // and not sent by us (migrations/0013): the index answers it, where a probe of the receipts checked every
      // message against the receipts' own row-level security, one at a time (7 s for an agency holding 195,000).
      const row = await sql<{ n: string }>`
        SELECT count(*) AS n FROM messages m
        WHERE m.visible_agencies @> ARRAY[${actor.agencyId}]::uuid[] AND m.sender_agency_id <> ${actor.agencyId}
          AND NOT EXISTS (SELECT 1 FROM message_reads x WHERE x.message_id = m.id AND x.user_id = ${actor.userId})`.execute(ctx.tx);
      return { unread: Number(row.rows[0]?.n ?? 0) };
    });
  });
}
