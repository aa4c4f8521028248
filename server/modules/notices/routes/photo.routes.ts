import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { ZNoticeIdParams, type PNotice } from '../../../../common';
import { withActor } from '../../../platform/db';
import { contentDisposition, multipartFile } from '../../../platform/files';
import type { App } from '../../../platform/http';
import { openNoticePhoto, removeNoticePhoto, uploadNoticePhoto } from '../commands/photo';
import { fullNotice } from './notices.routes';

/**
 * The subject's photo: attached, replaced or removed by the requesting NCB while it may edit the notice; shown to
 * whoever may see the notice (audited), inline, never cached, never sniffed.
 */
export async function noticePhotoRoutes(app: App): Promise<void> {
  const { deps } = app;

  // Multipart is parsed only on this route: a scope of its own keeps every other route JSON-only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.config.maxPhotoBytes, files: 1, fields: 0, parts: 1, headerPairs: 100 } });
    scope.put('/api/notices/:id/photo', {
      schema: { tags: ['notices'], summary: 'Attach or replace the subject\'s photo (multipart, field "file"; JPEG, PNG or WebP, detected from the content; TANSIQ_MAX_PHOTO_MB) while you may edit the notice; encrypted at rest, audited', params: ZNoticeIdParams, consumes: ['multipart/form-data'] },
    }, async (req) => {
      const { id } = req.params as { id: string };
      const file = await multipartFile(req);
      await uploadNoticePhoto(deps, req.actor!, req.ip, id, file.stream);
      return { notice: await withActor(deps.db, req.actor!, req.ip, (ctx): Promise<PNotice> => fullNotice(ctx, id)) };
    });
  });

  app.delete('/api/notices/:id/photo', { schema: { tags: ['notices'], summary: 'Remove the subject\'s photo while you may edit the notice (audited)', params: ZNoticeIdParams } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await removeNoticePhoto(ctx, id);
      return { notice: await fullNotice(ctx, id) };
    });
  });

  app.get('/api/notices/:id/photo', { schema: { tags: ['notices'], summary: 'The subject\'s photo, for whoever may see the notice (each view audited; inline, no-store, nosniff)', params: ZNoticeIdParams } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const photo = await openNoticePhoto(deps, req.actor!, req.ip, id);
    const stream = Readable.from(photo.body, { objectMode: false });
    stream.on('error', (err) => req.log.error({ err, noticeId: id, photoId: photo.id }, 'notice photo failed'));
    return reply
      .header('content-type', photo.mediaType)
      .header('content-length', String(photo.size))
      .header('content-disposition', contentDisposition(photo.filename, 'inline'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
