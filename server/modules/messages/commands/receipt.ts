import type { TReceiptRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { dueAt } from '../deadlines';
import type { MessageRow } from '../queries';

/**
 * The requested side's answer to a request: acknowledge it, classify the information as held directly or to be
 * obtained (Directive 2023/977 sets the deadline from it), extend while a judicial authorisation is sought, or refuse on
 * a stated ground, or ask for clarification (which stops the clock under Directive 2023/977). Each step is audited for
 * both agencies and announced to the sender.
 */
export async function updateReceipt(ctx: Ctx, m: MessageRow, input: TReceiptRequest): Promise<void> {
  const own = await ctx.tx.selectFrom('message_recipients').selectAll().where('message_id', '=', m.id).where('agency_id', '=', ctx.actor.agencyId!).forUpdate().executeTakeFirst();
  if (!own) throw notFound('message');
  const now = new Date();
  switch (input.action) {
    case 'acknowledge':
      await ctx.tx.updateTable('message_recipients').set({ acknowledged_at: own.acknowledged_at ?? now, ...(own.request_state === 'sent' && { request_state: 'acknowledged' as const }) }).where('message_id', '=', m.id).where('agency_id', '=', own.agency_id).execute();
      break;
    case 'classify': {
      if (own.framework !== 'eu-2023-977') throw badRequest('Only requests under Directive 2023/977 are classified as directly accessible or not.');
      const partnershipless = dueAt({ framework: own.framework, priority: m.priority, accessClass: input.accessClass, urgentHours: null, normalHours: null, sentAt: new Date(m.created_at) });
      await ctx.tx.updateTable('message_recipients').set({ access_class: input.accessClass, due_at: partnershipless }).where('message_id', '=', m.id).where('agency_id', '=', own.agency_id).execute();
      break;
    }
    case 'extend': {
      const until = new Date(input.until);
      if (until.getTime() <= now.getTime()) throw badRequest('The new deadline must be in the future.', [{ path: 'until', message: 'In the past.' }]);
      await ctx.tx.updateTable('message_recipients').set({ request_state: 'extended', extended_until: until, extension_reason: input.reason }).where('message_id', '=', m.id).where('agency_id', '=', own.agency_id).execute();
      break;
    }
    case 'clarify':
      // The clock stops now (2023/977); the requesting side's reply to its request starts it again.
      await ctx.tx.updateTable('message_recipients').set({ request_state: 'clarification', clarification_question: input.question, clarification_asked_at: now, clarification_answered_at: null }).where('message_id', '=', m.id).where('agency_id', '=', own.agency_id).execute();
      break;
    case 'refuse':
      await ctx.tx.updateTable('message_recipients').set({ request_state: 'refused', refusal_ground: input.ground }).where('message_id', '=', m.id).where('agency_id', '=', own.agency_id).execute();
      break;
  }
  ctx.audit({ action: `message.${input.action}`, objectType: 'message', objectId: m.id, subjectAgencyId: m.sender_agency_id, details: input.action === 'classify' ? { accessClass: input.accessClass } : {} });
  ctx.emit({ topic: 'message', id: m.id, audience: { agencyIds: [m.sender_agency_id, ctx.actor.agencyId!] } });
}
