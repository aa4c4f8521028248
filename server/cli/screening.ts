import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Command } from 'commander';
import {
  ScreeningIndex, compare, decodeText, detectFormat, importWatchlist, ofacSideFile, parsePeopleCsv, WatchlistFormatError,
  type PeopleRow, type PersonRecord, type WatchlistEntry,
} from '../../match';
import { loadConfig } from '../platform/config';
import { unsafeWithOwner } from '../platform/db';
import { JobRunner, enqueueJob } from '../platform/jobs';
import { IMPORT_JOB, registerImportJob, type ImportParams, type ImportSummary } from '../modules/watchlists';
import { openRuntime } from '../runtime';
import { CliError } from './io';

async function readInput(path: string, what: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (e) {
    throw new CliError(`Cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
}

const fmtErr = (file: string, e: unknown) => (e instanceof WatchlistFormatError ? new CliError(`${file}: ${e.message}.`) : e);

/** A progress line on standard error, rewritten in place on a terminal. */
function progress(): { update(text: string): void; done(text?: string): void } {
  let last = 0;
  const tty = process.stderr.isTTY === true;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    done(text) {
      if (text) process.stderr.write(tty ? `\r${text}\u001b[K\n` : `${text}\n`);
      else if (tty) process.stderr.write('\n');
    },
  };
}

/** The query as it was given: the schema's columns under their CSV names, then the extra columns. */
function queryJson(r: PeopleRow): Record<string, unknown> {
  return {
    name: r.name,
    ...(r.birthDates?.[0] ? { birth_date: r.birthDates[0] } : {}),
    ...(r.nationalities?.length ? { nationality: r.nationalities.join(';') } : {}),
    ...(r.gender ? { gender: r.gender } : {}),
    ...(r.documents?.[0] ? { document: r.documents[0].number, ...(r.documents[0].country ? { document_country: r.documents[0].country } : {}) } : {}),
    ...r.extra,
  };
}

/** Writes to standard output, waiting when the pipe is full. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
}

/** OFAC's alias and address files beside the SDN file, found by the library's own rule. */
async function ofacSide(path: string, kind: 'alt' | 'add'): Promise<string | undefined> {
  const found = await ofacSideFile(path, kind);
  return found ? readFile(found, 'utf8') : undefined;
}

/** `tansiq match`, `tansiq compare` (offline, on files) and `tansiq watchlist import` (into the database, as a job). */
export function addScreeningCommands(p: Command): void {
  p.command('match')
    .description('Screen a CSV of people (header: name, birth_date, nationality, gender, document) against watchlist files; one JSON line per query, in input order. Works offline, without a database.')
    .requiredOption('--watchlist <file>', 'watchlist file (UN XML, OFAC SDN CSV, FollowTheMoney JSON lines, CSV with a name column); repeat for several', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .requiredOption('--queries <file>', 'CSV of people to screen, or - for standard input')
    .option('--top <n>', 'candidates per query', '10')
    .action(async (o: { watchlist: string[]; queries: string; top: string }) => {
      const top = Number(o.top);
      if (!Number.isInteger(top) || top < 1 || top > 1000) throw new CliError('--top: a whole number from 1 to 1000.');
      const bar = progress();
      const index = new ScreeningIndex();
      for (const [i, file] of o.watchlist.entries()) {
        const r = await importWatchlist(file).catch((e: unknown) => {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`Cannot read the watchlist ${file}: no such file.`);
          throw fmtErr(file, e);
        });
        const source = basename(file);
        // Ids repeat across sources: the index keys them by file, the output gives the source's own id.
        index.add(r.entries.map((e): WatchlistEntry => ({ ...e, id: `${i}:${e.id}`, source })));
        bar.done(`${source}: ${r.entries.length} entries (${r.format})`);
      }
      const raw = await readInput(o.queries, 'queries');
      let rows: PeopleRow[];
      try {
        rows = parsePeopleCsv(decodeText(raw));
      } catch (e) {
        throw fmtErr(o.queries === '-' ? 'standard input' : o.queries, e);
      }
      const started = Date.now();
      let out: string[] = [];
      for (const [n, r] of rows.entries()) {
        const { line: _l, extra: _e, ...q } = r;
        const hits = index.search(q, { top });
        out.push(JSON.stringify({
          query: queryJson(r),
          candidates: hits.map((h) => ({ id: h.id.slice(h.id.indexOf(':') + 1), name: h.name, score: Math.round(h.score * 10000) / 10000, explanation: h.explanation, source: h.source, alert: h.alert })),
        }));
        if (out.length >= 500) {
          await write(out.join('\n') + '\n');
          out = [];
        }
        bar.update(`screened ${n + 1}/${rows.length}`);
      }
      if (out.length) await write(out.join('\n') + '\n');
      const s = (Date.now() - started) / 1000;
      bar.done(`screened ${rows.length} queries in ${s.toFixed(1)} s${s > 0 ? ` (${Math.round(rows.length / s)}/s)` : ''}`);
    });

  p.command('compare')
    .description('Compare pairs of names (CSV: name1, name2, optionally birth_date1, birth_date2, nationality1, nationality2, gender1, gender2, document1, document2); one JSON line per row with the score and its explanation. Offline.')
    .requiredOption('--pairs <file>', 'CSV of pairs, or - for standard input')
    .action(async (o: { pairs: string }) => {
      const raw = await readInput(o.pairs, 'pairs');
      let text: string;
      try {
        text = decodeText(raw);
      } catch (e) {
        throw fmtErr(o.pairs, e);
      }
      if (!text.trim()) throw new CliError(`${o.pairs}: the file is empty: a header with name1 and name2 is needed.`);
      let records: Record<string, string>[];
      try {
        records = parseCsv(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, bom: true }) as Record<string, string>[];
      } catch (e) {
        throw new CliError(`${o.pairs}: ${(e as Error).message}`);
      }
      const header = parseCsv(text, { to_line: 1, bom: true }) as string[][];
      const cols = (header[0] ?? []).map((c) => c.trim().toLowerCase());
      if (!cols.includes('name1') || !cols.includes('name2')) throw new CliError(`${o.pairs}: line 1: the header needs the columns name1 and name2 (found: ${cols.join(', ') || 'nothing'}).`);
      const side = (r: Record<string, string>, k: '1' | '2'): PersonRecord => {
        const v = (c: string) => r[`${c}${k}`]?.trim() || undefined;
        const rec: PersonRecord = { name: v('name') ?? '' };
        const dob = v('birth_date');
        if (dob) rec.birthDates = [dob];
        const nat = v('nationality');
        if (nat) rec.nationalities = nat.split(/[;|]/).map((x) => x.trim()).filter(Boolean);
        const g = v('gender')?.toLowerCase();
        if (g === 'male' || g === 'm') rec.gender = 'male';
        else if (g === 'female' || g === 'f') rec.gender = 'female';
        const doc = v('document') ?? v('document_number');
        if (doc) rec.documents = [{ number: doc }];
        return rec;
      };
      const bar = progress();
      let out: string[] = [];
      for (const [i, r] of records.entries()) {
        const a = side(r, '1');
        const b = side(r, '2');
        if (!a.name || !b.name) throw new CliError(`${o.pairs}: line ${i + 2}: name1 and name2 must both be filled.`);
        const res = compare(a, b);
        out.push(JSON.stringify({ row: i + 1, name1: a.name, name2: b.name, score: Math.round(res.score * 10000) / 10000, explanation: res.explanation }));
        if (out.length >= 500) {
          await write(out.join('\n') + '\n');
          out = [];
        }
        bar.update(`compared ${i + 1}/${records.length}`);
      }
      if (out.length) await write(out.join('\n') + '\n');
      bar.done(`compared ${records.length} pairs`);
    });

  const wl = p.command('watchlist').description('Watchlists in the database');
  wl.command('import <file>')
    .description('Import a watchlist file (format recognised from the content) as the next version of the named list, as a job; progress on standard error')
    .requiredOption('--name <name>', 'the watchlist’s name (a new version when it exists)')
    .option('--agency <code>', 'an agency’s own list: only that agency screens against it')
    .option('--global', 'a global list (UN, OFAC …) that every agency screens against')
    .action(async (file: string, o: { name: string; agency?: string; global?: boolean }) => {
      if (!!o.agency === !!o.global) throw new CliError('Say whose list it is: --agency CODE (that agency only) or --global (every agency).');
      if (!o.name.trim() || o.name.length > 200) throw new CliError('--name: 1 to 200 characters.');
      const buf = await readInput(file, 'watchlist');
      let format;
      try {
        format = detectFormat(decodeText(buf));
      } catch (e) {
        throw fmtErr(file, e);
      }
      const params: ImportParams = { name: o.name.trim(), scope: o.global ? 'global' : 'agency', agencyId: null };
      if (format === 'ofac-sdn') {
        const alt = await ofacSide(file, 'alt');
        const add = await ofacSide(file, 'add');
        if (alt !== undefined) params.ofacAlt = alt;
        if (add !== undefined) params.ofacAdd = add;
      }
      const rt = await openRuntime(loadConfig());
      try {
        if (o.agency) {
          const a = await rt.db.unsafeOwner.selectFrom('agencies').select('id').where('code', '=', o.agency).executeTakeFirst();
          if (!a) throw new CliError(`No agency with the code "${o.agency}".`);
          params.agencyId = a.id;
        }
        const job = await unsafeWithOwner(rt.db, 'cli', async (ctx) => {
          const j = await enqueueJob(ctx, { kind: IMPORT_JOB, params: params as unknown as Record<string, unknown>, input: buf });
          ctx.audit({ action: 'watchlist.import_queued', objectType: 'job', objectId: j.id, ...(params.agencyId ? { subjectAgencyId: params.agencyId } : {}), details: { scope: params.scope, format, bytes: buf.length } });
          return j;
        });
        const bar = progress();
        const runner = new JobRunner(rt.db, { onProgress: (_id, done, total) => bar.update(total ? `importing: ${done}/${total} entries written` : 'reading the file…') });
        registerImportJob(runner, rt.db);
        process.stderr.write(`${basename(file)}: ${format}, job ${job.id}\n`);
        const done = await runner.runNow(job.id);
        if (done.state !== 'succeeded') throw new CliError(done.error ?? `The import ended ${done.state}.`);
        const s = done.result as ImportSummary;
        bar.done(`imported ${s.entries} entries`);
        process.stdout.write(`${o.name}: version ${s.version} (${s.format}): ${s.entries} entries, ${s.added} added, ${s.removed} removed, ${s.changed} changed.\n`);
      } finally {
        await rt.close();
      }
    });
}
