import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { permissionsOf, type TSendMessageRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../../platform/http';
import { casePolicy } from '../../cases';
import { requireActivePartnership } from '../../partnerships/require-active';
import { dueAt, searchConfig, SEARCH_CONFIGS } from '../deadlines';
import { loadMessage, type MessageRow, type ReceiptRow } from '../queries';
import { attachFiles } from '../attachments/attach';

/** The subject (weighted first) and body, stemmed in every platform language. */
function searchVector(subject: string, body: string) {
  const parts = SEARCH_CONFIGS.map((c) => sql`setweight(to_tsvector(${c}::regconfig, ${subject}), 'A') || to_tsvector(${c}::regconfig, ${body})`);
  return sql`${sql.join(parts, sql` || `)}`;
}

/** The stored columns a message is presented with (loadMessage's, without the joined names). */
const MESSAGE_COLUMNS = [
  'id', 'case_id', 'parent_id', 'sender_agency_id', 'sender_desk_id', 'sender_user_id', 'subject', 'body', 'body_format', 'purpose',
  'handling_code', 'handling_text', 'tlp', 'source_reliability', 'info_accuracy', 'priority', 'is_request', 'lang', 'created_at', 'origin_message_id', 'origin_agency_id',
] as const;

/** What one statement tells the send about its case, its sender and its recipients (all under row-level security). */
interface SendFacts {
  case: { status: string; title: string; agency_id: string; restricted: boolean } | null;
  participants: { agency_id: string; role: 'owner' | 'participant'; status: string }[] | null;
  member: boolean;
  locale: string | null;
  sender_name: string | null;
  partnerships: { proposer_agency_id: string; partner_agency_id: string; status: string; framework: string; urgent_hours: number | null; normal_hours: number | null }[] | null;
  desks: { id: string; agency_id: string; name: string; disabled: boolean }[] | null;
  agencies: { id: string; name: string }[] | null;
}

/**
 * The checks of a send in one round trip: the case and the sender's participation and membership (the rule of
 * loadCase), the recipients' participation, the partnerships between the sender's agency and each recipient (newest
 * first, as requireActivePartnership reads them), the desks named, the sender's locale and name, and the names the
 * response shows. Every table is read under the actor's row-level security, as the separate queries were.
 */
async function sendFacts(ctx: Ctx, caseId: string, recipientIds: string[], deskIds: string[]): Promise<SendFacts> {
  const me = ctx.actor;
  const res = await sql<SendFacts>`
    SELECT
      (SELECT json_build_object('status', c.status, 'title', c.title, 'agency_id', c.agency_id, 'restricted', c.restricted) FROM cases c WHERE c.id = ${caseId}) AS "case",
      (SELECT json_agg(json_build_object('agency_id', p.agency_id, 'role', p.role, 'status', p.status)) FROM case_participants p
        WHERE p.case_id = ${caseId} AND p.agency_id = ANY (${[me.agencyId!, ...recipientIds]}::uuid[])) AS participants,
      EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = ${caseId} AND cm.user_id = ${me.userId} AND cm.removed_at IS NULL) AS member,
      u.locale, u.display_name AS sender_name,
      (SELECT json_agg(json_build_object('proposer_agency_id', x.proposer_agency_id, 'partner_agency_id', x.partner_agency_id, 'status', x.status,
                                         'framework', x.framework, 'urgent_hours', x.urgent_hours, 'normal_hours', x.normal_hours) ORDER BY x.updated_at DESC)
        FROM partnerships x WHERE (x.proposer_agency_id = ${me.agencyId} AND x.partner_agency_id = ANY (${recipientIds}::uuid[]))
                               OR (x.partner_agency_id = ${me.agencyId} AND x.proposer_agency_id = ANY (${recipientIds}::uuid[]))) AS partnerships,
      (SELECT json_agg(json_build_object('id', d.id, 'agency_id', d.agency_id, 'name', d.name, 'disabled', d.disabled_at IS NOT NULL)) FROM desks d
        WHERE d.id = ANY (${deskIds}::uuid[])) AS desks,
      (SELECT json_agg(json_build_object('id', a.id, 'name', a.name)) FROM agencies a WHERE a.id = ANY (${[me.agencyId!, ...recipientIds]}::uuid[])) AS agencies
    FROM (SELECT 1) one LEFT JOIN users u ON u.id = ${me.userId}`.execute(ctx.tx);
  return res.rows[0]!;
}

export interface SentMessage {
  id: string;
  recipients: string[];
  /** The message as stored and its receipts, for the response (no second read). */
  row: MessageRow;
  receipts: ReceiptRow[];
  senderName: string | null;
  /** Files may be linked (uploaded ones, or carried by a copy passed on): the response lists them. */
  attached: boolean;
}

/**
 * Sends a message in a case to participant agencies (or one of their desks), under an active partnership with each.
 * A request gets its deadline from the partnership's legal framework. TLP:RED goes to one desk and is readable only
 * by that desk's standing RED readers, fixed now. A reply to an open request answers it. `locale` null: the sender's
 * own interface language, read with the checks.
 */
export async function sendMessage(ctx: Ctx, caseId: string, input: TSendMessageRequest, locale: string | null, origin: { messageId: string; agencyId: string; carryFrom: string } | null = null): Promise<SentMessage> {
  const me = ctx.actor;
  const senderDesk = input.senderDeskId ?? me.deskIds[0];
  const recipientIds = input.recipients.map((r) => r.agencyId);
  const deskIds = [...new Set([...input.recipients.flatMap((r) => (r.deskId ? [r.deskId] : [])), ...(senderDesk ? [senderDesk] : [])])];
  const facts = await sendFacts(ctx, caseId, recipientIds, deskIds);
  const theCase = facts.case;
  if (!theCase) throw notFound('case');
  const own = facts.participants?.find((p) => p.agency_id === me.agencyId);
  const record = { agencyId: theCase.agency_id, status: theCase.status, restricted: theCase.restricted, participation: own ? { role: own.role, status: own.status } : null, member: facts.member };
  if (!casePolicy.can(me, 'read', record)) throw notFound('case');
  if (theCase.status !== 'open') throw conflict('This case is closed: reopen it to send messages.');
  if (input.isRequest && !permissionsOf(me.roles).has('request.start')) {
    throw new AppError(400, 'bad_request', 'Only a liaison officer starts requests to partner agencies. Send it as information, or ask your liaison officer.', [{ path: 'isRequest', message: 'Liaison only.' }]);
  }
  if (!senderDesk || !me.deskIds.includes(senderDesk)) throw badRequest('Send from one of your own desks.', [{ path: 'senderDeskId', message: 'Not your desk.' }]);

  let parentOpenRequest = false;
  let parentSentByUs = false;
  if (input.parentId) {
    const parent = await loadMessage(ctx, input.parentId);
    if (parent.case_id !== caseId) throw notFound('message');
    parentSentByUs = parent.sender_agency_id === me.agencyId;
    const ownReceipt = await ctx.tx.selectFrom('message_recipients').select('request_state').where('message_id', '=', parent.id).where('agency_id', '=', me.agencyId!).executeTakeFirst();
    parentOpenRequest = !!ownReceipt && ['sent', 'acknowledged', 'extended'].includes(ownReceipt.request_state ?? '');
  }

  const recipients = [];
  for (const r of input.recipients) {
    if (r.agencyId === me.agencyId) throw badRequest('A message goes to other agencies; your own agency sees it in the case already.', [{ path: 'recipients', message: 'Your own agency.' }]);
    const part = facts.participants?.find((p) => p.agency_id === r.agencyId);
    if (!part || part.status !== 'active') throw badRequest('Every recipient must be an agency that takes part in this case: invite it first.', [{ path: 'recipients', message: 'Not in the case.' }]);
    const partnership = facts.partnerships?.find((x) => x.status === 'active' && (x.proposer_agency_id === r.agencyId || x.partner_agency_id === r.agencyId))
      // None active: the partnerships module says why, in its own words (and throws).
      ?? (await requireActivePartnership(ctx, me.agencyId!, r.agencyId));
    if (r.deskId) {
      const desk = facts.desks?.find((d) => d.id === r.deskId);
      if (!desk || desk.agency_id !== r.agencyId || desk.disabled) throw badRequest('That desk is not an active desk of the recipient agency.', [{ path: 'recipients', message: 'Unknown desk.' }]);
    }
    recipients.push({ ...r, partnership });
  }

  const id = randomUUID();
  const cfg = searchConfig(`${input.subject} ${input.body}`, locale ?? facts.locale ?? 'en');
  const now = new Date();
  const stored = await ctx.tx
    .insertInto('messages')
    .values({
      id, case_id: caseId, parent_id: input.parentId ?? null, sender_agency_id: me.agencyId!, sender_desk_id: senderDesk, sender_user_id: me.userId!,
      subject: input.subject, body: input.body, body_format: input.bodyFormat, purpose: input.purpose ?? null,
      handling_code: input.handlingCode, handling_text: input.handlingCode === 'H3' ? input.handlingText! : null, tlp: input.tlp,
      source_reliability: input.sourceReliability, info_accuracy: input.infoAccuracy, priority: input.priority, is_request: input.isRequest, lang: cfg,
      search: searchVector(input.subject, input.body),
      created_at: now,
      origin_message_id: origin?.messageId ?? null,
      origin_agency_id: origin?.agencyId ?? null,
    })
    .returning(MESSAGE_COLUMNS)
    .executeTakeFirstOrThrow();
  const receipts = await ctx.tx
    .insertInto('message_recipients')
    .values(recipients.map((r) => ({
      message_id: id, agency_id: r.agencyId, desk_id: r.deskId ?? null, framework: r.partnership.framework,
      request_state: input.isRequest ? ('sent' as const) : null,
      due_at: input.isRequest ? dueAt({ framework: r.partnership.framework, priority: input.priority, accessClass: null, urgentHours: r.partnership.urgent_hours, normalHours: r.partnership.normal_hours, sentAt: now }) : null,
    })))
    .returningAll()
    .execute();

  await attachFiles(ctx, id, input.attachmentIds ?? [], origin?.carryFrom ?? null);

  if (input.tlp === 'RED') {
    const deskId = recipients[0]!.deskId!;
    const n = Number((await sql<{ n: number }>`SELECT tansiq_fix_red_readers(${id}::uuid, ${deskId}::uuid) AS n`.execute(ctx.tx)).rows[0]?.n ?? 0);
    if (n === 0) throw conflict('The addressed desk has no TLP:RED readers: its supervisor must name them before it can receive TLP:RED.', [{ path: 'recipients', message: 'No RED readers.' }]);
  }
  if (input.parentId && parentSentByUs) await answerClarifications(ctx, input.parentId, recipients.map((r) => r.agencyId), now);
  if (input.parentId && parentOpenRequest) {
    await ctx.tx.updateTable('message_recipients').set({ request_state: 'answered', answered_at: now, answer_id: id }).where('message_id', '=', input.parentId).where('agency_id', '=', me.agencyId!).execute();
  }

  ctx.audit({ action: origin ? 'message.passed_on' : 'message.sent', objectType: 'message', objectId: id, purpose: input.purpose ?? null, details: { caseId, recipients: recipients.length, tlp: input.tlp, handling: input.handlingCode, request: input.isRequest, ...(origin && { originMessageId: origin.messageId }), ...(input.attachmentIds?.length ? { attachments: input.attachmentIds.length } : {}) } });
  // The original provider sees in its audit where its information went (per agency, never per person).
  if (origin && origin.agencyId !== me.agencyId) ctx.audit({ action: 'message.passed_on', objectType: 'message', objectId: origin.messageId, subjectAgencyId: origin.agencyId, details: { copy: id, to: recipients.map((r) => r.agencyId) } });
  for (const r of recipients) {
    ctx.audit({ action: 'message.received', objectType: 'message', objectId: id, subjectAgencyId: r.agencyId, details: { caseId } });
    ctx.emit({ topic: 'message', id, audience: input.tlp === 'RED' ? { deskIds: [r.deskId!] } : { agencyIds: [r.agencyId] } });
  }
  ctx.emit({ topic: 'message', id, audience: { agencyIds: [me.agencyId!] } });
  const agencyName = (a: string) => facts.agencies?.find((x) => x.id === a)?.name ?? '';
  const deskName = (d: string | null) => (d ? (facts.desks?.find((x) => x.id === d)?.name ?? null) : null);
  const row: MessageRow = { ...stored, case_title: theCase.title, case_status: theCase.status, sender_agency_name: agencyName(me.agencyId!), sender_desk_name: deskName(senderDesk) ?? '' };
  // As receiptsOf lists them: by agency name (the databases compare in C order).
  const presented: ReceiptRow[] = receipts.map((r) => ({ ...r, agency_name: agencyName(r.agency_id), desk_name: deskName(r.desk_id) }))
    .sort((a, b) => (a.agency_name < b.agency_name ? -1 : a.agency_name > b.agency_name ? 1 : 0));
  return { id, recipients: recipients.map((r) => r.agencyId), row, receipts: presented, senderName: facts.sender_name, attached: (input.attachmentIds?.length ?? 0) > 0 || origin !== null };
}

/**
 * The requesting side's reply to its own request answers the clarifications its recipients asked for: the request is
 * open again, and under Directive 2023/977 its deadline moves by the time the clock stood still.
 */
async function answerClarifications(ctx: Ctx, requestId: string, to: string[], now: Date): Promise<void> {
  const waiting = await ctx.tx.selectFrom('message_recipients').select(['agency_id', 'framework', 'due_at', 'clarification_asked_at', 'clock_stopped_seconds', 'acknowledged_at'])
    .where('message_id', '=', requestId).where('request_state', '=', 'clarification').where('agency_id', 'in', to).execute();
  for (const w of waiting) {
    const stopped = w.clarification_asked_at ? Math.max(0, Math.round((now.getTime() - new Date(w.clarification_asked_at).getTime()) / 1000)) : 0;
    const eu = w.framework === 'eu-2023-977';
    await ctx.tx.updateTable('message_recipients').set({
      request_state: w.acknowledged_at ? 'acknowledged' : 'sent',
      clarification_answered_at: now,
      ...(eu ? { clock_stopped_seconds: w.clock_stopped_seconds + stopped, due_at: w.due_at ? new Date(new Date(w.due_at).getTime() + stopped * 1000) : null } : {}),
    }).where('message_id', '=', requestId).where('agency_id', '=', w.agency_id).execute();
    ctx.audit({ action: 'message.clarified', objectType: 'message', objectId: requestId, subjectAgencyId: w.agency_id, details: { clockStoppedSeconds: eu ? stopped : 0 } });
  }
}
