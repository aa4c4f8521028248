import type { OnwardRefusal, POnwardTarget, TPassOnRequest, TPermissionRequest } from '../../../../common';
import { loadCase } from '../../cases';
import type { Ctx } from '../../../platform/db';
import { AppError, conflict, notFound } from '../../../platform/http';
import { onwardRefusals, ONWARD_MESSAGES } from '../onward';
import type { MessageRow } from '../queries';
import { sendMessage } from './send';

const originOf = (m: MessageRow) => ({ messageId: m.origin_message_id ?? m.id, agencyId: m.origin_agency_id ?? m.sender_agency_id });

/** The onward rule's verdict for each target agency (empty reasons: allowed), for the one passing `m` on. */
async function onwardRefusalsFor(ctx: Ctx, m: MessageRow, targets: string[]): Promise<{ agencyId: string; reasons: OnwardRefusal[] }[]> {
  const origin = originOf(m);
  const acked = m.handling_code !== 'H3' || m.sender_user_id === ctx.actor.userId
    || !!(await ctx.tx.selectFrom('message_h3_acks').select('user_id').where('message_id', '=', m.id).where('user_id', '=', ctx.actor.userId!).executeTakeFirst());
  const countries = new Map((await ctx.tx.selectFrom('agencies').select(['id', 'country']).where('id', 'in', [ctx.actor.agencyId!, ...targets]).execute()).map((a) => [a.id, a.country]));
  const granted = new Set((await ctx.tx.selectFrom('message_permissions').select('target_agency_id')
    .where('origin_message_id', '=', origin.messageId).where('requester_agency_id', '=', ctx.actor.agencyId!).where('kind', '=', 'disseminate').where('status', '=', 'granted').execute())
    .map((p) => p.target_agency_id));
  return targets.map((agencyId) => ({
    agencyId,
    reasons: onwardRefusals({
      tlp: m.tlp, handlingCode: m.handling_code,
      passer: { agencyId: ctx.actor.agencyId!, country: countries.get(ctx.actor.agencyId!) ?? '' },
      origin: { agencyId: origin.agencyId },
      target: { agencyId, country: countries.get(agencyId) ?? '?' },
      disseminationGranted: granted.has(agencyId),
      h3Acknowledged: acked,
    }),
  }));
}

/**
 * Where `m` could go in a case: every other active participant agency with the onward rule's reasons (none when
 * allowed), whether a partnership exists, and the state of the latest dissemination permission asked for it.
 */
export async function onwardOptions(ctx: Ctx, m: MessageRow, caseId: string): Promise<POnwardTarget[]> {
  await loadCase(ctx, caseId);
  const agencies = await ctx.tx.selectFrom('case_participants as p').innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['a.id', 'a.name', 'a.country']).where('p.case_id', '=', caseId).where('p.status', '=', 'active').where('a.id', '<>', ctx.actor.agencyId!).orderBy('a.name').execute();
  if (agencies.length === 0) return [];
  const verdicts = new Map((await onwardRefusalsFor(ctx, m, agencies.map((a) => a.id))).map((v) => [v.agencyId, v.reasons]));
  const partners = new Set((await ctx.tx.selectFrom('partnerships').select(['proposer_agency_id', 'partner_agency_id']).where('status', '=', 'active')
    .where((eb) => eb.or([eb('proposer_agency_id', '=', ctx.actor.agencyId!), eb('partner_agency_id', '=', ctx.actor.agencyId!)])).execute())
    .map((p) => (p.proposer_agency_id === ctx.actor.agencyId ? p.partner_agency_id : p.proposer_agency_id)));
  const origin = originOf(m);
  const permissions = await ctx.tx.selectFrom('message_permissions').select(['target_agency_id', 'status']).where('origin_message_id', '=', origin.messageId)
    .where('requester_agency_id', '=', ctx.actor.agencyId!).where('kind', '=', 'disseminate').orderBy('created_at', 'desc').execute();
  return agencies.map((a) => ({
    agencyId: a.id,
    agencyName: a.name,
    country: a.country,
    partnership: partners.has(a.id),
    reasons: verdicts.get(a.id) ?? [],
    permission: permissions.find((p) => p.target_agency_id === a.id)?.status ?? null,
  }));
}

/**
 * Passes information on as a copy in another (or the same) case: the copy keeps the original provider's marking,
 * handling code and evaluation, and names the provider. The TLP × handling-code table decides for each target agency;
 * a partnership with each is required as for any message.
 */
export async function passOn(ctx: Ctx, m: MessageRow, input: TPassOnRequest, locale: string | null = null): Promise<string> {
  const origin = originOf(m);
  const refusals = (await onwardRefusalsFor(ctx, m, input.recipients.map((r) => r.agencyId))).filter((r) => r.reasons.length > 0);
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
  }, locale, { ...origin, carryFrom: m.id });
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
