import type { Selectable } from 'kysely';
import type { PWatchlist, PWatchlistEntry, PWatchlistEntrySummary, PWatchlistVersion } from '../../../common';
import type { WatchlistEntry } from '../../../match';
import type { EntryRow } from './queries';
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
    abilities: { update: watchlistPolicy.can(actor, 'update', rec), import: watchlistPolicy.can(actor, 'import', rec), delete: watchlistPolicy.can(actor, 'delete', rec) },
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

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

/** One line of the entries table: the main name and what tells people apart at a glance. */
export function presentEntrySummary(r: EntryRow): PWatchlistEntrySummary {
  const d = r.data as unknown as Partial<WatchlistEntry>;
  return {
    sourceId: r.source_id,
    name: typeof d.name === 'string' ? d.name : r.source_id,
    kind: r.kind,
    aliases: Array.isArray(d.aliases) ? d.aliases.length : 0,
    birthDates: strings(d.birthDates),
    nationalities: strings(d.nationalities),
    version: r.version_added,
  };
}

/** One entry with every field the source gave (the stored form carries no access rule or index key). */
export function presentEntry(w: Selectable<WatchlistTable>, r: EntryRow & { first_version: number; version_at: Date | null }): PWatchlistEntry {
  const d = r.data as unknown as Partial<WatchlistEntry>;
  const extra: Record<string, string> = {};
  if (d.extra && typeof d.extra === 'object') for (const [k, v] of Object.entries(d.extra)) if (typeof v === 'string') extra[k] = v;
  return {
    sourceId: r.source_id,
    watchlist: { id: w.id, name: w.name, scope: w.scope },
    name: typeof d.name === 'string' ? d.name : r.source_id,
    kind: r.kind,
    aliases: (Array.isArray(d.aliases) ? d.aliases : []).filter((a) => a && typeof a.name === 'string').map((a) => ({ name: a.name, type: a.type })),
    birthDates: strings(d.birthDates),
    nationalities: strings(d.nationalities),
    gender: typeof d.gender === 'string' ? d.gender : null,
    documents: (Array.isArray(d.documents) ? d.documents : []).filter((x) => x && typeof x.number === 'string').map((x) => ({ number: x.number, country: x.country ?? null, type: x.type ?? null })),
    extra,
    firstVersion: r.first_version,
    version: r.version_added,
    versionAt: r.version_at ? new Date(r.version_at).toISOString() : null,
  };
}
