import { fileTypeFromBuffer } from 'file-type';
import { NOTICE_PHOTO_TYPES } from '../../../../common';
import { unsafeWithOwner, withActor, type Actor, type Ctx, type Database } from '../../../platform/db';
import { INTERRUPTED_UPLOAD_MS, readEncryptedFile, storeEncryptedFile } from '../../../platform/files';
import { recurringJob, type JobRunner, type RecurringJob } from '../../../platform/jobs';
import { AppError, conflict, notFound } from '../../../platform/http';
import type { Deps } from '../../../platform/deps';
import { mayReadNotices } from '../policies/notice.policy';
import { actorFacts, loadNotice } from '../queries';
import { ntx, type NoticePhotoTable } from '../schema';
import { assertMayChange } from './draft';

type PhotoType = NoticePhotoTable['media_type'];
const EXT: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** A photo's type, judged from its first bytes (never the name or the browser's claim): JPEG, PNG or WebP only. */
export async function detectPhotoType(head: Buffer): Promise<PhotoType> {
  const found = await fileTypeFromBuffer(head);
  const type = found?.mime;
  if (type && (NOTICE_PHOTO_TYPES as readonly string[]).includes(type)) return type as PhotoType;
  const what = type ? `a file of type ${type}` : 'not an image whose type could be recognised from its content';
  throw new AppError(415, 'photo_type_refused', `This file is ${what}. A notice's photo must be a JPEG, PNG or WebP image.`, [{ path: 'file', message: type ?? 'Unknown type.', rule: 'photo_type' }]);
}

/** Loads the notice and checks the actor may change its photo (the rule of PATCH /api/notices/:id). */
async function changeable(ctx: Ctx, noticeId: string) {
  const row = await loadNotice(ctx, noticeId);
  assertMayChange(ctx, row, await actorFacts(ctx), 'changePhoto');
  return row;
}

/**
 * Attaches the subject's photo to a notice the actor may edit, or replaces the one it has: checked first (nothing is
 * stored for a notice the actor may not change), then stored encrypted as it streams, and put in place of the old one
 * in the last transaction, which checks the rule again (the notice may have been submitted meanwhile). Audited.
 */
export async function uploadNoticePhoto(deps: Deps, actor: Actor, ip: string | null, noticeId: string, stream: AsyncIterable<Buffer>): Promise<void> {
  await withActor(deps.db, actor, ip, (ctx) => changeable(ctx, noticeId));
  const limitMb = Math.round(deps.config.maxPhotoBytes / 1024 / 1024 * 10) / 10;
  await storeEncryptedFile(deps, actor, ip, {
    stream,
    maxBytes: deps.config.maxPhotoBytes,
    detect: detectPhotoType,
    tooLargeMessage: `The photo is larger than the ${limitMb} MB limit. Send a smaller or more compressed JPEG, PNG or WebP image.`,
    tables: {
      create: async (ctx, f) => {
        await ntx(ctx.tx).insertInto('notice_photos').values({
          id: f.id, notice_id: noticeId, agency_id: actor.agencyId!, uploaded_by: actor.userId!, media_type: f.mediaType as PhotoType,
          chunk_bytes: f.chunkBytes, key_id: f.key.keyId, wrapped_key: f.key.wrapped,
        }).execute();
      },
      putChunk: async (ctx, id, idx, data) => {
        await ntx(ctx.tx).insertInto('notice_photo_chunks').values({ photo_id: id, idx, data }).execute();
      },
      finish: async (ctx, f) => {
        const row = await changeable(ctx, noticeId);
        const t = ntx(ctx.tx);
        // The old photo goes (its chunks with it): a replaced photo of a draft is not kept.
        if (row.photo_id) await t.deleteFrom('notice_photos').where('id', '=', row.photo_id).execute();
        try {
          await t.updateTable('notice_photos').set({ status: 'ready', size_bytes: f.size, chunk_count: f.chunks }).where('id', '=', f.id).execute();
        } catch (e) {
          // Two photos finished at the same moment (one ready photo per notice): this one gives way.
          if ((e as { code?: string } | null)?.code === '23505') throw conflict('Another photo was attached to this notice at the same moment: look at it, and replace it if needed.');
          throw e;
        }
        await t.updateTable('notices').set({ updated_at: new Date() }).where('id', '=', noticeId).execute();
        ctx.audit({
          action: row.photo_id ? 'notice.photo.replaced' : 'notice.photo.added', objectType: 'notice', objectId: noticeId,
          details: { photoId: f.id, size: f.size, mediaType: f.mediaType, ...(row.photo_id ? { replacedPhotoId: row.photo_id } : {}) },
        });
      },
      discard: async (ctx, id) => {
        await ntx(ctx.tx).deleteFrom('notice_photos').where('id', '=', id).execute();
      },
    },
  });
}

/** Removes the subject's photo while the notice may change. Audited. */
export async function removeNoticePhoto(ctx: Ctx, noticeId: string): Promise<void> {
  const row = await changeable(ctx, noticeId);
  if (!row.photo_id) throw notFound('photo');
  await ntx(ctx.tx).deleteFrom('notice_photos').where('id', '=', row.photo_id).execute();
  await ntx(ctx.tx).updateTable('notices').set({ updated_at: new Date() }).where('id', '=', noticeId).execute();
  ctx.audit({ action: 'notice.photo.removed', objectType: 'notice', objectId: noticeId, details: { photoId: row.photo_id } });
}

export interface OpenedPhoto {
  id: string;
  mediaType: PhotoType;
  size: number;
  filename: string;
  body: AsyncGenerator<Buffer>;
}

/**
 * Opens the subject's photo for whoever may see the notice (the staff who read notices, and row-level security: a
 * diffusion's only for its addressees); anyone else gets 404. Every view is audited (references only). The chunks are
 * then read one short transaction at a time under the same row-level security and decrypted as they stream.
 */
export async function openNoticePhoto(deps: Deps, actor: Actor, ip: string | null, noticeId: string): Promise<OpenedPhoto> {
  const p = await withActor(deps.db, actor, ip, async (ctx) => {
    if (!mayReadNotices(ctx.actor)) throw notFound('photo');
    const row = await loadNotice(ctx, noticeId);
    if (!row.photo_id) throw notFound('photo');
    const photo = await ntx(ctx.tx).selectFrom('notice_photos').select(['id', 'media_type', 'size_bytes', 'chunk_count', 'key_id', 'wrapped_key'])
      .where('id', '=', row.photo_id).where('status', '=', 'ready').executeTakeFirst();
    if (!photo) throw notFound('photo');
    ctx.audit({
      action: 'notice.photo.viewed', objectType: 'notice', objectId: noticeId,
      subjectAgencyId: row.agency_id === ctx.actor.agencyId ? null : row.agency_id,
      details: { photoId: photo.id, size: Number(photo.size_bytes) },
    });
    return { ...photo, reference: row.reference };
  });
  const body = readEncryptedFile(deps, actor, ip, { id: p.id, chunkCount: p.chunk_count, key: { keyId: p.key_id, wrapped: p.wrapped_key } }, async (ctx, id, idx) =>
    (await ntx(ctx.tx).selectFrom('notice_photo_chunks').select('data').where('photo_id', '=', id).where('idx', '=', idx).executeTakeFirst())?.data);
  const name = (p.reference ?? 'notice').replace(/[^A-Za-z0-9-]/g, '-');
  return { id: p.id, mediaType: p.media_type, size: Number(p.size_bytes), filename: `${name}-photo.${EXT[p.media_type]}`, body };
}

export const PHOTO_CLEANUP_JOB = 'notices.photo_cleanup';

/**
 * Deletes photo uploads still unfinished an hour after they began (the server or the connection went away mid-stream:
 * a failed upload otherwise removes itself). Runs as the owner, audited as counts per agency.
 */
export async function purgeInterruptedPhotos(db: Database, now: Date = new Date()): Promise<number> {
  return unsafeWithOwner(db, 'system', async (ctx) => {
    const gone = await ntx(ctx.tx).deleteFrom('notice_photos').where('status', '=', 'uploading').where('created_at', '<', new Date(now.getTime() - INTERRUPTED_UPLOAD_MS)).returning('agency_id').execute();
    const byAgency = new Map<string, number>();
    for (const g of gone) byAgency.set(g.agency_id, (byAgency.get(g.agency_id) ?? 0) + 1);
    for (const [agency, interrupted] of byAgency) ctx.audit({ action: 'notice.photo.purged', objectType: 'notice_photo', subjectAgencyId: agency, details: { interrupted } });
    return gone.length;
  });
}

/** Runs the clean-up hourly on the job runner. */
export function registerPhotoCleanup(runner: JobRunner, db: Database): RecurringJob {
  return recurringJob(runner, db, PHOTO_CLEANUP_JOB, 60 * 60 * 1000, async () => ({ interrupted: await purgeInterruptedPhotos(db) }));
}
