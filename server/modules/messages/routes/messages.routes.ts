import { z } from 'zod';
import { sql } from 'kysely';
import { ZMessageListQuery, ZReceiptRequest, ZSendMessageRequest, type TMessageListQuery, type TReceiptRequest, type TSendMessageRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { messagePolicy } from '../policies/message.policy';
import { messageRecord, presentMessage, presentSummary } from '../presenters';
import { listMessages, loadMessage, readByMe, receiptsOf, type MessageRow, type ReceiptRow } from '../queries';
import { sendMessage } from '../commands/send';
import { updateReceipt } from '../commands/receipt';
import { attachmentsOf } from '../attachments/queries';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });
const ZCaseId = z.object({ caseId: z.uuid('Not a valid identifier.') });

/** What a send already holds about the message it just stored: the response needs no second read of it. */
interface Known {
  m: MessageRow;
  receipts: ReceiptRow[];
  senderName: string | null;
  /** Files may be linked to it. */
  attached: boolean;
}

/**
 * Opens a message for its viewer: the body shows only when they may read it now (H3 acknowledged); reading records
 * the receipt and an audit event the providing agency sees (per agency, never per person). `known`: the message its
 * sender has just sent, in this transaction (nobody has acknowledged or read it yet).
 */
async function openMessage(ctx: Ctx, id: string, known: Known | null = null) {
  const m: MessageRow = known?.m ?? await loadMessage(ctx, id);
  const receipts = known?.receipts ?? (await receiptsOf(ctx, [id])).get(id) ?? [];
  // Only an H3 message has an acknowledgement to look up (none yet on a message sent now).
  const acked = !known && m.handling_code === 'H3' && !!(await ctx.tx.selectFrom('message_h3_acks').select('user_id').where('message_id', '=', id).where('user_id', '=', ctx.actor.userId!).executeTakeFirst());
  const record = messageRecord(ctx.actor, m, receipts, acked);
  if (!messagePolicy.can(ctx.actor, 'readBody', record) && m.handling_code !== 'H3') throw notFound('message');
  let receiptChanged = false;
  if (messagePolicy.can(ctx.actor, 'readBody', record)) {
    await sql`INSERT INTO message_reads (message_id, user_id, agency_id) VALUES (${id}, ${ctx.actor.userId}, ${ctx.actor.agencyId}) ON CONFLICT DO NOTHING`.execute(ctx.tx);
    const own = receipts.find((r) => r.agency_id === ctx.actor.agencyId);
    if (own && !own.first_read_at) {
      receiptChanged = true;
      await ctx.tx.updateTable('message_recipients').set({ first_read_at: new Date() }).where('message_id', '=', id).where('agency_id', '=', ctx.actor.agencyId!).execute();
      ctx.emit({ topic: 'message', id, audience: { agencyIds: [m.sender_agency_id] } });
    }
    ctx.audit({ action: 'message.read', objectType: 'message', objectId: id, subjectAgencyId: m.sender_agency_id === ctx.actor.agencyId ? null : m.sender_agency_id, details: { caseId: m.case_id } });
  }
  const senderName = m.sender_agency_id === ctx.actor.agencyId
    ? (known ? known.senderName : ((await ctx.tx.selectFrom('users').select('display_name').where('id', '=', m.sender_user_id).executeTakeFirst())?.display_name ?? null))
    : null;
  const redReaders = m.tlp === 'RED' && m.sender_user_id === ctx.actor.userId
    ? null
    : m.tlp === 'RED' ? Number((await ctx.tx.selectFrom('message_red_readers').select((eb) => eb.fn.countAll<string>().as('n')).where('message_id', '=', id).executeTakeFirstOrThrow()).n) : null;
  // Read again only when this read changed the agency's receipt.
  const fresh = receiptChanged ? ((await receiptsOf(ctx, [id])).get(id) ?? receipts) : receipts;
  const attachments = messagePolicy.can(ctx.actor, 'readBody', record) && (!known || known.attached) ? await attachmentsOf(ctx, id) : [];
  return presentMessage(ctx.actor, m, fresh, { h3Acknowledged: acked, senderName, redReaders, attachments });
}

/** Messages: send in a case, inbox/sent/search, read (audited), H3 acknowledgement, the requested side's receipt. */
export async function messageRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.post('/api/cases/:caseId/messages', { schema: { tags: ['messages'], summary: 'Send a message or request in a case to participant agencies or their desks', params: ZCaseId, body: ZSendMessageRequest } }, async (req, reply) => {
    const { caseId } = req.params as z.infer<typeof ZCaseId>;
    const body = req.body as TSendMessageRequest;
    const message = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      // The sender's locale is read with the send's checks.
      const sent = await sendMessage(ctx, caseId, body, null);
      return openMessage(ctx, sent.id, { m: sent.row, receipts: sent.receipts, senderName: sent.senderName, attached: sent.attached });
    });
    return reply.status(201).send({ message });
  });

  app.get('/api/messages', { schema: { tags: ['messages'], summary: 'Inbox, sent or all visible messages, with filters and full-text search', querystring: ZMessageListQuery } }, async (req) => {
    const f = req.query as TMessageListQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const rows = await listMessages(ctx, f);
      const ids = rows.map((r) => r.id);
      const receipts = await receiptsOf(ctx, ids);
      const read = await readByMe(ctx, ids);
      if (f.q) ctx.audit({ action: 'message.searched', objectType: 'message', details: { results: rows.length } });
      return { messages: rows.map((m) => presentSummary(ctx.actor, m, receipts.get(m.id) ?? [], read.has(m.id))) };
    });
  });

  app.get('/api/messages/:id', { schema: { tags: ['messages'], summary: 'Read a message (audited)', params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => ({ message: await openMessage(ctx, id) }));
  });

  app.post('/api/messages/:id/acknowledge-h3', { schema: { tags: ['messages'], summary: "Acknowledge an H3 message's restriction before reading it", params: ZId } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const m = await loadMessage(ctx, id);
      const receipts = (await receiptsOf(ctx, [id])).get(id) ?? [];
      if (!messagePolicy.can(ctx.actor, 'acknowledgeH3', messageRecord(ctx.actor, m, receipts, false))) throw notFound('message');
      await ctx.tx.insertInto('message_h3_acks').values({ message_id: id, user_id: ctx.actor.userId!, agency_id: ctx.actor.agencyId! }).onConflict((oc) => oc.doNothing()).execute();
      ctx.audit({ action: 'message.h3_acknowledged', objectType: 'message', objectId: id, subjectAgencyId: m.sender_agency_id });
      return { message: await openMessage(ctx, id) };
    });
  });

  app.post('/api/messages/:id/receipt', { schema: { tags: ['messages'], summary: 'The requested side acknowledges, classifies (2023/977), extends or refuses a request', params: ZId, body: ZReceiptRequest } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const body = req.body as TReceiptRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const m = await loadMessage(ctx, id);
      const receipts = (await receiptsOf(ctx, [id])).get(id) ?? [];
      const record = messageRecord(ctx.actor, m, receipts, false);
      const ability = body.action === 'acknowledge' ? 'acknowledge' : body.action;
      if (!messagePolicy.can(ctx.actor, ability, record)) throw notFound('message');
      await updateReceipt(ctx, m, body);
      return { message: await openMessage(ctx, id) };
    });
  });
}
