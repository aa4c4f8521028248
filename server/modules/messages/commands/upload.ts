import type { PAttachment } from '../../../../common';
import { withActor, type Actor, type Ctx } from '../../../platform/db';
import { storeEncryptedFile } from '../../../platform/files';
import type { Deps } from '../../../platform/deps';
import { detectMediaType, safeFilename } from '../attachments/files';
import { atx } from '../attachments/schema';
import { presentAttachment } from '../presenters';

/**
 * Stores an uploaded file encrypted, as it streams (server/platform/files): the first chunk decides the type (refused
 * types never reach the database), each chunk is encrypted and written in its own short transaction, and the file
 * becomes usable only when complete. A failed upload leaves nothing behind.
 */
export async function uploadAttachment(deps: Deps, actor: Actor, ip: string | null, file: { filename: string | undefined; stream: AsyncIterable<Buffer> }): Promise<PAttachment> {
  const filename = safeFilename(file.filename);
  const limitMb = Math.round(deps.config.maxAttachmentBytes / 1024 / 1024);
  const stored = await storeEncryptedFile(deps, actor, ip, {
    stream: file.stream,
    maxBytes: deps.config.maxAttachmentBytes,
    detect: (head) => detectMediaType(head, filename),
    tooLargeMessage: `The file is larger than the ${limitMb} MB limit for attachments. Split it, or compress it into a smaller archive.`,
    tables: {
      create: async (ctx, f) => {
        await atx(ctx.tx).insertInto('attachments').values({
          id: f.id, agency_id: actor.agencyId!, uploaded_by: actor.userId!, filename, media_type: f.mediaType, chunk_bytes: f.chunkBytes, key_id: f.key.keyId, wrapped_key: f.key.wrapped,
        }).execute();
      },
      putChunk: async (ctx, id, idx, data) => {
        await atx(ctx.tx).insertInto('attachment_chunks').values({ attachment_id: id, idx, data }).execute();
      },
      finish: async (ctx, f) => {
        await atx(ctx.tx).updateTable('attachments').set({ status: 'ready', size_bytes: f.size, chunk_count: f.chunks }).where('id', '=', f.id).execute();
        ctx.audit({ action: 'attachment.uploaded', objectType: 'attachment', objectId: f.id, details: { size: f.size, mediaType: f.mediaType, chunks: f.chunks } });
      },
      discard: async (ctx, id) => {
        await discardIn(ctx, id);
      },
    },
  });
  return presentAttachment({ id: stored.id, filename, media_type: stored.mediaType, size_bytes: stored.size });
}

/** Deletes an upload of the actor that no message carries, in the caller's transaction. */
async function discardIn(ctx: Ctx, id: string): Promise<boolean> {
  const t = atx(ctx.tx);
  const row = await t.selectFrom('attachments').select('id').where('id', '=', id).where('uploaded_by', '=', ctx.actor.userId!).executeTakeFirst();
  if (!row) return false;
  const linked = await t.selectFrom('message_attachments').select('message_id').where('attachment_id', '=', id).executeTakeFirst();
  if (linked) return false;
  await t.deleteFrom('attachment_chunks').where('attachment_id', '=', id).execute();
  await t.deleteFrom('attachments').where('id', '=', id).execute();
  ctx.audit({ action: 'attachment.discarded', objectType: 'attachment', objectId: id });
  return true;
}

/** Removes an upload no message carries (its uploader's own). Returns whether there was one. */
export async function discardUpload(deps: Deps, actor: Actor, ip: string | null, id: string): Promise<boolean> {
  return withActor(deps.db, actor, ip, (ctx) => discardIn(ctx, id));
}
