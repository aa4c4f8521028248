import { Readable } from 'node:stream';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import { permissionsOf } from '../../../../common';
import { notFound, type App } from '../../../platform/http';
import { contentDisposition, multipartFile } from '../../../platform/files';
import { discardUpload, uploadAttachment } from '../commands/upload';
import { openAttachment } from '../commands/download';

const ZId = z.object({ id: z.uuid('Not a valid identifier.') });
const ZMessageFile = z.object({ id: z.uuid('Not a valid identifier.'), attachmentId: z.uuid('Not a valid identifier.') });

/**
 * Attachments: upload (streamed, encrypted as it arrives) to the sender's agency as pending, then referenced by the
 * message that carries it (attachmentIds in the send request); download through the message, audited.
 */
export async function attachmentRoutes(app: App): Promise<void> {
  const { deps } = app;

  // Multipart is parsed only on this route: a scope of its own keeps every other route JSON-only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.config.maxAttachmentBytes, files: 1, fields: 0, parts: 1, headerPairs: 100 } });
    scope.post('/api/attachments', { schema: { tags: ['messages'], summary: 'Upload a file (multipart, field "file") to attach to a message you send next; encrypted at rest, type detected from the content', consumes: ['multipart/form-data'] } }, async (req, reply) => {
      const actor = req.actor!;
      if (!permissionsOf(actor.roles).has('case.work')) throw notFound('route');
      const file = await multipartFile(req);
      const attachment = await uploadAttachment(deps, actor, req.ip, file);
      return reply.status(201).send({ attachment });
    });
  });

  app.delete('/api/attachments/:id', { schema: { tags: ['messages'], summary: 'Discard an upload that no message carries yet (your own)', params: ZId } }, async (req, reply) => {
    const { id } = req.params as z.infer<typeof ZId>;
    if (!(await discardUpload(deps, req.actor!, req.ip, id))) throw notFound('attachment');
    return reply.status(204).send();
  });

  app.get('/api/messages/:id/attachments/:attachmentId', { schema: { tags: ['messages'], summary: 'Download a file of a message (audited; H3 must be acknowledged first)', params: ZMessageFile } }, async (req, reply) => {
    const { id, attachmentId } = req.params as z.infer<typeof ZMessageFile>;
    const file = await openAttachment(deps, req.actor!, req.ip, id, attachmentId);
    const stream = Readable.from(file.body, { objectMode: false });
    stream.on('error', (err) => req.log.error({ err, attachmentId }, 'attachment download failed'));
    return reply
      .header('content-type', file.mediaType)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
