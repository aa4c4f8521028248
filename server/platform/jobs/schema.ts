import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../db';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Tables of migrations/0003_screening.sql used by the job runner. */
export interface JobTable {
  id: Generated<string>;
  kind: string;
  agency_id: string | null;
  user_id: string | null;
  state: Generated<JobState>;
  params: Json<Record<string, unknown>>;
  progress_done: ColumnType<string, number | undefined, number>;
  progress_total: ColumnType<string | null, number | null | undefined, number | null>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  cancel_requested: Generated<boolean>;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: Timestamp | null;
}
export interface JobInputTable {
  job_id: string;
  agency_id: string | null;
  data: Buffer;
}
export interface JobsDB extends DB {
  jobs: JobTable;
  job_inputs: JobInputTable;
}

/** The same transaction, typed with the job tables (the foundation's DB type does not list them). */
export function jobsTx(tx: Transaction<DB> | Kysely<DB>): Kysely<JobsDB> {
  return tx as unknown as Kysely<JobsDB>;
}
