import { EventEmitter } from 'node:events';
import pg from 'pg';

/**
 * A live event: a topic and an id, and who may be told. It never carries content: the browser fetches the
 * record through the normal, authorized API when told that something changed.
 */
export interface LiveEvent {
  topic: string;
  id: string;
  audience: { userIds?: string[]; agencyIds?: string[]; deskIds?: string[] };
}

/** Who is listening on one stream: an event reaches them only if its audience names them. */
export interface Listener {
  userId: string;
  agencyId: string;
  deskIds: readonly string[];
}

export function reaches(e: LiveEvent, l: Listener): boolean {
  const a = e.audience;
  return Boolean(a.userIds?.includes(l.userId) || a.agencyIds?.includes(l.agencyId) || a.deskIds?.some((d) => l.deskIds.includes(d)));
}

export const CHANNEL = 'tansiq_live';

/**
 * Delivers committed events to this process's streams. Embedded: published in-process after commit.
 * PostgreSQL: published with pg_notify inside the transaction (so only committed events are sent) and received by
 * every Tansiq process through one LISTEN connection, so several processes behind a load balancer all deliver.
 */
export class LiveHub {
  private readonly emitter = new EventEmitter();
  private listenClient: pg.Client | null = null;
  private listening: Promise<void> | null = null;

  constructor(private readonly listenUrl: string | null) {
    this.emitter.setMaxListeners(0);
  }

  /** Called by the scoped transaction helper after commit (embedded mode). */
  deliver(events: LiveEvent[]): void {
    for (const e of events) this.emitter.emit('event', e);
  }

  /** Subscribes to every event this process sees; returns the unsubscribe function. */
  subscribe(fn: (e: LiveEvent) => void): () => void {
    if (this.listenUrl && !this.listening) this.listening = this.listen(this.listenUrl);
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }

  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    this.listenClient = client;
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        this.deliver(JSON.parse(n.payload) as LiveEvent[]);
      } catch {
        // A malformed payload cannot come from Tansiq; ignore it rather than drop the stream.
      }
    });
    client.on('error', () => {
      this.listening = null;
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  }

  /** Resolves once LISTEN is active (tests wait on it before publishing). */
  async ready(): Promise<void> {
    if (this.listenUrl && !this.listening) this.listening = this.listen(this.listenUrl);
    await this.listening;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.listenClient?.end().catch(() => undefined);
  }
}
