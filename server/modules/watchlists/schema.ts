import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db';
import type { JobsDB } from '../../platform/jobs';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

/** Tables of migrations/0003_screening.sql (the foundation's DB type does not list them). */
export interface WatchlistTable {
  id: Generated<string>;
  name: string;
  scope: 'global' | 'agency';
  agency_id: string | null;
  alert_threshold: number | null;
  current_version: Generated<number>;
  entry_count: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Set when the list was deleted (migrations/0015): the row stays as a tombstone, its entries are gone. */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deleted_by: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface WatchlistVersionTable {
  watchlist_id: string;
  version: number;
  agency_id: string | null;
  format: string;
  file_sha256: string;
  file_bytes: ColumnType<string, number, never>;
  entries: number;
  added: number;
  removed: number;
  changed: number;
  job_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface WatchlistEntryTable {
  watchlist_id: string;
  source_id: string;
  agency_id: string | null;
  version_added: number;
  version_removed: number | null;
  hash: string;
  data: Json<Record<string, unknown>>;
  /** Every name folded as the engine folds names (migrations/0015); null until the backfill reaches an older row. */
  search_text: ColumnType<string | null, string | null | undefined, string | null>;
  kind: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface ScreeningSettingsTable {
  agency_id: string;
  alert_threshold: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface BatchResultTable {
  job_id: string;
  agency_id: string;
  row_no: number;
  query: Json<Record<string, unknown>>;
  candidates: Json<unknown[]>;
  top_score: number;
  alert: boolean;
}
export interface ScreeningDB extends JobsDB {
  watchlists: WatchlistTable;
  watchlist_versions: WatchlistVersionTable;
  watchlist_entries: WatchlistEntryTable;
  screening_settings: ScreeningSettingsTable;
  screening_batch_results: BatchResultTable;
}
export type Timestamps = Timestamp;

/** The same transaction, typed with the screening tables. */
export function stx(tx: Transaction<DB> | Kysely<DB>): Kysely<ScreeningDB> {
  return tx as unknown as Kysely<ScreeningDB>;
}
