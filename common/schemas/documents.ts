import { z } from 'zod';
import type { PCandidate } from './screening';

/** Stolen and lost travel documents (ICAO 9303): registration, lists and checks. */
export const DOCUMENT_TYPES = ['passport', 'id-card', 'visa', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const LOSS_TYPES = ['stolen', 'lost', 'stolen-blank', 'revoked'] as const;
export type LossType = (typeof LOSS_TYPES)[number];
export const DOCUMENT_STATES = ['active', 'recovered', 'removed'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

const ZNumber = z.string().trim().min(1, 'Type the document number.').max(40, 'A document number has at most 30 letters and digits.');
const ZIssuer = z.string().trim().min(1, 'Give the issuing state (ICAO code, e.g. MAR, ESP, D).').max(3, 'An issuing state is a code of 1 to 3 letters (e.g. MAR, ESP, D).');
const ZPurposeD = z.string().trim().min(3, 'State the purpose of this check (at least 3 characters).').max(300);
const ZIsoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD.');

export const ZRegisterDocumentRequest = z.object({
  number: ZNumber,
  /** Defaults to the agency's own issuing code. */
  issuingState: ZIssuer.optional(),
  type: z.enum(DOCUMENT_TYPES),
  lossType: z.enum(LOSS_TYPES),
  lossDate: ZIsoDate,
});
export type TRegisterDocumentRequest = z.infer<typeof ZRegisterDocumentRequest>;

export const ZListDocumentsQuery = z.object({
  state: z.enum(DOCUMENT_STATES).optional(),
  lossType: z.enum(LOSS_TYPES).optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  number: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListDocumentsQuery = z.infer<typeof ZListDocumentsQuery>;

export const ZCloseDocumentRequest = z.object({ action: z.enum(['recovered', 'removed']) });
export type TCloseDocumentRequest = z.infer<typeof ZCloseDocumentRequest>;

export const ZDocumentIdParams = z.object({ id: z.uuid('Not a valid identifier.') });

export const ZCheckDocumentRequest = z.object({ number: ZNumber, issuingState: ZIssuer, purpose: ZPurposeD });
export type TCheckDocumentRequest = z.infer<typeof ZCheckDocumentRequest>;

export const ZCheckMrzRequest = z.object({
  mrz: z.string().min(1, 'Paste the machine-readable zone.').max(400, 'A machine-readable zone is at most 3 lines of 30 or 2 lines of 44 characters.'),
  purpose: ZPurposeD,
  top: z.number().int().min(1).max(20).default(5),
});
export type TCheckMrzRequest = z.infer<typeof ZCheckMrzRequest>;

/** A registered document as its own agency sees it. */
export interface PDocument {
  id: string;
  number: string;
  issuingState: string;
  type: DocumentType;
  lossType: LossType;
  lossDate: string;
  state: DocumentState;
  registeredAt: string;
  closedAt: string | null;
  abilities: { close: boolean };
}

export interface PDocumentList {
  documents: PDocument[];
  total: number;
  page: number;
  pageSize: number;
  /** The issuing code this agency registers under (null: its country has none, it cannot register). */
  issuingState: string | null;
  abilities: { register: boolean };
  uploadLimitBytes: number;
  /** Active documents of the agency by loss type (whatever the filters). */
  activeByLossType: Record<LossType, number>;
}

/** What a check reveals of a registered document: hit, who registered it and why — never the registry's rows. */
export interface PDocumentMatch {
  id: string;
  number: string;
  issuingState: string;
  type: DocumentType;
  lossType: LossType;
  agency: { id: string; name: string; country: string };
}

export interface PDocumentCheck {
  query: { number: string; issuingState: string };
  hit: boolean;
  matches: PDocumentMatch[];
  /** True when the number comes from a zone whose check digits failed: the lookup ran on the data as read. */
  unreliable: boolean;
}

export interface PMrzCheck {
  mrz: {
    format: string;
    lines: string[];
    documentCode: string;
    documentType: DocumentType;
    issuingState: string;
    documentNumber: string;
    nationality: string;
    birthDate: string | null;
    expiryDate: string | null;
    sex: 'M' | 'F' | 'X';
    primaryIdentifier: string;
    secondaryIdentifier: string;
    checks: { field: string; valid: boolean; found: string; expected: string }[];
    valid: boolean;
    warnings: { code: string; field?: string; message: string }[];
  };
  document: PDocumentCheck;
  screening: { candidates: PCandidate[]; alertThreshold: number };
}

/** The result of a CSV registration job. */
export interface PDocumentImportSummary {
  rows: number;
  registered: number;
  alreadyRegistered: number;
}
