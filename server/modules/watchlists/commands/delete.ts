import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../../../platform/db';
import { AppError, notFound } from '../../../platform/http';
import { cancelJob } from '../../../platform/jobs';
import { stx, type WatchlistTable } from '../schema';
import { IMPORT_JOB, type ImportParams } from './import';

export interface DeleteSummary {
  entries: number;
  cancelledImports: number;
}

/**
 * Deletes a watchlist: its entries (the personal data) go, the list row stays as a tombstone (name, scope, owner,
 * when and by whom) so that hits and batch results pointing at it still read "list deleted", and imports of it still
 * queued or running are cancelled. Takes the importer's advisory lock, so an import being applied finishes first and
 * its entries are deleted too, and one starting later sees the tombstone (commands/import.ts). The caller has
 * checked the policy; the screening index drops the list at its next sync (the route asks for one at once).
 */
export async function deleteWatchlist(ctx: Ctx, w: Selectable<WatchlistTable>): Promise<DeleteSummary> {
  const t = stx(ctx.tx);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`watchlist:${w.agency_id ?? 'global'}:${w.name.toLowerCase()}`}))`.execute(ctx.tx);
  // Read again under the lock: an import may have added a version while we waited.
  const now = await t.updateTable('watchlists').set({ deleted_at: sql<Date>`now()`, deleted_by: ctx.actor.userId, updated_at: sql<Date>`now()` })
    .where('id', '=', w.id).where('deleted_at', 'is', null).returning(['id', 'current_version', 'entry_count']).executeTakeFirst();
  // Deleted meanwhile by someone else: for this caller it no longer exists.
  if (!now) throw notFound('watchlist');
  const gone = await t.deleteFrom('watchlist_entries').where('watchlist_id', '=', w.id).executeTakeFirst();
  // Row-level security skips rows silently: personal data left behind a tombstone would be worse than no deletion.
  const left = await t.selectFrom('watchlist_entries').select('source_id').where('watchlist_id', '=', w.id).limit(1).executeTakeFirst();
  if (left) throw new AppError(500, 'internal', 'The list’s entries could not all be deleted; nothing was changed. Report this to the platform administrator.');
  // Imports of this list waiting or running (visible to the actor's agency: its own jobs) are cancelled.
  const jobs = await t.selectFrom('jobs').select(['id', 'params']).where('kind', '=', IMPORT_JOB).where('state', 'in', ['queued', 'running']).execute();
  let cancelled = 0;
  for (const j of jobs) {
    const p = j.params as unknown as ImportParams;
    if (p.scope !== w.scope || (p.agencyId ?? null) !== (w.agency_id ?? null) || p.name.toLowerCase() !== w.name.toLowerCase()) continue;
    if (await cancelJob(ctx, j.id)) cancelled++;
  }
  ctx.audit({
    action: 'watchlist.deleted', objectType: 'watchlist', objectId: w.id,
    ...(w.agency_id && w.agency_id !== ctx.actor.agencyId ? { subjectAgencyId: w.agency_id } : {}),
    details: { scope: w.scope, version: now.current_version, entries: now.entry_count, rows: Number(gone.numDeletedRows), cancelledImports: cancelled },
  });
  return { entries: now.entry_count, cancelledImports: cancelled };
}
