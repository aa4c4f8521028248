import { z } from 'zod';
import { ZUuid } from '../../../common';
import { withActor } from '../../platform/db';
import { notFound, type App } from '../../platform/http';

/** A user's own notifications (resets in their agency, and later: hits, requests, deadlines). */
export async function registerNotifications(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/notifications', { schema: { tags: ['notifications'], summary: 'My notifications, newest first' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async ({ tx, actor }) => ({
      notifications: (await tx.selectFrom('notifications').selectAll().where('user_id', '=', actor.userId!).orderBy('created_at', 'desc').limit(100).execute()).map((n) => ({
        id: n.id, kind: n.kind, payload: n.payload, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null,
      })),
    })),
  );
  app.post('/api/notifications/:id/read', { schema: { tags: ['notifications'], summary: 'Mark a notification read', params: z.object({ id: ZUuid }) } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async ({ tx, actor }) => {
      const r = await tx.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', id).where('user_id', '=', actor.userId!).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('notification');
      return { ok: true };
    });
  });
}
