import { z } from 'zod';
import type { HitState } from './notices';

// ---------------------------------------------------------------- major-event security (issue 6)

export const COMMITTEE_ROLES = ['chair', 'member', 'observer'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export const INCIDENT_CATEGORIES = ['crowd-safety', 'terrorist-threat', 'cyber-attack', 'human-trafficking', 'hooliganism', 'drugs', 'other'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ACCREDITATION_DECISIONS = ['approve', 'refer', 'deny'] as const;
export type AccreditationDecision = (typeof ACCREDITATION_DECISIONS)[number];

/** Categories of people accredited at a major event (free text in the CSV is mapped to `other` when unknown). */
export const ACCREDITATION_CATEGORIES = ['staff', 'volunteer', 'media', 'delegation', 'contractor', 'other'] as const;
export type AccreditationCategory = (typeof ACCREDITATION_CATEGORIES)[number];

const ZId = z.uuid('Not a valid identifier.');
const ZDay = z.iso.date('A date as YYYY-MM-DD.');
const ZCountry = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'A two-letter country code (ISO 3166-1), e.g. MA.');

export const ZCreateEventRequest = z
  .object({
    name: z.string().trim().min(3).max(200),
    description: z.string().trim().max(4000).default(''),
    startsOn: ZDay,
    endsOn: ZDay,
    hostCountries: z.array(ZCountry).min(1).max(10),
    cities: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    /** Days after the end when accreditation data is reduced to statistics. */
    retentionDays: z.number().int().min(0).max(365).default(30),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'The event cannot end before it starts.' });
export type TCreateEventRequest = z.infer<typeof ZCreateEventRequest>;

export const ZUpdateEventRequest = z.object({
  name: z.string().trim().min(3).max(200).optional(),
  description: z.string().trim().max(4000).optional(),
  startsOn: ZDay.optional(),
  endsOn: ZDay.optional(),
  hostCountries: z.array(ZCountry).min(1).max(10).optional(),
  cities: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  retentionDays: z.number().int().min(0).max(365).optional(),
});
export type TUpdateEventRequest = z.infer<typeof ZUpdateEventRequest>;

export const ZCreateVenueRequest = z.object({
  name: z.string().trim().min(2).max(200),
  city: z.string().trim().min(1).max(100),
  country: ZCountry,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  capacity: z.number().int().min(0).max(1_000_000).nullish(),
});
export type TCreateVenueRequest = z.infer<typeof ZCreateVenueRequest>;

export const ZCommitteeMemberRequest = z.object({
  agencyId: ZId,
  role: z.enum(['member', 'observer']),
});
export type TCommitteeMemberRequest = z.infer<typeof ZCommitteeMemberRequest>;

export const ZLinkCaseRequest = z.object({ caseId: ZId });
export type TLinkCaseRequest = z.infer<typeof ZLinkCaseRequest>;

export const ZCreateIncidentRequest = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(8000).default(''),
  category: z.enum(INCIDENT_CATEGORIES),
  severity: z.enum(INCIDENT_SEVERITIES),
  /** When it happened (default: now). */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  venueId: ZId.nullish(),
  assignedAgencyId: ZId.nullish(),
  caseId: ZId.nullish(),
});
export type TCreateIncidentRequest = z.infer<typeof ZCreateIncidentRequest>;

/** An update in the thread: a note, a status change, a new severity or a new assigned agency (at least one). */
export const ZIncidentUpdateRequest = z
  .object({
    body: z.string().trim().max(8000).default(''),
    status: z.enum(INCIDENT_STATUSES).optional(),
    severity: z.enum(INCIDENT_SEVERITIES).optional(),
    assignedAgencyId: ZId.nullish(),
    /** Link the incident to a case the author can see (null unlinks it). */
    caseId: ZId.nullish(),
  })
  .refine((v) => v.body.length > 0 || v.status !== undefined || v.severity !== undefined || v.assignedAgencyId !== undefined || v.caseId !== undefined, {
    path: ['body'],
    message: 'Write an update or change the status, severity, assigned agency or linked case.',
  });
export type TIncidentUpdateRequest = z.infer<typeof ZIncidentUpdateRequest>;

export const ZAccreditationUploadQuery = z.object({
  /** Kept in the audit with every read of the list. */
  purpose: z.string().trim().min(3).max(300).default('Accreditation screening for the event'),
});
export type TAccreditationUploadQuery = z.infer<typeof ZAccreditationUploadQuery>;

export const ZAccreditationQuery = z.object({
  status: z.enum(['pending', 'refer', 'all']).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAccreditationQuery = z.infer<typeof ZAccreditationQuery>;

export const ZAccreditationDecisionRequest = z
  .object({ decision: z.enum(ACCREDITATION_DECISIONS), reason: z.string().trim().max(2000).default('') })
  .refine((v) => v.decision === 'approve' || v.reason.length >= 3, { path: ['reason'], message: 'Give the reason for referring or denying.' });
export type TAccreditationDecisionRequest = z.infer<typeof ZAccreditationDecisionRequest>;

export interface PAgencyBrief {
  id: string;
  code: string;
  name: string;
  country: string;
}

export interface PEventSummary {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  hostCountries: string[];
  cities: string[];
  organiser: PAgencyBrief;
  myRole: CommitteeRole;
  venues: number;
  openIncidents: number;
}

export interface PVenue {
  id: string;
  name: string;
  city: string;
  country: string;
  lat: number;
  lon: number;
  capacity: number | null;
}

export interface PCommitteeMember {
  agency: PAgencyBrief;
  role: CommitteeRole;
  addedAt: string;
  abilities: { change: boolean; remove: boolean };
}

export interface PLinkedCase {
  caseId: string;
  /** Only when the viewer may see the case itself. */
  title: string | null;
  linkedBy: PAgencyBrief;
  linkedAt: string;
}

export interface PEvent {
  id: string;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  hostCountries: string[];
  cities: string[];
  organiser: PAgencyBrief;
  myRole: CommitteeRole;
  retentionDays: number;
  /** The day accreditation data is reduced to statistics. */
  purgeOn: string;
  accreditationPurgedAt: string | null;
  venues: PVenue[];
  committee: PCommitteeMember[];
  cases: PLinkedCase[];
  abilities: {
    update: boolean;
    manageVenues: boolean;
    manageCommittee: boolean;
    linkCase: boolean;
    logIncident: boolean;
    readAccreditation: boolean;
    uploadAccreditation: boolean;
    decideAccreditation: boolean;
  };
}

export interface PIncidentUpdate {
  id: string;
  at: string;
  agency: PAgencyBrief;
  body: string;
  statusFrom: IncidentStatus | null;
  statusTo: IncidentStatus | null;
}

export interface PIncident {
  id: string;
  eventId: string;
  title: string;
  description: string;
  category: IncidentCategory;
  severity: IncidentSeverity;
  status: IncidentStatus;
  occurredAt: string;
  venue: { id: string; name: string; lat: number; lon: number } | null;
  assignedAgency: PAgencyBrief | null;
  caseId: string | null;
  /** The linked case; its title only when the viewer may see the case itself (others see that a case is linked). */
  case: { id: string; title: string | null } | null;
  reportedBy: PAgencyBrief;
  createdAt: string;
  updatedAt: string;
  /** Present on the incident's own page. */
  updates?: PIncidentUpdate[];
  abilities: { update: boolean };
}

/** The situation board: incidents and the figures of the charts. */
export interface PBoard {
  incidents: PIncident[];
  byCategory: { category: IncidentCategory; count: number }[];
  bySeverity: { severity: IncidentSeverity; count: number }[];
  /** Incidents per hour (UTC, ISO hour start), over the period that has incidents. */
  overTime: { hour: string; count: number }[];
}

export interface PAccreditationList {
  id: string;
  agency: PAgencyBrief;
  fileName: string | null;
  createdAt: string;
  /** The screening job, when the viewer's agency uploaded it (others see counts only). */
  job: { id: string; state: string; progress: { done: number; total: number | null }; error: string | null } | null;
  people: number;
}

export interface PAccreditation {
  id: string;
  rowNo: number;
  name: string;
  birthDate: string | null;
  nationality: string | null;
  documentNumber: string | null;
  documentCountry: string | null;
  category: string;
  organisation: string | null;
  topScore: number;
  /** The best candidates from the watchlists (as the screening engine explains them). */
  candidates: unknown[];
  /** Live records of the stolen and lost travel documents registry that match the person's document. */
  documentHits: { id: string; number: string; issuingState: string; type: string; lossType: string; agency: { id: string; name: string; country: string } }[];
  proposal: 'approve' | 'refer';
  decision: AccreditationDecision | null;
  decisionReason: string | null;
  decidedBy: PAgencyBrief | null;
  decidedAt: string | null;
  /**
   * The hits the screening raised for this person (server/modules/hits), as the viewer's agency holds them: only the
   * uploading agency has them; `open` when the viewer may open the hit (the officer who uploaded the list decides it).
   */
  hits: { id: string; state: HitState; abilities: { open: boolean } }[];
  abilities: { decide: boolean };
}

export interface PAccreditationSummary {
  /** People by category and decision ('pending' until decided); after the purge, from the statistics kept. */
  byCategory: { category: string; decision: AccreditationDecision | 'pending'; count: number }[];
  total: number;
  referred: number;
  purged: boolean;
  purgeOn: string;
}

export interface PAccreditationPage {
  lists: PAccreditationList[];
  summary: PAccreditationSummary;
  page: number;
  pageSize: number;
  total: number;
  people: PAccreditation[];
}
