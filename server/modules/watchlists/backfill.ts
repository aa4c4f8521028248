import type { WatchlistEntry } from '../../../match';
import type { Database } from '../../platform/db';
import { stx } from './schema';
import { entryKind, entrySearchText } from './search';

const BATCH = 500;

/**
 * Fills the search text and kind of current entries imported before migrations/0015 (the folding is the engine's,
 * in TypeScript, so a migration cannot do it). Runs as the owner in short transactions of a few hundred rows.
 */
export async function backfillEntrySearch(db: Database): Promise<number> {
  const t = stx(db.unsafeOwner);
  let done = 0;
  for (;;) {
    const rows = await t.selectFrom('watchlist_entries').select(['watchlist_id', 'source_id', 'version_added', 'data'])
      .where('search_text', 'is', null).where('version_removed', 'is', null).limit(BATCH).execute();
    if (rows.length === 0) return done;
    for (const r of rows) {
      const e = r.data as unknown as WatchlistEntry;
      await t.updateTable('watchlist_entries').set({ search_text: entrySearchText({ name: e.name ?? '', aliases: e.aliases ?? [] }), kind: entryKind(e) })
        .where('watchlist_id', '=', r.watchlist_id).where('source_id', '=', r.source_id).where('version_added', '=', r.version_added).execute();
    }
    done += rows.length;
  }
}
