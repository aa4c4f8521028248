import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db';
import type { ScreeningDB } from '../watchlists';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DayCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

/** Tables of migrations/0009_events.sql (the foundation's DB type does not list them). */
export interface EventTable {
  id: string;
  name: string;
  description: Generated<string>;
  starts_on: DayCol;
  ends_on: DayCol;
  host_countries: string[];
  cities: string[];
  organiser_agency_id: string;
  retention_days: Generated<number>;
  accreditation_purged_at: Timestamp | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface EventVenueTable {
  id: Generated<string>;
  event_id: string;
  name: string;
  city: string;
  country: string;
  lat: number;
  lon: number;
  capacity: number | null;
  created_at: CreatedAt;
}
export interface EventCommitteeTable {
  event_id: string;
  agency_id: string;
  role: 'chair' | 'member' | 'observer';
  added_by: string | null;
  added_at: CreatedAt;
}
export interface EventCaseTable {
  event_id: string;
  case_id: string;
  linked_by: string | null;
  linked_agency_id: string;
  linked_at: CreatedAt;
}
export interface EventIncidentTable {
  id: Generated<string>;
  event_id: string;
  venue_id: string | null;
  occurred_at: Timestamp;
  category: string;
  severity: string;
  title: string;
  description: Generated<string>;
  status: Generated<string>;
  assigned_agency_id: string | null;
  case_id: string | null;
  reported_by: string | null;
  reported_agency_id: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface EventIncidentUpdateTable {
  id: Generated<string>;
  incident_id: string;
  event_id: string;
  at: CreatedAt;
  author_user_id: string | null;
  author_agency_id: string;
  body: Generated<string>;
  status_from: string | null;
  status_to: string | null;
}
export interface EventAccreditationListTable {
  id: Generated<string>;
  event_id: string;
  agency_id: string;
  job_id: string | null;
  file_name: string | null;
  uploaded_by: string | null;
  created_at: CreatedAt;
}
export interface EventAccreditationTable {
  id: Generated<string>;
  list_id: string;
  event_id: string;
  agency_id: string;
  row_no: number;
  name: string;
  birth_date: string | null;
  nationality: string | null;
  document_number: string | null;
  document_country: string | null;
  category: string;
  organisation: string | null;
  top_score: number;
  candidates: Json<unknown[]>;
  document_hits: ColumnType<unknown[], string | undefined, string>;
  proposal: 'approve' | 'refer';
  decision: 'approve' | 'refer' | 'deny' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_agency_id: string | null;
  decided_at: Timestamp | null;
}
export interface EventAccreditationStatTable {
  event_id: string;
  category: string;
  proposal: string;
  decision: string;
  people: number;
}
export interface EventsDB extends ScreeningDB {
  events: EventTable;
  event_venues: EventVenueTable;
  event_committee: EventCommitteeTable;
  event_cases: EventCaseTable;
  event_incidents: EventIncidentTable;
  event_incident_updates: EventIncidentUpdateTable;
  event_accreditation_lists: EventAccreditationListTable;
  event_accreditations: EventAccreditationTable;
  event_accreditation_stats: EventAccreditationStatTable;
}

/** The same transaction, typed with the event tables. */
export function etx(tx: Transaction<DB> | Kysely<DB>): Kysely<EventsDB> {
  return tx as unknown as Kysely<EventsDB>;
}
