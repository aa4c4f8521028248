import type { Selectable } from 'kysely';
import type { PWatchlist, PWatchlistVersion } from '../../../common';
import type { Actor } from '../../platform/db';
import { watchlistPolicy } from './policies/watchlist.policy';
import type { WatchlistTable, WatchlistVersionTable } from './schema';

/** The only place a watchlist row becomes JSON. */
export function presentWatchlist(actor: Actor, w: Selectable<WatchlistTable>): PWatchlist {
  const rec = { scope: w.scope, agencyId: w.agency_id ?? '' };
  return {
    id: w.id,
    name: w.name,
    scope: w.scope,
    agencyId: w.agency_id,
    alertThreshold: w.alert_threshold,
    currentVersion: w.current_version,
    entries: w.entry_count,
    updatedAt: new Date(w.updated_at).toISOString(),
    abilities: { update: watchlistPolicy.can(actor, 'update', rec), import: watchlistPolicy.can(actor, 'import', rec) },
  };
}

export function presentVersion(v: Selectable<WatchlistVersionTable>): PWatchlistVersion {
  return {
    version: v.version,
    format: v.format,
    entries: v.entries,
    added: v.added,
    removed: v.removed,
    changed: v.changed,
    fileBytes: Number(v.file_bytes),
    fileSha256: v.file_sha256,
    createdAt: new Date(v.created_at).toISOString(),
  };
}
