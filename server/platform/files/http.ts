import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../http';
import { tooLargeError } from './store';

/**
 * The one file of a multipart/form-data request (field "file"), as a stream that fails when the size limit cut it
 * (busboy marks a file truncated at the limit: that must fail the upload, not store a cut file). The route's scope
 * registers @fastify/multipart with the limit.
 */
export async function multipartFile(req: FastifyRequest): Promise<{ filename: string | undefined; stream: AsyncIterable<Buffer> }> {
  if (!req.isMultipart()) throw new AppError(400, 'bad_request', 'Send the file as multipart/form-data in a field named "file".', [{ path: 'file', message: 'Not multipart.' }]);
  const file = await req.file();
  if (!file) throw new AppError(400, 'bad_request', 'No file was sent: put it in a field named "file".', [{ path: 'file', message: 'Missing.' }]);
  async function* checked(): AsyncGenerator<Buffer> {
    for await (const piece of file!.file) yield piece as Buffer;
    if (file!.file.truncated) throw tooLargeError();
  }
  return { filename: file.filename, stream: checked() };
}

/** A Content-Disposition with an ASCII fallback and the UTF-8 name: `attachment` (download) or `inline` (shown). */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
