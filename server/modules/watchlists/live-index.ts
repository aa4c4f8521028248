import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScreeningIndex, type AccessRule, type ScreeningQuery, type SearchHit, type WatchlistEntry } from '../../../match';
import type { Database } from '../../platform/db';
import { stx } from './schema';

interface Loaded {
  version: number;
  agencyId: string | null;
}

const SNAPSHOT_MAGIC = 'TANSIQ-SCREENING-1';

/**
 * Another source of entries for the index (notices and diffusions): asked to bring its entries up to date at every
 * sync, reading the database as the owner. `full` is set on the first sync of the process, when the index may hold
 * its entries from a snapshot in an older state.
 */
export interface IndexFeed {
  readonly name: string;
  sync(index: ScreeningIndex, db: Database, full: boolean): Promise<boolean>;
}

/** The index's id for an entry: the source's own ids repeat across watchlists (two imports of the UN list). */
export const entryKey = (watchlistId: string, sourceId: string) => `${watchlistId}:${sourceId}`;
export const sourceIdOf = (key: string) => key.slice(key.indexOf(':') + 1);

/** An agency's list is visible to that agency only, even as hit/no-hit; a global list to everyone. */
export function accessOf(agencyId: string | null): AccessRule | undefined {
  return agencyId ? { agencies: [agencyId] } : undefined;
}

/**
 * The process's in-memory screening index over every watchlist of the database. Built at start from a snapshot
 * (then brought up to date) or from the entries table, and kept current by applying only the entries a new
 * version added or removed. Reads the database as the owner: it holds every list, and the access rule on each
 * entry filters a query by the asker's agency before the top candidates are cut.
 */
export class LiveIndex {
  index = new ScreeningIndex();
  private loaded = new Map<string, Loaded>();
  private ready: Promise<void> | null = null;
  private syncing: Promise<boolean> | null = null;
  private lastSync = 0;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private feeds: { feed: IndexFeed; synced: boolean }[] = [];

  constructor(private readonly db: Database, private readonly snapshotPath: string | null, private readonly opts: { pollMs?: number; saveDelayMs?: number } = {}) {}

  /** Loads the snapshot (if any and readable) and applies what changed since. Idempotent. */
  start(): Promise<void> {
    this.ready ??= (async () => {
      await this.loadSnapshot();
      await this.sync();
      // Other processes (on a PostgreSQL server) may import new versions: follow them.
      this.pollTimer = setInterval(() => void this.sync().catch(() => undefined), this.opts.pollMs ?? 5000);
      this.pollTimer.unref();
    })();
    return this.ready;
  }

  async stop(): Promise<void> {
    await this.ready?.catch(() => undefined);
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.pollTimer = this.saveTimer = null;
    await this.syncing?.catch(() => undefined);
    if (this.dirty) await this.saveSnapshot().catch(() => undefined);
  }

  /** Waits for the index, bringing it up to date when the last look at the database is older than `maxAgeMs`. */
  async current(maxAgeMs = 1000): Promise<ScreeningIndex> {
    await this.start();
    if (Date.now() - this.lastSync > maxAgeMs) {
      // Requests arriving together share one look at the database rather than queueing one each.
      if (this.syncing) await this.syncing;
      else await this.sync();
    }
    return this.index;
  }

  /** Adds a source of entries that the next sync brings in (once per feed name). */
  addFeed(feed: IndexFeed): void {
    if (!this.feeds.some((f) => f.feed.name === feed.name)) this.feeds.push({ feed, synced: false });
  }

  /** The versions the index holds, by watchlist. */
  versions(): Map<string, number> {
    return new Map([...this.loaded].map(([k, v]) => [k, v.version]));
  }

  /** Applies every watchlist version not yet in the index (serialised: one sync at a time). */
  sync(): Promise<boolean> {
    if (this.syncing) return this.syncing.then(() => this.sync());
    this.syncing = this.doSync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async doSync(): Promise<boolean> {
    const t = stx(this.db.unsafeOwner);
    // A deleted list (a tombstone row) is not present: its entries leave the index, here and in every other process.
    const lists = await t.selectFrom('watchlists').select(['id', 'agency_id', 'current_version']).where('deleted_at', 'is', null).execute();
    this.lastSync = Date.now();
    let changed = false;
    const present = new Set(lists.map((l) => l.id));
    for (const [id] of this.loaded) {
      if (!present.has(id)) {
        this.removeList(id);
        changed = true;
      }
    }
    for (const l of lists) {
      const have = this.loaded.get(l.id);
      const from = have && have.agencyId === l.agency_id && have.version <= l.current_version ? have.version : 0;
      if (from === 0 && have) this.removeList(l.id);
      if (have && from === l.current_version) continue;
      if (l.current_version === 0) {
        this.loaded.set(l.id, { version: 0, agencyId: l.agency_id });
        continue;
      }
      const to = l.current_version;
      if (from > 0) {
        const gone = await t.selectFrom('watchlist_entries').select('source_id')
          .where('watchlist_id', '=', l.id).where('version_removed', '>', from).where('version_removed', '<=', to).where('version_added', '<=', from).execute();
        this.index.remove(gone.map((g) => entryKey(l.id, g.source_id)));
      }
      const added = await t.selectFrom('watchlist_entries').select(['source_id', 'data'])
        .where('watchlist_id', '=', l.id).where('version_added', '>', from).where('version_added', '<=', to)
        .where((eb) => eb.or([eb('version_removed', 'is', null), eb('version_removed', '>', to)]))
        .execute();
      const access = accessOf(l.agency_id);
      this.index.add(added.map((a) => toIndexEntry(l.id, a.source_id, a.data, access)));
      this.loaded.set(l.id, { version: to, agencyId: l.agency_id });
      changed = true;
    }
    for (const f of this.feeds) {
      if (await f.feed.sync(this.index, this.db, !f.synced)) changed = true;
      f.synced = true;
    }
    if (changed) this.scheduleSave();
    return changed;
  }

  private removeList(id: string): void {
    const keys: string[] = [];
    for (const e of this.index.entries()) if (e.source === id) keys.push(e.id);
    this.index.remove(keys);
    this.loaded.delete(id);
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (!this.snapshotPath || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.saveSnapshot().catch(() => undefined);
    }, this.opts.saveDelayMs ?? 5000);
    this.saveTimer.unref();
  }

  /** Writes the index with the versions it holds (atomically: a crash leaves the previous snapshot). */
  async saveSnapshot(): Promise<void> {
    if (!this.snapshotPath) return;
    this.dirty = false;
    const header = Buffer.from(JSON.stringify({ magic: SNAPSHOT_MAGIC, loaded: [...this.loaded] }));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(header.length);
    const tmp = `${this.snapshotPath}.tmp-${process.pid}`;
    await writeFile(tmp, Buffer.concat([len, header, this.index.toBuffer()]));
    await rename(tmp, this.snapshotPath);
  }

  private async loadSnapshot(): Promise<void> {
    if (!this.snapshotPath) return;
    let buf: Buffer;
    try {
      buf = await readFile(this.snapshotPath);
    } catch {
      return;
    }
    try {
      const n = buf.readUInt32BE(0);
      const header = JSON.parse(buf.subarray(4, 4 + n).toString('utf8')) as { magic: string; loaded: [string, Loaded][] };
      if (header.magic !== SNAPSHOT_MAGIC) return;
      this.index = ScreeningIndex.fromBuffer(buf.subarray(4 + n));
      this.loaded = new Map(header.loaded);
    } catch {
      // An unreadable or older snapshot: build from the database instead.
      this.index = new ScreeningIndex();
      this.loaded.clear();
    }
  }

  /** Screens one record among the entries the asker's agency may see. */
  async search(query: ScreeningQuery, agencyId: string, top: number): Promise<SearchHit[]> {
    const idx = await this.current();
    return idx.search(query, { top, access: { agency: agencyId } });
  }
}

/** A stored entry as the index holds it: keyed by watchlist, carrying the watchlist's access rule. */
export function toIndexEntry(watchlistId: string, sourceId: string, data: Record<string, unknown>, access: AccessRule | undefined): WatchlistEntry {
  const e = { ...(data as unknown as WatchlistEntry), id: entryKey(watchlistId, sourceId), source: watchlistId };
  if (access) e.access = access;
  else delete e.access;
  return e;
}

const indexes = new WeakMap<Database, LiveIndex>();

/** The process's live index for this database (created on first use; the snapshot sits in the data folder). */
export function liveIndexFor(db: Database, dataDir: string | null): LiveIndex {
  let li = indexes.get(db);
  if (!li) {
    let path: string | null = null;
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      path = join(dataDir, 'screening-index.snapshot');
    }
    li = new LiveIndex(db, path);
    indexes.set(db, li);
  }
  return li;
}

/** Brings the live index up to date when this process has one (the command line has none). */
export async function refreshLiveIndex(db: Database): Promise<void> {
  await indexes.get(db)?.sync();
}
