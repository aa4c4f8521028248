import { parse } from 'csv-parse/sync';
import { DOCUMENT_TYPES, LOSS_TYPES, type DocumentType, type LossType, type PDocumentImportSummary } from '../../../../common';
import type { Actor } from '../../../platform/db';
import { AppError } from '../../../platform/http';
import type { JobContext, JobRunner } from '../../../platform/jobs';
import { registerMany, validateDocument, type ValidDocument } from './register';
import { agencyIssuer } from '../issuer';
import { jobsTx } from '../../../platform/jobs';

export const DOCUMENT_IMPORT_JOB = 'documents.import';
const CHUNK = 1000;
const MAX_REPORTED = 20;

// Header names, with the names of DESIGN.md's list schema (document_number, document_country) as aliases.
const COLUMNS: Record<string, 'number' | 'issuingState' | 'type' | 'lossType' | 'lossDate'> = {
  number: 'number', document_number: 'number', document: 'number',
  issuing_state: 'issuingState', document_country: 'issuingState', issuer: 'issuingState',
  type: 'type', document_type: 'type',
  loss_type: 'lossType', loss: 'lossType',
  date: 'lossDate', loss_date: 'lossDate',
};
const TYPE_ALIASES: Record<string, DocumentType> = { p: 'passport', i: 'id-card', id: 'id-card', 'id card': 'id-card', 'identity card': 'id-card', v: 'visa' };
const LOSS_ALIASES: Record<string, LossType> = { 'stolen blank': 'stolen-blank', stolen_blank: 'stolen-blank' };

export interface CsvProblem {
  line: number;
  field: string | null;
  message: string;
}

/**
 * Reads a CSV of documents (header: number, issuing_state (optional: the agency's own), type, loss_type, date) and
 * validates every row for the agency whose issuing code is `issuer`. Returns the documents and up to 20 problems,
 * each naming its line and field.
 */
export function readDocumentsCsv(buf: Buffer, issuer: string | null, actor: Actor): { docs: ValidDocument[]; problems: CsvProblem[]; problemCount: number } {
  let records: string[][];
  try {
    records = parse(buf.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    const m = e as { lines?: number; message?: string };
    throw new AppError(400, 'bad_request', `The CSV cannot be read${m.lines ? ` at line ${m.lines}` : ''}: ${m.message ?? 'malformed'}. Nothing was registered.`, { line: m.lines ?? null });
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const idx: Partial<Record<'number' | 'issuingState' | 'type' | 'lossType' | 'lossDate', number>> = {};
  header.forEach((h, i) => {
    const c = COLUMNS[h];
    if (c && idx[c] === undefined) idx[c] = i;
  });
  const missing = (['number', 'type', 'lossType', 'lossDate'] as const).filter((c) => idx[c] === undefined);
  if (missing.length > 0) {
    throw new AppError(400, 'bad_request', `The CSV's first line must name the columns number, type, loss_type and date (issuing_state is optional); missing: ${missing.map((c) => ({ number: 'number', type: 'type', lossType: 'loss_type', lossDate: 'date' })[c]).join(', ')}.`, { line: 1 });
  }
  if (records.length < 2) throw new AppError(400, 'bad_request', 'The CSV has a header but no documents.', { line: 2 });
  const docs: ValidDocument[] = [];
  const problems: CsvProblem[] = [];
  let problemCount = 0;
  const seen = new Set<string>();
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    const line = r + 1;
    const get = (c: keyof typeof idx) => (idx[c] === undefined ? '' : (row[idx[c]!] ?? '').trim());
    const rawType = get('type').toLowerCase();
    const rawLoss = get('lossType').toLowerCase();
    const type = (DOCUMENT_TYPES as readonly string[]).includes(rawType) ? (rawType as DocumentType) : TYPE_ALIASES[rawType];
    const lossType = (LOSS_TYPES as readonly string[]).includes(rawLoss) ? (rawLoss as LossType) : LOSS_ALIASES[rawLoss];
    const report = (field: string | null, message: string) => {
      problemCount++;
      if (problems.length < MAX_REPORTED) problems.push({ line, field, message });
    };
    if (!type) {
      report('type', `Line ${line}: the type "${get('type')}" is none of ${DOCUMENT_TYPES.join(', ')}.`);
      continue;
    }
    if (!lossType) {
      report('loss_type', `Line ${line}: the loss type "${get('lossType')}" is none of ${LOSS_TYPES.join(', ')}.`);
      continue;
    }
    try {
      const v = validateDocument({ number: get('number'), issuingState: get('issuingState') || undefined, type, lossType, lossDate: get('lossDate') }, issuer, actor.agencyId!, actor, line);
      const k = `${v.issuingState}:${v.number}`;
      if (seen.has(k)) {
        report('number', `Line ${line}: the document ${v.issuingState} ${v.number} is listed twice.`);
        continue;
      }
      seen.add(k);
      docs.push(v);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report((e.details as { field?: string } | undefined)?.field ?? null, e.message);
    }
  }
  return { docs, problems, problemCount };
}

/** Refuses a CSV with any problem before it is queued: the officer fixes the lines named and sends it again. */
export function assertNoProblems(r: { problems: CsvProblem[]; problemCount: number }): void {
  if (r.problemCount === 0) return;
  const more = r.problemCount > r.problems.length ? ` (the first ${r.problems.length} are listed)` : '';
  throw new AppError(400, 'bad_request', `The CSV has ${r.problemCount} line(s) to correct${more}; nothing was registered. ${r.problems[0]!.message}`, { problems: r.problems, count: r.problemCount });
}

/**
 * The CSV registration job: documents are written in chunks of 1,000, each chunk committed on its own (a cancelled
 * or failed job keeps what it saved; a re-run skips what is already registered).
 */
export function registerDocumentImportJob(runner: JobRunner): void {
  runner.register(DOCUMENT_IMPORT_JOB, async (jc: JobContext): Promise<PDocumentImportSummary> => {
    if (!jc.actor) throw new Error('A document import needs the user who started it.');
    const actor = jc.actor;
    const file = await jc.input();
    if (!file) throw new Error('The uploaded file is missing.');
    const issuer = await jc.run((ctx) => agencyIssuer(ctx));
    const r = readDocumentsCsv(file, issuer, actor);
    assertNoProblems(r);
    const total = r.docs.length;
    jc.progress(0, total);
    let registered = 0;
    let already = 0;
    for (let i = 0; i < total; i += CHUNK) {
      jc.throwIfStopped();
      const part = r.docs.slice(i, i + CHUNK);
      const c = await jc.run((ctx) => registerMany(ctx, part, jc.job.id));
      registered += c.registered;
      already += c.alreadyRegistered;
      jc.progress(Math.min(total, i + CHUNK), total);
    }
    const summary = { rows: total, registered, alreadyRegistered: already };
    await jc.run(async (ctx) => {
      await jobsTx(ctx.tx).deleteFrom('job_inputs').where('job_id', '=', jc.job.id).execute();
      ctx.audit({ action: 'document.imported', objectType: 'job', objectId: jc.job.id, details: summary });
    });
    return summary;
  });
}
