import { randomUUID } from 'node:crypto';
import type { PAttachment } from '../../../../common';
import { withActor, type Actor } from '../../../platform/db';
import { CHUNK_BYTES, encryptChunk, newDataKey, rechunk, wrapDataKey } from '../../../platform/crypto';
import { AppError } from '../../../platform/http';
import type { Deps } from '../../../platform/deps';
import { detectMediaType, safeFilename } from '../attachments/files';
import { atx } from '../attachments/schema';
import { presentAttachment } from '../presenters';

/** The upload stream says the file passed the size limit (@fastify/multipart's error code). */
const isTooLarge = (e: unknown) => (e as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Stores an uploaded file encrypted, as it streams: the stream is cut into chunks, the first one decides the type
 * (refused types never reach the database), each chunk is encrypted and written in its own short transaction (so a
 * large upload neither holds the whole file in memory nor the embedded database's one connection for its whole
 * length), and the file becomes usable only when complete. A failed upload leaves nothing behind.
 */
export async function uploadAttachment(deps: Deps, actor: Actor, ip: string | null, file: { filename: string | undefined; stream: AsyncIterable<Buffer> }): Promise<PAttachment> {
  const id = randomUUID();
  const filename = safeFilename(file.filename);
  const dataKey = newDataKey();
  const wrapped = wrapDataKey(deps.masterKey, dataKey, id);
  const limitMb = Math.round(deps.config.maxAttachmentBytes / 1024 / 1024);
  let created = false;
  let size = 0;
  let count = 0;
  let mediaType = '';
  try {
    for await (const chunk of rechunk(file.stream, CHUNK_BYTES)) {
      if (chunk.index === 0) {
        mediaType = await detectMediaType(chunk.data, filename);
        await withActor(deps.db, actor, ip, async (ctx) => {
          await atx(ctx.tx).insertInto('attachments').values({
            id, agency_id: actor.agencyId!, uploaded_by: actor.userId!, filename, media_type: mediaType, chunk_bytes: CHUNK_BYTES, key_id: wrapped.keyId, wrapped_key: wrapped.wrapped,
          }).execute();
        });
        created = true;
      }
      size += chunk.data.length;
      if (size > deps.config.maxAttachmentBytes) throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
      const sealed = encryptChunk(dataKey, id, chunk.index, chunk.final, chunk.data);
      await withActor(deps.db, actor, ip, async (ctx) => {
        await atx(ctx.tx).insertInto('attachment_chunks').values({ attachment_id: id, idx: chunk.index, data: sealed }).execute();
      });
      count = chunk.index + 1;
    }
    if (size === 0) throw new AppError(400, 'bad_request', 'The file is empty.', [{ path: 'file', message: 'Empty.' }]);
    await withActor(deps.db, actor, ip, async (ctx) => {
      await atx(ctx.tx).updateTable('attachments').set({ status: 'ready', size_bytes: size, chunk_count: count }).where('id', '=', id).execute();
      ctx.audit({ action: 'attachment.uploaded', objectType: 'attachment', objectId: id, details: { size, mediaType, chunks: count } });
    });
    return presentAttachment({ id, filename, media_type: mediaType, size_bytes: size });
  } catch (e) {
    if (created) await discardUpload(deps, actor, ip, id);
    if (isTooLarge(e)) throw new AppError(413, 'payload_too_large', `The file is larger than the ${limitMb} MB limit for attachments. Split it, or compress it into a smaller archive.`, [{ path: 'file', message: `Over ${limitMb} MB.`, maximum: limitMb }]);
    throw e;
  }
}

/** Removes an upload no message carries (its uploader's own). Returns whether there was one. */
export async function discardUpload(deps: Deps, actor: Actor, ip: string | null, id: string): Promise<boolean> {
  return withActor(deps.db, actor, ip, async (ctx) => {
    const t = atx(ctx.tx);
    const row = await t.selectFrom('attachments').select('id').where('id', '=', id).where('uploaded_by', '=', actor.userId!).executeTakeFirst();
    if (!row) return false;
    const linked = await t.selectFrom('message_attachments').select('message_id').where('attachment_id', '=', id).executeTakeFirst();
    if (linked) return false;
    await t.deleteFrom('attachment_chunks').where('attachment_id', '=', id).execute();
    await t.deleteFrom('attachments').where('id', '=', id).execute();
    ctx.audit({ action: 'attachment.discarded', objectType: 'attachment', objectId: id });
    return true;
  });
}
