import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { permissionsOf, type TSendMessageRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError, badRequest, conflict, notFound } from '../../../platform/http';
import { loadCase } from '../../cases';
import { requireActivePartnership } from '../../partnerships/require-active';
import { dueAt, searchConfig, SEARCH_CONFIGS } from '../deadlines';
import { loadMessage } from '../queries';
import { attachFiles } from '../attachments/attach';

/** The subject (weighted first) and body, stemmed in every platform language. */
function searchVector(subject: string, body: string) {
  const parts = SEARCH_CONFIGS.map((c) => sql`setweight(to_tsvector(${c}::regconfig, ${subject}), 'A') || to_tsvector(${c}::regconfig, ${body})`);
  return sql`${sql.join(parts, sql` || `)}`;
}

/**
 * Sends a message in a case to participant agencies (or one of their desks), under an active partnership with each.
 * A request gets its deadline from the partnership's legal framework. TLP:RED goes to one desk and is readable only
 * by that desk's standing RED readers, fixed now. A reply to an open request answers it.
 */
export async function sendMessage(ctx: Ctx, caseId: string, input: TSendMessageRequest, locale: string, origin: { messageId: string; agencyId: string; carryFrom: string } | null = null): Promise<{ id: string; recipients: string[] }> {
  const me = ctx.actor;
  const { row: theCase } = await loadCase(ctx, caseId);
  if (theCase.status !== 'open') throw conflict('This case is closed: reopen it to send messages.');
  if (input.isRequest && !permissionsOf(me.roles).has('request.start')) {
    throw new AppError(400, 'bad_request', 'Only a liaison officer starts requests to partner agencies. Send it as information, or ask your liaison officer.', [{ path: 'isRequest', message: 'Liaison only.' }]);
  }
  const senderDesk = input.senderDeskId ?? me.deskIds[0];
  if (!senderDesk || !me.deskIds.includes(senderDesk)) throw badRequest('Send from one of your own desks.', [{ path: 'senderDeskId', message: 'Not your desk.' }]);

  let parentOpenRequest = false;
  let parentSentByUs = false;
  if (input.parentId) {
    const parent = await loadMessage(ctx, input.parentId);
    if (parent.case_id !== caseId) throw notFound('message');
    parentSentByUs = parent.sender_agency_id === me.agencyId;
    const own = await ctx.tx.selectFrom('message_recipients').select('request_state').where('message_id', '=', parent.id).where('agency_id', '=', me.agencyId!).executeTakeFirst();
    parentOpenRequest = !!own && ['sent', 'acknowledged', 'extended'].includes(own.request_state ?? '');
  }

  const recipients = [];
  for (const r of input.recipients) {
    if (r.agencyId === me.agencyId) throw badRequest('A message goes to other agencies; your own agency sees it in the case already.', [{ path: 'recipients', message: 'Your own agency.' }]);
    const part = await ctx.tx.selectFrom('case_participants').select('status').where('case_id', '=', caseId).where('agency_id', '=', r.agencyId).executeTakeFirst();
    if (!part || part.status !== 'active') throw badRequest('Every recipient must be an agency that takes part in this case: invite it first.', [{ path: 'recipients', message: 'Not in the case.' }]);
    const partnership = await requireActivePartnership(ctx, me.agencyId!, r.agencyId);
    if (r.deskId) {
      const desk = await ctx.tx.selectFrom('desks').select(['agency_id', 'disabled_at']).where('id', '=', r.deskId).executeTakeFirst();
      if (!desk || desk.agency_id !== r.agencyId || desk.disabled_at) throw badRequest('That desk is not an active desk of the recipient agency.', [{ path: 'recipients', message: 'Unknown desk.' }]);
    }
    recipients.push({ ...r, partnership });
  }

  const id = randomUUID();
  const cfg = searchConfig(`${input.subject} ${input.body}`, locale);
  const now = new Date();
  await ctx.tx
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
    .execute();
  await ctx.tx
    .insertInto('message_recipients')
    .values(recipients.map((r) => ({
      message_id: id, agency_id: r.agencyId, desk_id: r.deskId ?? null, framework: r.partnership.framework,
      request_state: input.isRequest ? ('sent' as const) : null,
      due_at: input.isRequest ? dueAt({ framework: r.partnership.framework, priority: input.priority, accessClass: null, urgentHours: r.partnership.urgent_hours, normalHours: r.partnership.normal_hours, sentAt: now }) : null,
    })))
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
  return { id, recipients: recipients.map((r) => r.agencyId) };
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
