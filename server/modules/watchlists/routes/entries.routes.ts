import { z } from 'zod';
import { ENTRIES_PAGE_SIZE, ZWatchlistEntriesQuery, type PWatchlistEntries, type TWatchlistEntriesQuery } from '../../../../common';
import { withActor } from '../../../platform/db';
import type { App } from '../../../platform/http';
import { presentEntry, presentEntrySummary, presentWatchlist } from '../presenters';
import { findEntry, findWatchlist, listEntries } from '../queries';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });
const ZEntryId = ZId.extend({ sourceId: z.string().min(1).max(200, 'Not a valid entry identifier.') });

/**
 * Reading a watchlist's entries: whoever may screen against a list may read what is on it (global lists: every
 * signed-in user; an agency's list: that agency). Another agency's list is 404 like one that does not exist. Each
 * read is audited with references only (page, count, whether filtered; never the fragment searched).
 */
export async function entryRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/watchlists/:id/entries', {
    schema: { tags: ['watchlists'], summary: `The list's current entries, ${ENTRIES_PAGE_SIZE} a page, by a name fragment in any script (or the source's id) and kind`, params: ZId, querystring: ZWatchlistEntriesQuery },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const q = req.query as TWatchlistEntriesQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx): Promise<PWatchlistEntries> => {
      const w = await findWatchlist(ctx, id);
      const { rows, total } = await listEntries(ctx, w, q);
      ctx.audit({ action: 'watchlist.entries_read', objectType: 'watchlist', objectId: id, details: { page: q.page, rows: rows.length, filtered: !!q.q, kind: q.kind } });
      return { watchlist: presentWatchlist(ctx.actor, w), entries: rows.map(presentEntrySummary), page: q.page, pageSize: ENTRIES_PAGE_SIZE, total };
    });
  });

  app.get('/api/watchlists/:id/entries/:sourceId', {
    schema: { tags: ['watchlists'], summary: 'One current entry with every field of the source and the version that added or last changed it', params: ZEntryId },
  }, async (req) => {
    const { id, sourceId } = req.params as { id: string; sourceId: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const w = await findWatchlist(ctx, id);
      const entry = await findEntry(ctx, id, sourceId);
      ctx.audit({ action: 'watchlist.entry_read', objectType: 'watchlist', objectId: id, details: { entry: sourceId } });
      return { entry: presentEntry(w, entry) };
    });
  });
}
