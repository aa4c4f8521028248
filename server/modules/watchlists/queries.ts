import { sql, type Selectable } from 'kysely';
import { ENTRIES_PAGE_SIZE, type TWatchlistEntriesQuery } from '../../../common';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import { watchlistPolicy } from './policies/watchlist.policy';
import { containsPattern, foldForSearch } from './search';
import { stx, type WatchlistEntryTable, type WatchlistTable } from './schema';

/** A live (not deleted) watchlist the actor may see (row-level security and the policy), or 404. */
export async function findWatchlist(ctx: Ctx, id: string): Promise<Selectable<WatchlistTable>> {
  const w = await stx(ctx.tx).selectFrom('watchlists').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!w || !watchlistPolicy.can(ctx.actor, 'read', { scope: w.scope, agencyId: w.agency_id ?? '' })) throw notFound('watchlist');
  return w;
}

export type EntryRow = Pick<Selectable<WatchlistEntryTable>, 'source_id' | 'kind' | 'version_added' | 'data'>;

/**
 * A page of the list's current entries in source-id order, filtered by a name fragment in any script (folded as
 * the engine folds names, matched anywhere in any of the entry's names, or in the source's id) and by kind. Row-level
 * security scopes the rows as well: the caller found the list with {@link findWatchlist} first.
 */
export async function listEntries(ctx: Ctx, w: Pick<Selectable<WatchlistTable>, 'id' | 'entry_count'>, q: TWatchlistEntriesQuery): Promise<{ rows: EntryRow[]; total: number }> {
  const watchlistId = w.id;
  const t = stx(ctx.tx);
  let base = t.selectFrom('watchlist_entries').where('watchlist_id', '=', watchlistId).where('version_removed', 'is', null);
  if (q.kind) base = base.where('kind', '=', q.kind);
  const folded = q.q ? foldForSearch(q.q) : '';
  if (q.q && q.q.trim().length > 0) {
    const raw = containsPattern(q.q.trim());
    const byName = folded.length > 0 ? containsPattern(folded) : null;
    base = base.where((eb) => eb.or([
      eb('source_id', 'ilike', raw),
      ...(byName ? [eb('search_text', 'like', byName)] : []),
    ]));
  }
  // One after the other: a transaction is one connection.
  const rows = await base.select(['source_id', 'kind', 'version_added', 'data']).orderBy('source_id').limit(ENTRIES_PAGE_SIZE).offset((q.page - 1) * ENTRIES_PAGE_SIZE).execute();
  // Unfiltered, the list's own count is the number of its current entries (an import writes both in one
  // transaction): counting 200,000 rows under row-level security took 0.6-0.8 s on PostgreSQL 15 (docs/WATCHLISTS.md).
  if (!q.kind && !(q.q && q.q.trim().length > 0)) return { rows, total: w.entry_count };
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** One current entry of the list by the source's own id, with the version it first appeared in, or 404. */
export async function findEntry(ctx: Ctx, watchlistId: string, sourceId: string): Promise<EntryRow & { first_version: number; version_at: Date | null }> {
  const t = stx(ctx.tx);
  const row = await t.selectFrom('watchlist_entries as e')
    .leftJoin('watchlist_versions as v', (j) => j.onRef('v.watchlist_id', '=', 'e.watchlist_id').onRef('v.version', '=', 'e.version_added'))
    .select(['e.source_id', 'e.kind', 'e.version_added', 'e.data', 'v.created_at as version_at'])
    .select(sql<number>`(SELECT min(h.version_added) FROM watchlist_entries h WHERE h.watchlist_id = e.watchlist_id AND h.source_id = e.source_id)`.as('first_version'))
    .where('e.watchlist_id', '=', watchlistId).where('e.source_id', '=', sourceId).where('e.version_removed', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('entry');
  return { ...row, first_version: Number(row.first_version), version_at: row.version_at ?? null };
}
