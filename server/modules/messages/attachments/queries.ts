import type { PAttachment } from '../../../../common';
import { presentAttachment } from '../presenters';
import type { Ctx } from '../../../platform/db';
import { atx } from './schema';

/** The files a message carries, in the order they were attached (row-level security: only if the message is visible). */
export async function attachmentsOf(ctx: Ctx, messageId: string): Promise<PAttachment[]> {
  const rows = await atx(ctx.tx)
    .selectFrom('message_attachments as ma')
    .innerJoin('attachments as a', 'a.id', 'ma.attachment_id')
    .select(['a.id', 'a.filename', 'a.media_type', 'a.size_bytes'])
    .where('ma.message_id', '=', messageId)
    .where('a.status', '=', 'ready')
    .orderBy('ma.position')
    .execute();
  return rows.map(presentAttachment);
}
