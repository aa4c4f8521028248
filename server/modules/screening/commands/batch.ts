import { decodeText, parsePeopleCsv, WatchlistFormatError, type PeopleRow, type ScreeningQuery } from '../../../../match';
import { AppError } from '../../../platform/http';
import type { Database } from '../../../platform/db';
import { jobsTx, type JobContext, type JobRunner } from '../../../platform/jobs';
import { recordHits } from '../../hits';
import { liveIndexFor, stx } from '../../watchlists';
import { loadThresholds, screenOne } from './screen';
import { runRowChecks } from '../row-checks';

export const BATCH_JOB = 'screening.batch';

export interface BatchParams {
  purpose: string;
  top: number;
  fileName: string | null;
}

const PEOPLE_COLUMNS = ['name', 'birth_date', 'nationality', 'gender', 'document_number', 'document', 'document_country'];

/**
 * Checks a list of people before it is queued: UTF-8 text with a header that has a "name" column (DESIGN.md,
 * "One schema for lists of people"). Row problems fail the job naming the line.
 */
export function precheckPeople(buf: Buffer): { columns: string[] } {
  if (buf.length === 0) throw new AppError(400, 'bad_request', 'The file is empty.');
  let text: string;
  try {
    text = decodeText(buf);
  } catch (e) {
    if (e instanceof WatchlistFormatError) throw new AppError(400, 'bad_request', `The file cannot be read: ${e.message}.`, { line: e.line });
    throw e;
  }
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const sep = first.includes(';') && !first.includes(',') ? ';' : first.includes('\t') && !first.includes(',') ? '\t' : ',';
  const columns = first.split(sep).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (!columns.includes('name')) {
    throw new AppError(400, 'bad_request', `The list has no "name" column (line 1 has: ${columns.filter(Boolean).join(', ') || 'nothing'}). The header needs name, and optionally ${PEOPLE_COLUMNS.slice(1).join(', ')}.`, { line: 1 });
  }
  return { columns };
}

function queryOf(r: PeopleRow): ScreeningQuery {
  const { line: _l, extra: _e, ...q } = r;
  return q;
}

/** The row as kept with its results: the schema's fields and the extra columns. */
function keptRow(r: PeopleRow): Record<string, unknown> {
  return {
    name: r.name,
    ...(r.birthDates?.[0] ? { birth_date: r.birthDates[0] } : {}),
    ...(r.nationalities?.length ? { nationality: r.nationalities.join(';') } : {}),
    ...(r.gender ? { gender: r.gender } : {}),
    ...(r.documents?.[0] ? { document_number: r.documents[0].number, ...(r.documents[0].country ? { document_country: r.documents[0].country } : {}) } : {}),
    ...r.extra,
  };
}

const CHUNK = 250;

/**
 * The list of people a job was given (its stored input, DESIGN.md "One schema for lists of people"): read again by the
 * job, with a clear error naming the line when it cannot be screened. Used by every job that screens a list.
 */
export async function readPeopleInput(jc: JobContext): Promise<PeopleRow[]> {
  const file = await jc.input();
  if (!file) throw new Error('The uploaded list is missing.');
  try {
    return parsePeopleCsv(decodeText(file));
  } catch (e) {
    if (e instanceof WatchlistFormatError) throw new Error(`The list cannot be screened: ${e.message}${e.line ? ` (line ${e.line})` : ''}.`, { cause: e });
    throw e;
  }
}

/** The batch job: screen every row as the officer who uploaded the list; results are written as it goes. */
export function registerBatchJob(runner: JobRunner, db: Database, dataDir: string | null): void {
  runner.register(BATCH_JOB, async (jc: JobContext) => {
    const p = jc.job.params as unknown as BatchParams;
    const agencyId = jc.job.agency_id;
    if (!agencyId || !jc.actor) throw new Error('A batch belongs to a user of an agency.');
    const rows = await readPeopleInput(jc);
    jc.progress(0, rows.length);
    const index = liveIndexFor(db, dataDir);
    await index.current(0);
    // Started again after a restart: each chunk's results and hits were written together, so it goes on after the
    // last chunk written rather than screening the list (and raising its hits) twice.
    const resume = await jc.run(async (ctx) => {
      const r = await stx(ctx.tx).selectFrom('screening_batch_results')
        .select((eb) => [eb.fn.max('row_no').as('last'), eb.fn.sum<string>(eb.case().when('alert', '=', true).then(1).else(0).end()).as('alerts')])
        .where('job_id', '=', jc.job.id).executeTakeFirst();
      return { th: await loadThresholds(ctx), done: Number(r?.last ?? 0), alerts: Number(r?.alerts ?? 0) };
    });
    const th = resume.th;
    let alerts = resume.alerts;
    jc.progress(resume.done, rows.length);
    for (let i = resume.done; i < rows.length; i += CHUNK) {
      jc.throwIfStopped();
      const chunk = rows.slice(i, i + CHUNK);
      const queries = chunk.map(queryOf);
      const named = queries.map((q) => screenOne(index, agencyId, q, p.top, th));
      await jc.run(async (ctx) => {
        // Registries checked by exact key (stolen and lost documents) in the same pass, first in each row.
        const exact = await runRowChecks(ctx, queries);
        const screened = chunk.map((r, k) => {
          const candidates = [...exact[k]!, ...named[k]!];
          const alert = candidates.some((c) => c.alert);
          if (alert) alerts++;
          return { rowNo: i + k + 1, kept: keptRow(r), candidates, alert };
        });
        // Every alert becomes a hit for the officer to confirm or discard; the results carry the hit's id.
        for (const s of screened) if (s.alert) await recordHits(ctx, s.candidates, { origin: 'batch', query: s.kept, purpose: p.purpose, jobId: jc.job.id, rowNo: s.rowNo });
        const out = screened.map((s) => ({ job_id: jc.job.id, agency_id: agencyId, row_no: s.rowNo, query: JSON.stringify(s.kept), candidates: JSON.stringify(s.candidates), top_score: s.candidates[0]?.score ?? 0, alert: s.alert }));
        await stx(ctx.tx).insertInto('screening_batch_results').values(out).execute();
      });
      jc.progress(Math.min(rows.length, i + CHUNK), rows.length);
      // Let the service answer other requests between chunks.
      await new Promise((r) => setImmediate(r));
    }
    await jc.run(async (ctx) => {
      // The uploaded list has served its purpose: only the results remain (the officer deletes them with the batch).
      await jobsTx(ctx.tx).deleteFrom('job_inputs').where('job_id', '=', jc.job.id).execute();
      ctx.audit({ action: 'screening.batch_screened', objectType: 'job', objectId: jc.job.id, purpose: p.purpose, details: { rows: rows.length, alerts, resumedAt: resume.done || undefined } });
    });
    return { rows: rows.length, alerts };
  });
}
