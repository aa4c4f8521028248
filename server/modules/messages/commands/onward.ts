import type { TPassOnRequest, TPermissionRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError, conflict, notFound } from '../../../platform/http';
import { onwardRefusals, ONWARD_MESSAGES } from '../onward';
import type { MessageRow } from '../queries';
import { sendMessage } from './send';

const originOf = (m: MessageRow) => ({ messageId: m.origin_message_id ?? m.id, agencyId: m.origin_agency_id ?? m.sender_agency_id });

/**
 * Passes information on as a copy in another (or the same) case: the copy keeps the original provider's marking,
 * handling code and evaluation, and names the provider. The TLP × handling-code table decides for each target agency;
 * a partnership with each is required as for any message.
 */
export async function passOn(ctx: Ctx, m: MessageRow, input: TPassOnRequest, locale: string): Promise<string> {
  const origin = originOf(m);
  const acked = m.handling_code !== 'H3' || m.sender_user_id === ctx.actor.userId
    || !!(await ctx.tx.selectFrom('message_h3_acks').select('user_id').where('message_id', '=', m.id).where('user_id', '=', ctx.actor.userId!).executeTakeFirst());
  const countries = new Map((await ctx.tx.selectFrom('agencies').select(['id', 'country']).where('id', 'in', [ctx.actor.agencyId!, ...input.recipients.map((r) => r.agencyId)]).execute()).map((a) => [a.id, a.country]));
  const granted = new Set((await ctx.tx.selectFrom('message_permissions').select('target_agency_id')
    .where('origin_message_id', '=', origin.messageId).where('requester_agency_id', '=', ctx.actor.agencyId!).where('kind', '=', 'disseminate').where('status', '=', 'granted').execute())
    .map((p) => p.target_agency_id));
  const refusals = input.recipients.map((r) => ({
    agencyId: r.agencyId,
    reasons: onwardRefusals({
      tlp: m.tlp, handlingCode: m.handling_code,
      passer: { agencyId: ctx.actor.agencyId!, country: countries.get(ctx.actor.agencyId!) ?? '' },
      origin: { agencyId: origin.agencyId },
      target: { agencyId: r.agencyId, country: countries.get(r.agencyId) ?? '?' },
      disseminationGranted: granted.has(r.agencyId),
      h3Acknowledged: acked,
    }),
  })).filter((r) => r.reasons.length > 0);
  if (refusals.length > 0) {
    const first = refusals[0]!.reasons[0]!;
    throw new AppError(409, 'onward_refused', ONWARD_MESSAGES[first], { refusals });
  }
  const body = input.note ? `${input.note}\n\n---\n\n${m.body}` : m.body;
  const sent = await sendMessage(ctx, input.caseId, {
    subject: m.subject.startsWith('Fwd: ') ? m.subject : `Fwd: ${m.subject}`.slice(0, 300), body, bodyFormat: m.body_format,
    recipients: input.recipients, purpose: input.purpose ?? m.purpose ?? undefined,
    handlingCode: m.handling_code, handlingText: m.handling_text ?? undefined, tlp: m.tlp,
    sourceReliability: m.source_reliability, infoAccuracy: m.info_accuracy, priority: m.priority, isRequest: false,
  }, locale, origin);
  return sent.id;
}

/** Asks the original provider (never whoever passed it on) for permission to disseminate or to use in court. */
export async function requestPermission(ctx: Ctx, m: MessageRow, input: TPermissionRequest): Promise<string> {
  const origin = originOf(m);
  if (origin.agencyId === ctx.actor.agencyId) throw conflict('This information is your own agency\'s: no permission is needed.');
  const row = await ctx.tx.insertInto('message_permissions').values({
    origin_message_id: origin.messageId, origin_agency_id: origin.agencyId, via_message_id: m.id, requester_agency_id: ctx.actor.agencyId!,
    requested_by: ctx.actor.userId!, kind: input.kind, target_agency_id: input.targetAgencyId ?? null, reason: input.reason,
  }).returning('id').executeTakeFirstOrThrow();
  ctx.audit({ action: 'permission.requested', objectType: 'message_permission', objectId: row.id, subjectAgencyId: origin.agencyId, details: { kind: input.kind, originMessageId: origin.messageId } });
  ctx.emit({ topic: 'permission', id: row.id, audience: { agencyIds: [origin.agencyId] } });
  return row.id;
}

/** The provider grants or refuses; the requester is told. */
export async function decidePermission(ctx: Ctx, id: string, decision: 'grant' | 'refuse', note: string | undefined): Promise<void> {
  const p = await ctx.tx.selectFrom('message_permissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!p || p.origin_agency_id !== ctx.actor.agencyId) throw notFound('permission request');
  if (p.status !== 'pending') throw conflict(`This request was already ${p.status}.`);
  await ctx.tx.updateTable('message_permissions').set({ status: decision === 'grant' ? 'granted' : 'refused', decided_by: ctx.actor.userId, decided_at: new Date(), decision_note: note ?? null }).where('id', '=', id).execute();
  ctx.audit({ action: decision === 'grant' ? 'permission.granted' : 'permission.refused', objectType: 'message_permission', objectId: id, subjectAgencyId: p.requester_agency_id, details: { kind: p.kind } });
  ctx.emit({ topic: 'permission', id, audience: { agencyIds: [p.requester_agency_id] } });
}
