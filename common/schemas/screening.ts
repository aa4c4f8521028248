import { z } from 'zod';

const ZUuidS = z.uuid('Not a valid identifier.');

/** A stated purpose: required for every search of personal data, kept by the audit (never the names searched). */
export const ZPurpose = z.string().trim().min(3, 'State the purpose of this search (at least 3 characters).').max(300);

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const ZJobIdParams = z.object({ id: ZUuidS });
export const ZListJobsQuery = z.object({
  kind: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A background job as the API presents it. */
export interface PJob {
  id: string;
  kind: string;
  state: JobState;
  progress: { done: number; total: number | null };
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  abilities: { cancel: boolean };
}

// ---------------------------------------------------------------- watchlists
export const WATCHLIST_SCOPES = ['global', 'agency'] as const;
export const WATCHLIST_FORMATS = ['un-xml', 'ofac-sdn', 'ftm', 'csv'] as const;

/** Query string of an upload: the file itself is the body (raw, or multipart with a field "file"). */
export const ZImportWatchlistQuery = z.object({
  name: z.string().trim().min(1, 'Give the watchlist a name.').max(200),
  scope: z.enum(WATCHLIST_SCOPES).default('agency'),
  format: z.enum(WATCHLIST_FORMATS).optional(),
});
export type TImportWatchlistQuery = z.infer<typeof ZImportWatchlistQuery>;

export const ZUpdateWatchlistRequest = z.object({
  alertThreshold: z.number().gt(0).max(1).nullable(),
});
export type TUpdateWatchlistRequest = z.infer<typeof ZUpdateWatchlistRequest>;

export interface PWatchlistVersion {
  version: number;
  format: string;
  entries: number;
  added: number;
  removed: number;
  changed: number;
  fileBytes: number;
  fileSha256: string;
  createdAt: string;
}

export interface PWatchlist {
  id: string;
  name: string;
  scope: 'global' | 'agency';
  agencyId: string | null;
  alertThreshold: number | null;
  currentVersion: number;
  entries: number;
  updatedAt: string;
  abilities: { update: boolean; import: boolean; delete: boolean };
}

export const WATCHLIST_ENTRY_KINDS = ['person', 'organization', 'vessel', 'other'] as const;
export const ENTRIES_PAGE_SIZE = 50;

/** Browsing a watchlist's current entries: a name fragment in any script (or the source's id), a kind, a page. */
export const ZWatchlistEntriesQuery = z.object({
  q: z.string().trim().max(200, 'At most 200 characters.').optional(),
  kind: z.enum(WATCHLIST_ENTRY_KINDS).optional(),
  page: z.coerce.number().int().min(1, 'Pages start at 1.').max(100_000).default(1),
});
export type TWatchlistEntriesQuery = z.infer<typeof ZWatchlistEntriesQuery>;

/** One line of a watchlist's entries table. */
export interface PWatchlistEntrySummary {
  /** The source's own identifier (QDi.001, an OFAC ent_num …). */
  sourceId: string;
  name: string;
  kind: string | null;
  aliases: number;
  birthDates: string[];
  nationalities: string[];
  /** The version that added or last changed the entry. */
  version: number;
}

/** One entry with everything the source gave. */
export interface PWatchlistEntry {
  sourceId: string;
  watchlist: { id: string; name: string; scope: 'global' | 'agency' };
  name: string;
  kind: string | null;
  aliases: { name: string; type: 'primary' | 'alias' | 'weak_alias' | 'original_script' }[];
  birthDates: string[];
  nationalities: string[];
  gender: string | null;
  documents: { number: string; country: string | null; type: string | null }[];
  /** Further fields of the source, as text (UN list type, listed on, comments …). */
  extra: Record<string, string>;
  /** The version in which the entry first appeared, and the one that added its current form. */
  firstVersion: number;
  version: number;
  versionAt: string | null;
}

export interface PWatchlistEntries {
  watchlist: PWatchlist;
  entries: PWatchlistEntrySummary[];
  page: number;
  pageSize: number;
  /** Entries matching the filters (all current entries without filters). */
  total: number;
}

// ---------------------------------------------------------------- screening
export const ZScreeningMatchRequest = z.object({
  name: z.string().trim().min(1, 'Type a name.').max(300),
  birthDate: z.string().trim().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'A date as YYYY, YYYY-MM or YYYY-MM-DD.').optional(),
  nationality: z.string().trim().min(2).max(60).optional(),
  gender: z.enum(['male', 'female', 'other']).optional(),
  document: z.string().trim().min(1).max(60).optional(),
  documentCountry: z.string().trim().min(2).max(60).optional(),
  purpose: ZPurpose,
  top: z.number().int().min(1).max(50).default(10),
});
export type TScreeningMatchRequest = z.infer<typeof ZScreeningMatchRequest>;

/** One step of a score's explanation: a code the web app translates, with its parameters. */
export interface PExplanationItem {
  code: string;
  [param: string]: unknown;
}

export interface PCandidate {
  /** The source's own identifier (UN reference number, OFAC ent_num, FollowTheMoney id …). */
  id: string;
  /** `deleted` when the list was deleted after these results were kept (its entries are gone). */
  watchlist: { id: string; name: string; deleted?: boolean };
  name: string;
  matchedName: string;
  score: number;
  alert: boolean;
  kind: string | null;
  birthDates: string[];
  nationalities: string[];
  explanation: PExplanationItem[];
  /** When the candidate is a notice or diffusion: which, and its current status. */
  notice?: { id: string; reference: string | null; colour: string; kind: string; state: string; requestingAgencyId: string };
  /** A published Red notice or Red diffusion above the alert threshold: the person is wanted for arrest. */
  arrestAlert?: boolean;
  /** The hit recorded for this alert (to confirm or discard it). */
  hitId?: string;
  /** When the candidate is a registered stolen or lost travel document: which, and who registered it. */
  document?: PCandidateDocument;
}

export interface PCandidateDocument {
  id: string;
  number: string;
  issuingState: string;
  type: string;
  lossType: string;
  agency: { id: string; name: string };
}

export interface PScreeningMatch {
  candidates: PCandidate[];
  alertThreshold: number;
  searched: { watchlists: number; entries: number };
}

export const ZScreeningSettingsRequest = z.object({ alertThreshold: z.number().gt(0).max(1).nullable() });
export interface PScreeningSettings {
  alertThreshold: number | null;
  defaultAlertThreshold: number;
  effectiveAlertThreshold: number;
  abilities: { update: boolean };
}

export const ZCreateBatchQuery = z.object({
  purpose: ZPurpose,
  top: z.coerce.number().int().min(1).max(20).default(5),
});
export type TCreateBatchQuery = z.infer<typeof ZCreateBatchQuery>;

export const ZBatchResultsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  alertsOnly: z.enum(['true', 'false']).default('false'),
});
export const ZBatchDownloadQuery = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') });

export interface PBatchRow {
  row: number;
  query: Record<string, unknown>;
  topScore: number;
  alert: boolean;
  candidates: PCandidate[];
}

export interface PBatchResults {
  job: PJob;
  page: number;
  pageSize: number;
  total: number;
  alerts: number;
  rows: PBatchRow[];
}
