import type { PAttachment, PMessage, PMessageReceipt, PMessageSummary, RequestState } from '../../../common';
import type { Actor } from '../../platform/db';
import { isOverdue } from './deadlines';
import { messagePolicy, type MessageRecord } from './policies/message.policy';
import type { MessageRow, ReceiptRow } from './queries';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function presentReceipt(r: ReceiptRow): PMessageReceipt {
  const overdue = isOverdue({ request_state: r.request_state, due_at: r.due_at ? new Date(r.due_at) : null, extended_until: r.extended_until ? new Date(r.extended_until) : null });
  return {
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    deskId: r.desk_id,
    deskName: r.desk_name,
    framework: r.framework,
    readAt: iso(r.first_read_at),
    acknowledgedAt: iso(r.acknowledged_at),
    requestState: (overdue ? 'overdue' : r.request_state) as RequestState | null,
    accessClass: r.access_class,
    dueAt: iso(r.request_state === 'extended' && r.extended_until ? r.extended_until : r.due_at),
    refusalGround: r.refusal_ground,
    answeredAt: iso(r.answered_at),
    clarification: r.clarification_question && r.clarification_asked_at
      ? { question: r.clarification_question, askedAt: iso(r.clarification_asked_at)!, answeredAt: iso(r.clarification_answered_at), clockStopped: r.request_state === 'clarification' && r.framework === 'eu-2023-977' }
      : null,
    clockStoppedSeconds: r.clock_stopped_seconds,
  };
}

/**
 * Receipts the viewer may see: the sending agency sees every recipient agency and desk; a recipient sees its own
 * receipt only. Never the names of the people who read it.
 */
function visibleReceipts(actor: Actor, m: MessageRow, receipts: ReceiptRow[]): ReceiptRow[] {
  return actor.agencyId === m.sender_agency_id ? receipts : receipts.filter((r) => r.agency_id === actor.agencyId);
}

export function presentSummary(actor: Actor, m: MessageRow, receipts: ReceiptRow[], read: boolean): PMessageSummary {
  const shown = visibleReceipts(actor, m, receipts);
  const presented = shown.map(presentReceipt);
  return {
    id: m.id,
    caseId: m.case_id,
    caseTitle: m.case_title,
    parentId: m.parent_id,
    subject: m.subject,
    senderAgencyId: m.sender_agency_id,
    senderAgencyName: m.sender_agency_name,
    senderDeskName: m.sender_desk_name,
    handlingCode: m.handling_code,
    tlp: m.tlp,
    sourceReliability: m.source_reliability,
    infoAccuracy: m.info_accuracy,
    priority: m.priority,
    isRequest: m.is_request,
    originAgencyId: m.origin_agency_id,
    createdAt: iso(m.created_at)!,
    unread: !read && m.sender_user_id !== actor.userId,
    overdue: presented.some((r) => r.requestState === 'overdue'),
    receipts: presented,
  };
}

export function messageRecord(actor: Actor, m: MessageRow, receipts: ReceiptRow[], h3Acknowledged: boolean): MessageRecord {
  const own = receipts.find((r) => r.agency_id === actor.agencyId && r.agency_id !== m.sender_agency_id);
  return {
    senderAgencyId: m.sender_agency_id,
    senderUserId: m.sender_user_id,
    receipt: own ? { requestState: own.request_state, acknowledged: own.acknowledged_at !== null } : null,
    handlingCode: m.handling_code,
    h3Acknowledged,
    caseOpen: m.case_status === 'open',
    originAgencyId: m.origin_agency_id ?? m.sender_agency_id,
  };
}

/** The whole message for a viewer: the body only when they may read it now (H3 acknowledged). */
export function presentMessage(actor: Actor, m: MessageRow, receipts: ReceiptRow[], o: { h3Acknowledged: boolean; senderName: string | null; redReaders: number | null; attachments: PAttachment[] }): PMessage {
  const record = messageRecord(actor, m, receipts, o.h3Acknowledged);
  const abilities = messagePolicy.abilities(actor, record);
  return {
    ...presentSummary(actor, m, receipts, true),
    body: abilities.readBody ? m.body : null,
    bodyFormat: m.body_format,
    purpose: m.purpose,
    handlingText: m.handling_text,
    senderName: actor.agencyId === m.sender_agency_id ? o.senderName : null,
    redReaders: o.redReaders,
    // The files are content: hidden with the body until the H3 restriction is acknowledged.
    attachments: abilities.readBody ? o.attachments : [],
    abilities: {
      reply: abilities.reply,
      acknowledgeH3: abilities.acknowledgeH3,
      acknowledge: abilities.acknowledge,
      classify: abilities.classify && receipts.some((r) => r.agency_id === actor.agencyId && r.framework === 'eu-2023-977'),
      extend: abilities.extend,
      refuse: abilities.refuse,
      clarify: abilities.clarify,
      passOn: abilities.passOn,
      requestPermission: abilities.requestPermission,
    },
  };
}

/** An attachment row as JSON: name, detected type and size (never the key or the chunks). */
export function presentAttachment(a: { id: string; filename: string; media_type: string; size_bytes: string | number }): PAttachment {
  return { id: a.id, filename: a.filename, mediaType: a.media_type, size: Number(a.size_bytes) };
}
