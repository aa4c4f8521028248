import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, type Session, type TestEnv } from '../../../test/harness';

/** ../shared/data beside the repository (read only). */
export const SHARED_DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'data');
export const UN_XML = join(SHARED_DATA, 'watchlists', 'un-consolidated-2026-02-27.xml');

/**
 * A few INDIVIDUAL elements of the real UN consolidated list, cut down in the test (never copied into the
 * repository). Without their original-script names, an Arabic query must find them by transliteration.
 */
export function unSample(refs: string[], opts: { dropOriginalScript?: boolean } = {}): Buffer {
  const xml = readFileSync(UN_XML, 'utf8');
  const blocks = xml.match(/<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/g) ?? [];
  const picked = refs.map((ref) => {
    const b = blocks.find((x) => x.includes(`<REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER>`));
    if (!b) throw new Error(`no ${ref} in the UN list`);
    return opts.dropOriginalScript ? b.replace(/\s*<NAME_ORIGINAL_SCRIPT>[^<]*<\/NAME_ORIGINAL_SCRIPT>/g, '') : b;
  });
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST>\n  <INDIVIDUALS>\n    ${picked.join('\n    ')}\n  </INDIVIDUALS>\n  <ENTITIES/>\n</CONSOLIDATED_LIST>\n`);
}

/** Uploads a file as the raw body. */
export function upload(env: TestEnv, as: Session | null, url: string, body: Buffer | string, opts: { csrf?: boolean; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/octet-stream' };
  if (as) {
    headers.cookie = as.cookie;
    if (opts.csrf !== false) headers['x-csrf-token'] = as.csrf;
  }
  return env.app.inject({ method: 'POST', url, headers, payload: body });
}

/** Waits for a job to end (no timing assertion: the test's timeout bounds it). */
export async function waitJob(env: TestEnv, as: Session, id: string): Promise<{ state: string; error: string | null; result: Record<string, unknown> | null; progress: { done: number; total: number | null } }> {
  for (;;) {
    const res = await call(env, as, 'GET', `/api/jobs/${id}`);
    const job = res.json().job;
    if (!job) throw new Error(`job ${id}: ${res.statusCode} ${res.body}`);
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}
