import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { importWatchlist, decodeText, detectFormat, WatchlistFormatError, type WatchlistEntry, type WatchlistFormat } from '../../../../match';
import type { Ctx } from '../../../platform/db';
import { AppError } from '../../../platform/http';
import type { JobContext, JobRunner } from '../../../platform/jobs';
import { refreshLiveIndex } from '../live-index';
import { entryKind, entrySearchText } from '../search';
import { stx } from '../schema';
import type { Database } from '../../../platform/db';

export const IMPORT_JOB = 'watchlist.import';

export interface ImportParams {
  name: string;
  scope: 'global' | 'agency';
  /** Owner of an agency list (the job's agency, or the agency named on the command line). */
  agencyId: string | null;
  format?: WatchlistFormat;
  /** OFAC alias and address files sent with the SDN file (text). */
  ofacAlt?: string;
  ofacAdd?: string;
}

export interface ImportSummary {
  watchlistId: string;
  version: number;
  format: WatchlistFormat;
  entries: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: boolean;
}

/**
 * Checks an upload before it is queued: text encoding and a recognisable format. The full parse runs in the
 * job (a malformed line fails the job naming it, and nothing is loaded).
 */
export function precheckWatchlist(buf: Buffer, format?: WatchlistFormat): WatchlistFormat {
  if (buf.length === 0) throw new AppError(400, 'bad_request', 'The file is empty.');
  try {
    const text = decodeText(buf);
    return format ?? detectFormat(text);
  } catch (e) {
    if (e instanceof WatchlistFormatError) throw new AppError(400, 'bad_request', `The file cannot be read: ${e.message}.`, { line: e.line, element: e.element });
    throw e;
  }
}

/** The stored form of an entry: what the source says, without the index's keys and access rule. */
function stored(e: WatchlistEntry): Record<string, unknown> {
  const { id: _id, source: _source, access: _access, ...rest } = e;
  return rest as Record<string, unknown>;
}

function hashOf(data: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

const CHUNK = 500;

/**
 * Applies an imported file as the watchlist's next version, in one transaction: entries that left the list are
 * closed, changed ones replaced, new ones added, and the version records the counts. Nothing is half-loaded.
 */
export async function applyVersion(ctx: Ctx, p: ImportParams, file: Buffer, format: WatchlistFormat, entries: WatchlistEntry[], jobId: string | null, onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
  const t = stx(ctx.tx);
  const agencyId = p.scope === 'global' ? null : p.agencyId;
  // One importer per list at a time: the advisory lock orders concurrent imports of the same name.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`watchlist:${agencyId ?? 'global'}:${p.name.toLowerCase()}`}))`.execute(ctx.tx);
  let q = t.selectFrom('watchlists').selectAll().where(sql<boolean>`lower(name) = ${p.name.toLowerCase()}`).where('scope', '=', p.scope);
  q = agencyId ? q.where('agency_id', '=', agencyId) : q.where('agency_id', 'is', null);
  let wl = await q.where('deleted_at', 'is', null).executeTakeFirst();
  if (!wl && jobId) await refuseIfDeletedSinceQueued(ctx, p.name, p.scope, agencyId, jobId);
  if (!wl) {
    wl = await t.insertInto('watchlists').values({ name: p.name, scope: p.scope, agency_id: agencyId, alert_threshold: null, created_by: ctx.actor.userId }).returningAll().executeTakeFirstOrThrow();
  }
  const version = wl.current_version + 1;
  const live = await t.selectFrom('watchlist_entries').select(['source_id', 'hash']).where('watchlist_id', '=', wl.id).where('version_removed', 'is', null).execute();
  const before = new Map(live.map((r) => [r.source_id, r.hash]));
  const seen = new Set<string>();
  const toInsert: { source_id: string; hash: string; data: string; search_text: string; kind: string | null }[] = [];
  const toClose: string[] = [];
  let added = 0;
  let changed = 0;
  for (const e of entries) {
    if (seen.has(e.id)) throw new AppError(400, 'bad_request', `The file lists the entry ${e.id} twice.`);
    seen.add(e.id);
    const data = stored(e);
    const h = hashOf(data);
    const old = before.get(e.id);
    if (old === h) continue;
    if (old === undefined) added++;
    else {
      changed++;
      toClose.push(e.id);
    }
    toInsert.push({ source_id: e.id, hash: h, data: JSON.stringify(data), search_text: entrySearchText(e), kind: entryKind(e) });
  }
  for (const id of before.keys()) if (!seen.has(id)) toClose.push(id);
  const removed = toClose.length - changed;
  const total = toClose.length + toInsert.length;
  const summary = { watchlistId: wl.id, version, format, entries: entries.length, added, removed, changed, unchanged: total === 0 };
  let done = 0;
  for (let i = 0; i < toClose.length; i += CHUNK) {
    await t.updateTable('watchlist_entries').set({ version_removed: version })
      .where('watchlist_id', '=', wl.id).where('version_removed', 'is', null).where('source_id', 'in', toClose.slice(i, i + CHUNK)).execute();
    done += Math.min(CHUNK, toClose.length - i);
    onProgress?.(done, total);
  }
  for (let i = 0; i < toInsert.length; i += CHUNK) {
    await t.insertInto('watchlist_entries').values(toInsert.slice(i, i + CHUNK).map((r) => ({ ...r, watchlist_id: wl.id, agency_id: agencyId, version_added: version, version_removed: null }))).execute();
    done += Math.min(CHUNK, toInsert.length - i);
    onProgress?.(done, total);
  }
  await t.insertInto('watchlist_versions').values({
    watchlist_id: wl.id, version, agency_id: agencyId, format, file_sha256: createHash('sha256').update(file).digest('hex'), file_bytes: file.length,
    entries: entries.length, added, removed, changed, job_id: jobId, created_by: ctx.actor.userId,
  }).execute();
  await t.updateTable('watchlists').set({ current_version: version, entry_count: entries.length, updated_at: new Date() }).where('id', '=', wl.id).execute();
  ctx.audit({ action: 'watchlist.imported', objectType: 'watchlist', objectId: wl.id, ...(agencyId && agencyId !== ctx.actor.agencyId ? { subjectAgencyId: agencyId } : {}), details: { version, format, entries: entries.length, added, removed, changed, job: jobId } });
  return summary;
}

/**
 * An import queued before its list was deleted must not bring the list back (the delete took the same advisory lock,
 * so it either finished before this import looked, or waits for it and deletes what it loaded). A new import of the
 * same name queued after the deletion creates a fresh list.
 */
async function refuseIfDeletedSinceQueued(ctx: Ctx, name: string, scope: 'global' | 'agency', agencyId: string | null, jobId: string): Promise<void> {
  const t = stx(ctx.tx);
  const job = await t.selectFrom('jobs').select('created_at').where('id', '=', jobId).executeTakeFirst();
  if (!job) return;
  let q = t.selectFrom('watchlists').select('id').where(sql<boolean>`lower(name) = ${name.toLowerCase()}`).where('scope', '=', scope)
    .where('deleted_at', '>=', new Date(job.created_at));
  q = agencyId ? q.where('agency_id', '=', agencyId) : q.where('agency_id', 'is', null);
  if (await q.executeTakeFirst()) throw new Error('The watchlist was deleted after this import was queued; nothing was loaded. Import the file again to create a new list.');
}

/** Parses a file completely (all or nothing), naming the line or element of the first problem. */
export async function parseWatchlist(file: Buffer, p: ImportParams): Promise<{ format: WatchlistFormat; entries: WatchlistEntry[] }> {
  try {
    const r = await importWatchlist(file, { ...(p.format ? { format: p.format } : {}), ...(p.ofacAlt !== undefined ? { ofacAlt: p.ofacAlt } : {}), ...(p.ofacAdd !== undefined ? { ofacAdd: p.ofacAdd } : {}) });
    if (r.entries.length === 0) throw new WatchlistFormatError('the file holds no entries');
    return { format: r.format, entries: r.entries };
  } catch (e) {
    if (e instanceof WatchlistFormatError) throw new Error(`The file cannot be imported, nothing was loaded: ${e.message}.`, { cause: e });
    throw e;
  }
}

/** The import job: parse, then apply as one version in one transaction as the job's owner. */
export function registerImportJob(runner: JobRunner, db: Database): void {
  runner.register(IMPORT_JOB, async (jc: JobContext) => {
    const p = jc.job.params as unknown as ImportParams;
    const file = await jc.input();
    if (!file) throw new Error('The uploaded file is missing.');
    jc.progress(0, null);
    const { format, entries } = await parseWatchlist(file, p);
    jc.throwIfStopped();
    const summary = await jc.run((ctx) => applyVersion(ctx, p, file, format, entries, jc.job.id, (done, total) => {
      jc.progress(done, total);
      jc.throwIfStopped();
    }));
    // The upload has served its purpose: the entries now live in the watchlist.
    await jc.run(async (ctx) => {
      await stx(ctx.tx).deleteFrom('job_inputs').where('job_id', '=', jc.job.id).execute();
    });
    await refreshLiveIndex(db);
    return summary;
  });
}
