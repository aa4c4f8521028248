import { permissionsOf } from '../../../../common';
import { withActor, type Actor } from '../../../platform/db';
import { readEncryptedFile } from '../../../platform/files';
import { AppError, notFound } from '../../../platform/http';
import type { Deps } from '../../../platform/deps';
import { messagePolicy } from '../policies/message.policy';
import { messageRecord } from '../presenters';
import { loadMessage, receiptsOf } from '../queries';
import { atx } from '../attachments/schema';

export interface OpenedAttachment {
  filename: string;
  mediaType: string;
  size: number;
  /** The plaintext, chunk by chunk, read and decrypted as the client takes it. */
  body: AsyncGenerator<Buffer>;
}

/**
 * Opens one file of a message for download: visible exactly to who may read the message body now (row-level
 * security, the TLP:RED readers, and H3 acknowledged first); audited (references only, never the content). The
 * chunks are then read one short transaction at a time, each under the same row-level security, and decrypted
 * as they stream, so neither the file nor the database connection is held for the whole download.
 */
export async function openAttachment(deps: Deps, actor: Actor, ip: string | null, messageId: string, attachmentId: string): Promise<OpenedAttachment> {
  const a = await withActor(deps.db, actor, ip, async (ctx) => {
    const m = await loadMessage(ctx, messageId);
    const receipts = (await receiptsOf(ctx, [messageId])).get(messageId) ?? [];
    const acked = !!(await ctx.tx.selectFrom('message_h3_acks').select('user_id').where('message_id', '=', messageId).where('user_id', '=', actor.userId!).executeTakeFirst());
    if (!messagePolicy.can(actor, 'readBody', messageRecord(actor, m, receipts, acked))) {
      if (m.handling_code === 'H3' && permissionsOf(actor.roles).has('case.work')) {
        throw new AppError(409, 'conflict', 'Acknowledge the H3 restriction of this message before opening its attachments.', [{ path: 'acknowledgeH3', message: 'Not acknowledged.' }]);
      }
      throw notFound('attachment');
    }
    const row = await atx(ctx.tx)
      .selectFrom('message_attachments as ma')
      .innerJoin('attachments as a', 'a.id', 'ma.attachment_id')
      .select(['a.id', 'a.filename', 'a.media_type', 'a.size_bytes', 'a.chunk_count', 'a.key_id', 'a.wrapped_key'])
      .where('ma.message_id', '=', messageId)
      .where('a.id', '=', attachmentId)
      .where('a.status', '=', 'ready')
      .executeTakeFirst();
    if (!row) throw notFound('attachment');
    ctx.audit({
      action: 'attachment.downloaded', objectType: 'attachment', objectId: attachmentId,
      subjectAgencyId: m.sender_agency_id === actor.agencyId ? null : m.sender_agency_id,
      details: { messageId, caseId: m.case_id, size: Number(row.size_bytes) },
    });
    return row;
  });
  const body = readEncryptedFile(deps, actor, ip, { id: a.id, chunkCount: a.chunk_count, key: { keyId: a.key_id, wrapped: a.wrapped_key } }, async (ctx, id, idx) =>
    (await atx(ctx.tx).selectFrom('attachment_chunks').select('data').where('attachment_id', '=', id).where('idx', '=', idx).executeTakeFirst())?.data);
  return { filename: a.filename, mediaType: a.media_type, size: Number(a.size_bytes), body };
}
