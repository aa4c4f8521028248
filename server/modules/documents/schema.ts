import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db';
import type { DocumentType, LossType } from '../../../common';

/** migrations/0007_documents.sql (the foundation's DB type does not list it). */
export interface TravelDocumentTable {
  id: Generated<string>;
  agency_id: string;
  issuing_state: string;
  number: string;
  doc_type: DocumentType;
  loss_type: LossType;
  loss_date: ColumnType<string, string, never>;
  registered_by: string | null;
  job_id: string | null;
  registered_at: ColumnType<Date, Date | string | undefined, never>;
  recovered_at: ColumnType<Date | null, never, Date | null>;
  removed_at: ColumnType<Date | null, never, Date | null>;
  closed_by: ColumnType<string | null, never, string | null>;
}
export interface DocumentsDB extends DB {
  travel_documents: TravelDocumentTable;
}

/** The same transaction, typed with the documents table. */
export function dtx(tx: Transaction<DB> | Kysely<DB>): Kysely<DocumentsDB> {
  return tx as unknown as Kysely<DocumentsDB>;
}
