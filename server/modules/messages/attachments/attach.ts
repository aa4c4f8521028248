import type { Ctx } from '../../../platform/db';
import { badRequest } from '../../../platform/http';
import { atx } from './schema';

/**
 * Links files to a message being sent. A new message carries only files its sender uploaded (so a file seen in
 * one message cannot be re-sent elsewhere without the onward rules); a copy passed on carries the files of the
 * message it copies, which the onward rules just allowed.
 */
export async function attachFiles(ctx: Ctx, messageId: string, uploadIds: string[], carryFrom: string | null): Promise<void> {
  const t = atx(ctx.tx);
  const ids = [...new Set(uploadIds)];
  if (ids.length > 0) {
    const own = await t.selectFrom('attachments').select('id').where('id', 'in', ids).where('uploaded_by', '=', ctx.actor.userId!).where('status', '=', 'ready').execute();
    if (own.length !== ids.length) {
      throw badRequest('An attachment is missing, still uploading or not yours: upload it again, then send.', [{ path: 'attachmentIds', message: 'Unknown attachment.' }]);
    }
  }
  const carried = carryFrom
    ? (await t.selectFrom('message_attachments').select('attachment_id').where('message_id', '=', carryFrom).orderBy('position').execute()).map((r) => r.attachment_id)
    : [];
  const all = [...carried, ...ids.filter((id) => !carried.includes(id))];
  if (all.length === 0) return;
  await t.insertInto('message_attachments').values(all.map((attachmentId, position) => ({ message_id: messageId, attachment_id: attachmentId, position }))).execute();
}
