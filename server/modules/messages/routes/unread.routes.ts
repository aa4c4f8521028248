import { permissionsOf, type PUnreadCount } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { unreadCount } from '../queries';

/** The inbox badge: how many messages addressed to the actor's agency, visible to them, they have not read. */
export async function unreadRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/messages/unread-count', { schema: { tags: ['messages'], summary: 'Number of unread messages in my inbox (for the badge): exact up to 999, then `more`' } }, async (req): Promise<PUnreadCount> => {
    const actor = req.actor!;
    if (!permissionsOf(actor.roles).has('case.work')) throw notFound('route');
    return withActor(deps.db, actor, req.ip, (ctx) => unreadCount(ctx));
  });
}
