import { authenticate } from '../../platform/auth';
import { reaches, type Listener } from '../../platform/realtime/live';
import type { App } from '../../platform/http';
import { AppError } from '../../platform/http';

const HEARTBEAT_MS = 25_000;
const MAX_STREAMS_PER_USER = 6;
const open = new Map<string, number>();

/**
 * GET /api/events: a server-sent event stream of ids (`event: <topic>`, `data: {"id","topic"}`) for what the
 * signed-in user may be told about. It carries no content: the browser fetches through the authorized API.
 * The stream re-checks the session at every heartbeat and at once when told the session ended.
 */
export async function registerLive(app: App): Promise<void> {
  const { deps } = app;
  app.get('/api/events', { schema: { tags: ['live'], summary: 'Live event ids for the signed-in user (text/event-stream)' } }, async (req, reply) => {
    const actor = req.actor!;
    const count = open.get(actor.userId!) ?? 0;
    if (count >= MAX_STREAMS_PER_USER) throw new AppError(429, 'rate_limited', 'Too many open live streams for this account: close other tabs.');
    open.set(actor.userId!, count + 1);
    const listener: Listener = { userId: actor.userId!, agencyId: actor.agencyId!, deskIds: actor.deskIds };
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-request-id': req.id,
    });
    res.write('retry: 5000\n: connected\n\n');
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(timer);
      open.set(actor.userId!, Math.max(0, (open.get(actor.userId!) ?? 1) - 1));
      res.end();
    };
    const stillSignedIn = async () => {
      const found = await authenticate(deps.db, deps.config, req).catch(() => null);
      if (!found || found.actor.userId !== actor.userId) close();
    };
    const unsubscribe = deps.db.live.subscribe((e) => {
      if (closed || !reaches(e, listener)) return;
      if (e.topic === 'session.ended') {
        void stillSignedIn();
        return;
      }
      res.write(`event: ${e.topic}\ndata: ${JSON.stringify({ id: e.id, topic: e.topic })}\n\n`);
    });
    const timer = setInterval(() => {
      res.write(': ping\n\n');
      void stillSignedIn();
    }, HEARTBEAT_MS);
    timer.unref();
    req.raw.on('close', close);
  });
}
