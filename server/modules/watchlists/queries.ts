import type { Selectable } from 'kysely';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import { watchlistPolicy } from './policies/watchlist.policy';
import { stx, type WatchlistTable } from './schema';

/** A watchlist the actor may see (row-level security and the policy), or 404. */
export async function findWatchlist(ctx: Ctx, id: string): Promise<Selectable<WatchlistTable>> {
  const w = await stx(ctx.tx).selectFrom('watchlists').selectAll().where('id', '=', id).executeTakeFirst();
  if (!w || !watchlistPolicy.can(ctx.actor, 'read', { scope: w.scope, agencyId: w.agency_id ?? '' })) throw notFound('watchlist');
  return w;
}
