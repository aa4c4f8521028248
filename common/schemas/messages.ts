import { z } from 'zod';
import { CRIME_AREAS } from './cases';

export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];
/** TLP 2.0, from the most to the least restrictive. */
export const TLP_MARKINGS = ['RED', 'AMBER+STRICT', 'AMBER', 'GREEN', 'CLEAR'] as const;
export type TlpMarking = (typeof TLP_MARKINGS)[number];
/** Europol 4x4: source reliability and information accuracy. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export const INFO_ACCURACY = [1, 2, 3, 4] as const;
export const PRIORITIES = ['urgent', 'normal'] as const;
export const REQUEST_STATES = ['sent', 'acknowledged', 'extended', 'answered', 'refused', 'overdue', 'clarification'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

const ZUuid = z.uuid('Not a valid identifier.');

export const ZSendMessageRequest = z
  .object({
    subject: z.string().trim().min(1, 'A subject is needed.').max(300),
    body: z.string().max(200_000, 'At most 200,000 characters.').min(1, 'The message is empty.'),
    bodyFormat: z.enum(['plain', 'markdown']).default('markdown'),
    senderDeskId: ZUuid.optional(),
    recipients: z.array(z.object({ agencyId: ZUuid, deskId: ZUuid.optional() })).min(1, 'Choose at least one recipient agency.').max(20),
    purpose: z.string().trim().max(500).optional(),
    handlingCode: z.enum(HANDLING_CODES),
    handlingText: z.string().trim().max(2000).optional(),
    tlp: z.enum(TLP_MARKINGS),
    sourceReliability: z.enum(SOURCE_RELIABILITY),
    infoAccuracy: z.coerce.number().int().min(1).max(4),
    priority: z.enum(PRIORITIES).default('normal'),
    isRequest: z.boolean().default(false),
    parentId: ZUuid.optional(),
    /** Files uploaded beforehand by the sender (POST /api/attachments), carried by this message. */
    attachmentIds: z.array(ZUuid).max(20, 'At most 20 attachments per message.').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.handlingCode === 'H3' && !v.handlingText) ctx.addIssue({ code: 'custom', path: ['handlingText'], message: 'H3 needs the text of its restriction.' });
    if (v.tlp === 'RED' && (v.recipients.length !== 1 || !v.recipients[0]?.deskId)) {
      ctx.addIssue({ code: 'custom', path: ['recipients'], message: 'TLP:RED goes to exactly one desk, whose supervisor has named its readers.' });
    }
  });
export type TSendMessageRequest = z.infer<typeof ZSendMessageRequest>;

export const ZReceiptRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('classify'), accessClass: z.enum(['direct', 'obtain']) }),
  z.object({ action: z.literal('extend'), until: z.iso.datetime({ offset: true }), reason: z.string().trim().min(3).max(1000) }),
  z.object({ action: z.literal('refuse'), ground: z.string().trim().min(3, 'State the ground of refusal.').max(1000) }),
  /** Ask the requesting side to clarify or specify its request: under Directive 2023/977 the deadline clock stops. */
  z.object({ action: z.literal('clarify'), question: z.string().trim().min(3, 'Say what needs clarifying.').max(2000) }),
]);
export type TReceiptRequest = z.infer<typeof ZReceiptRequest>;

export const ZMessageListQuery = z.object({
  box: z.enum(['inbox', 'sent', 'all']).default('inbox'),
  unread: z.coerce.boolean().optional(),
  urgent: z.coerce.boolean().optional(),
  overdue: z.coerce.boolean().optional(),
  caseId: ZUuid.optional(),
  agencyId: ZUuid.optional(),
  crimeArea: z.enum(CRIME_AREAS).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TMessageListQuery = z.infer<typeof ZMessageListQuery>;

export const ZRedReadersRequest = z.object({ userIds: z.array(ZUuid).max(50) });

/** A recipient's receipt as the viewer may see it (agency and desk, never the people who read it). */
export interface PMessageReceipt {
  agencyId: string;
  agencyName: string;
  deskId: string | null;
  deskName: string | null;
  framework: string;
  readAt: string | null;
  acknowledgedAt: string | null;
  requestState: RequestState | null;
  accessClass: 'direct' | 'obtain' | null;
  dueAt: string | null;
  refusalGround: string | null;
  answeredAt: string | null;
  /** The requested side's request for clarification, while and after it stops the clock. */
  clarification: { question: string; askedAt: string; answeredAt: string | null; clockStopped: boolean } | null;
  /** Seconds the deadline clock stood still for clarifications answered so far (2023/977 only). */
  clockStoppedSeconds: number;
}

export interface PMessageSummary {
  id: string;
  caseId: string;
  caseTitle: string;
  parentId: string | null;
  subject: string;
  senderAgencyId: string;
  senderAgencyName: string;
  senderDeskName: string;
  handlingCode: HandlingCode;
  tlp: TlpMarking;
  sourceReliability: string;
  infoAccuracy: number;
  priority: 'urgent' | 'normal';
  isRequest: boolean;
  /** For a copy passed on: the original provider, whose codes it keeps and who alone grants permissions. */
  originAgencyId: string | null;
  createdAt: string;
  unread: boolean;
  overdue: boolean;
  receipts: PMessageReceipt[];
}

/** An attachment as its viewer sees it: name, type detected from the content, size in bytes. */
export interface PAttachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}

export interface PMessage extends PMessageSummary {
  /** Null while an H3 restriction is not yet acknowledged by this reader. */
  body: string | null;
  bodyFormat: 'plain' | 'markdown';
  purpose: string | null;
  handlingText: string | null;
  /** The sender's name: shown only to the sender's own agency, or inside a joint team where members are named. */
  senderName: string | null;
  redReaders: number | null;
  /** Empty while the body is hidden (H3 not yet acknowledged). Downloads: GET /api/messages/:id/attachments/:attachmentId. */
  attachments: PAttachment[];
  abilities: { reply: boolean; acknowledgeH3: boolean; acknowledge: boolean; classify: boolean; extend: boolean; refuse: boolean; clarify: boolean; passOn: boolean; requestPermission: boolean };
}

export const ZPassOnRequest = z.object({
  caseId: ZUuid,
  recipients: z.array(z.object({ agencyId: ZUuid, deskId: ZUuid.optional() })).min(1, 'Choose at least one recipient agency.').max(20),
  note: z.string().trim().max(4000).optional(),
  purpose: z.string().trim().max(500).optional(),
});
export type TPassOnRequest = z.infer<typeof ZPassOnRequest>;

export const ZPermissionRequest = z
  .object({ kind: z.enum(['disseminate', 'judicial']), targetAgencyId: ZUuid.optional(), reason: z.string().trim().min(3, 'Say why.').max(2000) })
  .superRefine((v, ctx) => {
    if ((v.kind === 'disseminate') !== Boolean(v.targetAgencyId)) ctx.addIssue({ code: 'custom', path: ['targetAgencyId'], message: 'Name the agency for dissemination, and only for it.' });
  });
export type TPermissionRequest = z.infer<typeof ZPermissionRequest>;
export const ZPermissionDecision = z.object({ decision: z.enum(['grant', 'refuse']), note: z.string().trim().max(2000).optional() });

/** How many messages in the actor's inbox they have not read (exact). */
export interface PUnreadCount {
  /** Exact up to 999. */
  unread: number;
  /** More than `unread` (the badge shows 999+). */
  more: boolean;
}

/** Why passing information on is refused; the web app explains each in the reader's language. */
export const ONWARD_REFUSALS = ['tlp_red', 'tlp_amber_strict', 'tlp_amber_foreign', 'h2_needs_permission', 'h3_not_acknowledged'] as const;
export type OnwardRefusal = (typeof ONWARD_REFUSALS)[number];

/** One agency of a case a message could be passed on to, with the onward rule's verdict. */
export interface POnwardTarget {
  agencyId: string;
  agencyName: string;
  country: string;
  /** An active partnership with the passer's agency exists (required for any transfer). */
  partnership: boolean;
  /** Why the onward rule refuses it (empty: allowed). */
  reasons: OnwardRefusal[];
  /** The latest dissemination permission asked of the original provider for this agency. */
  permission: 'pending' | 'granted' | 'refused' | null;
}

export interface PMessagePermission {
  id: string;
  originMessageId: string;
  viaMessageId: string;
  originAgencyId: string;
  originAgencyName: string;
  requesterAgencyId: string;
  requesterAgencyName: string;
  kind: 'disseminate' | 'judicial';
  targetAgencyId: string | null;
  targetAgencyName: string | null;
  reason: string;
  status: 'pending' | 'granted' | 'refused';
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  abilities: { decide: boolean };
}
