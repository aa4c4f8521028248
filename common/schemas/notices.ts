import { z } from 'zod';
import { HANDLING_CODES, TLP_MARKINGS, type HandlingCode, type TlpMarking } from './messages';
import { ZPurpose } from './screening';

const ZUuidS = z.uuid('Not a valid identifier.');

// ---------------------------------------------------------------- notices and diffusions
/** INTERPOL's colour-coded notices, and the INTERPOL–UN Security Council Special Notice ("un"). */
export const NOTICE_COLOURS = ['red', 'blue', 'green', 'yellow', 'black', 'orange', 'purple', 'silver', 'un'] as const;
export type NoticeColour = (typeof NOTICE_COLOURS)[number];

/** A notice goes through the General Secretariat before it is published; a diffusion is effective at once. */
export const NOTICE_KINDS = ['notice', 'diffusion'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_STATES = ['draft', 'requested', 'published', 'refused', 'suspended', 'withdrawn', 'cancelled', 'expired'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

/** States in which a notice or diffusion is in the screening index and can raise an alert. */
export const NOTICE_ACTIVE_STATES: readonly NoticeState[] = ['published'];

export const NOTICE_SUBJECT_TYPES = ['person', 'organisation'] as const;
export const NOTICE_NAME_KINDS = ['primary', 'alias', 'transliteration'] as const;

/** What each state transition is called in the API (POST /api/notices/:id/<action>). */
export const NOTICE_ACTIONS = ['submit', 'approve', 'publish', 'refuse', 'suspend', 'reinstate', 'withdraw', 'cancel'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

const ZDate = z.string().trim().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'A date as YYYY, YYYY-MM or YYYY-MM-DD.');

export const ZNoticeName = z.object({
  full: z.string().trim().min(1, 'Type the name.').max(300),
  kind: z.enum(NOTICE_NAME_KINDS).default('primary'),
  /** BCP 47 script or language hint such as "ar", "Latn", "zh" (free text, for display). */
  script: z.string().trim().max(20).optional(),
});

export const ZNoticeSubject = z.object({
  type: z.enum(NOTICE_SUBJECT_TYPES).default('person'),
  names: z.array(ZNoticeName).min(1, 'Give at least one name.').max(50),
  birthDates: z.array(ZDate).max(10).default([]),
  birthPlace: z.string().trim().max(200).optional(),
  nationalities: z.array(z.string().trim().min(2).max(60)).max(10).default([]),
  gender: z.enum(['male', 'female', 'other']).optional(),
  documents: z.array(z.object({ number: z.string().trim().min(1).max(60), country: z.string().trim().min(2).max(60).optional(), type: z.string().trim().max(40).optional() })).max(20).default([]),
  distinguishingMarks: z.string().trim().max(2000).optional(),
  languages: z.array(z.string().trim().min(2).max(40)).max(10).default([]),
});
export type TNoticeSubject = z.infer<typeof ZNoticeSubject>;

const noticeFields = {
  colour: z.enum(NOTICE_COLOURS),
  kind: z.enum(NOTICE_KINDS).default('notice'),
  /** The NCB desk of the actor's agency that requests it (defaults to the actor's NCB desk). */
  deskId: ZUuidS.optional(),
  subject: ZNoticeSubject,
  /** The offence (Red), the reason (other colours). */
  offence: z.string().trim().min(3, 'Describe the offence or the reason (at least 3 characters).').max(5000),
  /** Red: the arrest warrant or judicial decision reference, and the authority that issued it. */
  warrantReference: z.string().trim().max(200).optional(),
  requestingAuthority: z.string().trim().max(300).optional(),
  legalBasis: z.string().trim().max(2000).optional(),
  validUntil: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD.').optional(),
  handlingCode: z.enum(HANDLING_CODES).default('H0'),
  tlp: z.enum(TLP_MARKINGS).default('GREEN'),
  /** Diffusions: the agencies it is sent to. */
  addresseeAgencyIds: z.array(ZUuidS).max(200).default([]),
  caseId: ZUuidS.optional(),
};

export const ZCreateNoticeRequest = z.object(noticeFields);
export type TCreateNoticeRequest = z.infer<typeof ZCreateNoticeRequest>;

/** Only a draft (or a refused request being reworked) is edited, by the requesting NCB. */
export const ZUpdateNoticeRequest = z.object(noticeFields).partial();
export type TUpdateNoticeRequest = z.infer<typeof ZUpdateNoticeRequest>;

export const ZNoticeActionRequest = z.object({
  /** Required to refuse, suspend, withdraw and cancel: recorded and shown to the requesting NCB. */
  reason: z.string().trim().max(2000).optional(),
});
export type TNoticeActionRequest = z.infer<typeof ZNoticeActionRequest>;

export const ZNoticeIdParams = z.object({ id: ZUuidS });
export const ZNoticeActionParams = z.object({ id: ZUuidS, action: z.enum(NOTICE_ACTIONS) });

/** An agency a diffusion can be addressed to: one with a National Central Bureau desk. */
export interface PNoticeAddressee {
  id: string;
  name: string;
  country: string;
}

export const ZListNoticesQuery = z.object({
  colour: z.enum(NOTICE_COLOURS).optional(),
  kind: z.enum(NOTICE_KINDS).optional(),
  state: z.enum(NOTICE_STATES).optional(),
  /** "mine": requested by my agency; "review": waiting for the General Secretariat; "all": what I may see. */
  scope: z.enum(['all', 'mine', 'review', 'approval']).default('all'),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(60),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TListNoticesQuery = z.infer<typeof ZListNoticesQuery>;

export interface PNoticeEvent {
  at: string;
  action: string;
  fromState: NoticeState | null;
  toState: NoticeState;
  actor: { id: string | null; name: string | null; agencyId: string | null; agencyName: string | null };
  reason: string | null;
}

/** The photo of a notice's subject: the image is fetched from GET /api/notices/:id/photo (audited, same visibility). */
export interface PNoticePhoto {
  id: string;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  size: number;
}
export const NOTICE_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface PNoticeSummary {
  id: string;
  /** e.g. "A-2026/00012" once requested; null for a draft. */
  reference: string | null;
  colour: NoticeColour;
  kind: NoticeKind;
  state: NoticeState;
  subjectType: 'person' | 'organisation';
  name: string;
  birthDates: string[];
  nationalities: string[];
  offence: string;
  requestingAgency: { id: string; name: string; country: string };
  requestingDesk: { id: string; name: string } | null;
  publishedAt: string | null;
  validUntil: string | null;
  updatedAt: string;
  /** The subject's photo, if one was attached. */
  photo: PNoticePhoto | null;
}

export interface PNotice extends PNoticeSummary {
  subject: TNoticeSubject;
  warrantReference: string | null;
  requestingAuthority: string | null;
  legalBasis: string | null;
  handlingCode: HandlingCode;
  tlp: TlpMarking;
  addressees: { id: string; name: string }[];
  caseId: string | null;
  stateReason: string | null;
  createdAt: string;
  history: PNoticeEvent[];
  /** Confirmed hits on it, visible to the requesting NCB. */
  hitCount: number | null;
  abilities: { edit: boolean; submit: boolean; approve: boolean; publish: boolean; refuse: boolean; suspend: boolean; reinstate: boolean; withdraw: boolean; cancel: boolean; changePhoto: boolean };
}

export interface PNoticeList {
  notices: PNoticeSummary[];
  total: number;
  abilities: { create: boolean; review: boolean; approve: boolean };
}

// ---------------------------------------------------------------- hits
export const HIT_STATES = ['open', 'confirmed', 'discarded'] as const;
export type HitState = (typeof HIT_STATES)[number];
export const HIT_SOURCES = ['notice', 'watchlist', 'document'] as const;
export type HitSource = (typeof HIT_SOURCES)[number];
/** How the screening came about. */
export const HIT_ORIGINS = ['single', 'batch', 'document-check', 'accreditation'] as const;
export type HitOrigin = (typeof HIT_ORIGINS)[number];

export const ZListHitsQuery = z.object({
  /** "ours": raised by my agency's screening; "on-our-notices": confirmed hits on my agency's notices and documents. */
  scope: z.enum(['ours', 'on-our-notices']).default('ours'),
  state: z.enum(HIT_STATES).optional(),
  source: z.enum(HIT_SOURCES).optional(),
  jobId: ZUuidS.optional(),
  noticeId: ZUuidS.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TListHitsQuery = z.infer<typeof ZListHitsQuery>;

export const ZDecideHitRequest = z.object({
  decision: z.enum(['confirm', 'discard']),
  reason: z.string().trim().min(3, 'Give the reason for your decision (at least 3 characters).').max(2000),
  /** Where and when the person was met: sent to the requesting NCB with a confirmed hit. */
  location: z.string().trim().max(300).optional(),
  encounteredAt: z.string().trim().max(40).optional(),
  purpose: ZPurpose.optional(),
});
export type TDecideHitRequest = z.infer<typeof ZDecideHitRequest>;

export interface PHit {
  id: string;
  state: HitState;
  source: HitSource;
  origin: HitOrigin;
  score: number;
  /** The record screened (name, birth date, document …) as the screening user typed or uploaded it; owner only. */
  query: Record<string, unknown> | null;
  matchedName: string;
  /** The notice or diffusion hit, with its CURRENT status: a suspended or cancelled notice never raises an arrest alert. */
  notice: { id: string; reference: string | null; colour: NoticeColour; kind: NoticeKind; state: NoticeState; requestingAgency: { id: string; name: string } } | null;
  /** `deleted`: the list was deleted since (its entries are gone; the hit keeps the matched name). */
  watchlist: { id: string; name: string; entryId: string; deleted: boolean } | null;
  document: { id: string; number: string; issuingState: string; lossType: string; registeringAgency: { id: string; name: string } } | null;
  /** True only for a confirmed-or-open hit on a published Red notice or a Red diffusion. */
  arrestAlert: boolean;
  screeningAgency: { id: string; name: string };
  context: { location: string | null; encounteredAt: string | null; jobId: string | null; row: number | null };
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  reason: string | null;
  /** The secure message sent to the requesting NCB when the hit was confirmed, and its case. */
  message: { id: string; caseId: string } | null;
  /** Why no message could be sent (no active partnership …), when that happened. */
  notifyProblem: string | null;
  createdAt: string;
  abilities: { decide: boolean };
}

export interface PHitList {
  hits: PHit[];
  total: number;
  counts: Record<HitState, number>;
}

/** Screening candidates that come from a notice carry it, with its current status. */
export interface PCandidateNotice {
  id: string;
  reference: string | null;
  colour: NoticeColour;
  kind: NoticeKind;
  state: NoticeState;
}
