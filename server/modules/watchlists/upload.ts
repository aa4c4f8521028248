import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError, unauthenticated, type App } from '../../platform/http';
import { checkCsrf } from '../../platform/auth';

/** Upload limit for watchlists and lists of people (TANSIQ_UPLOAD_LIMIT_MB, default 200 MB). */
export function uploadLimitBytes(): number {
  const mb = Number(process.env.TANSIQ_UPLOAD_LIMIT_MB ?? '200');
  return Math.max(1024, Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 200) * 1024 * 1024));
}

export interface Upload {
  file: Buffer;
  /** Further files sent with it in a multipart form, by field name (OFAC's alt and add files). */
  extra: Record<string, Buffer>;
  fileName: string | null;
}

/**
 * Makes a scope take files as request bodies: raw (any content type, the file is the body) or multipart with a
 * field named "file". Only routes registered in this scope read bodies this way; JSON elsewhere is untouched.
 */
export function acceptUploads(scope: App): void {
  const limit = uploadLimitBytes();
  // Refuse strangers before reading a large body (the app checks again before the handler).
  scope.addHook('onRequest', async (req) => {
    if (!req.actor) throw unauthenticated();
    checkCsrf(req);
  });
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
  scope.setErrorHandler((err: FastifyError, _req, _reply) => {
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new AppError(413, 'payload_too_large', `The file is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB. Split it, or ask your administrator to raise TANSIQ_UPLOAD_LIMIT_MB.`);
    }
    throw err;
  });
}

/** The uploaded file of a request made in an {@link acceptUploads} scope. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const body = req.body;
  const ct = String(req.headers['content-type'] ?? '');
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError(400, 'bad_request', 'The file is empty: send it as the request body, or as the field "file" of a multipart form.');
  if (!ct.toLowerCase().startsWith('multipart/form-data')) {
    const name = req.headers['x-file-name'];
    return { file: body, extra: {}, fileName: typeof name === 'string' ? decodeURIComponent(name).slice(0, 200) : null };
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': ct } }).formData();
  } catch {
    throw new AppError(400, 'bad_request', 'The multipart form cannot be read.');
  }
  const extra: Record<string, Buffer> = {};
  let file: Buffer | null = null;
  let fileName: string | null = null;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') continue;
    const buf = Buffer.from(await value.arrayBuffer());
    if (key === 'file') {
      file = buf;
      fileName = value.name || null;
    } else extra[key] = buf;
  }
  if (!file || file.length === 0) throw new AppError(400, 'bad_request', 'The file is empty: the multipart form needs a non-empty field "file".');
  return { file, extra, fileName };
}
