import { access, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { WatchlistEntry } from '../index/types';
import { WatchlistFormatError } from './errors';
import { parseFtm } from './ftm';
import { parseOfac } from './ofac';
import { parsePlainCsv } from './plain-csv';
import { parseUnXml } from './un-xml';

export type WatchlistFormat = 'un-xml' | 'ofac-sdn' | 'ftm' | 'csv';

export interface ImportOptions {
  /** Force a format instead of recognising it from the content. */
  format?: WatchlistFormat;
  /** Set as `source` on every entry (the watchlist's name). */
  source?: string;
  /** OFAC alias and address files, when the SDN file is given as a buffer (a path finds them itself). */
  ofacAlt?: string | Buffer;
  ofacAdd?: string | Buffer;
}

export interface ImportResult {
  format: WatchlistFormat;
  entries: WatchlistEntry[];
  /** Side files that were read with the main one (OFAC alt/add). */
  files: string[];
}

/** Decode a file as text: UTF-8 (strictly) or UTF-16 with a byte-order mark. */
export function decodeText(buf: Buffer | Uint8Array): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    let line = 1;
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] === 0x0a) line++;
      const b = buf[i] ?? 0;
      if (b >= 0x80) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(i, Math.min(buf.length, i + 4)));
        } catch {
          throw new WatchlistFormatError('the file is not UTF-8 text (save it as UTF-8)', { line });
        }
      }
    }
    throw new WatchlistFormatError('the file is not UTF-8 text (save it as UTF-8)');
  }
}

/** Recognise a watchlist format from its content. */
export function detectFormat(text: string): WatchlistFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096);
  if (head.length === 0) throw new WatchlistFormatError('the file is empty', { line: 1 });
  if (head.startsWith('<')) {
    if (head.includes('CONSOLIDATED_LIST') || head.includes('<INDIVIDUALS') || text.includes('<CONSOLIDATED_LIST')) return 'un-xml';
    throw new WatchlistFormatError('XML that is not the UN consolidated list (no CONSOLIDATED_LIST element)', { element: 'root' });
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'ftm';
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  if (/^\s*"?\d+"?\s*,/.test(firstLine)) return 'ofac-sdn';
  const cells = firstLine.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (cells.includes('name')) return 'csv';
  throw new WatchlistFormatError(
    'unrecognised format: expected UN XML, OFAC SDN CSV, FollowTheMoney JSON lines, or a CSV with a "name" column',
    { line: 1 },
  );
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** OFAC's side files beside the SDN file: alt.csv/add.csv, or NAME-alt.csv/NAME-add.csv. */
export async function ofacSideFile(path: string, kind: 'alt' | 'add'): Promise<string | undefined> {
  const dir = dirname(path);
  const ext = extname(path);
  const base = basename(path, ext);
  const candidates = [
    base.toLowerCase() === 'sdn' ? join(dir, `${kind}${ext}`) : undefined,
    /[-_]sdn$/i.test(base) ? join(dir, `${base.replace(/sdn$/i, kind)}${ext}`) : undefined,
    join(dir, `${base}-${kind}${ext}`),
    join(dir, `${base}_${kind}${ext}`),
  ];
  for (const c of candidates) if (c !== undefined && (await exists(c))) return c;
  return undefined;
}

function asText(x: string | Buffer): string {
  return typeof x === 'string' ? x : decodeText(x);
}

/**
 * Read a watchlist from a path or a buffer, recognising its format from the content (UN XML, OFAC SDN
 * CSV with its alt/add files, FollowTheMoney JSON lines, plain CSV). All or nothing: a malformed file
 * throws {@link WatchlistFormatError} naming the line or element, and no entry is returned.
 */
export async function importWatchlist(pathOrBuffer: string | Buffer | Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const isPath = typeof pathOrBuffer === 'string';
  const buf = isPath ? await readFile(pathOrBuffer) : Buffer.from(pathOrBuffer);
  const text = decodeText(buf);
  const format = options.format ?? detectFormat(text);
  const files: string[] = [];
  let entries: WatchlistEntry[];
  switch (format) {
    case 'un-xml':
      entries = parseUnXml(text);
      break;
    case 'ftm':
      entries = parseFtm(text);
      break;
    case 'csv':
      entries = parsePlainCsv(text);
      break;
    case 'ofac-sdn': {
      let alt = options.ofacAlt !== undefined ? asText(options.ofacAlt) : undefined;
      let add = options.ofacAdd !== undefined ? asText(options.ofacAdd) : undefined;
      if (isPath && alt === undefined) {
        const p = await ofacSideFile(pathOrBuffer, 'alt');
        if (p !== undefined) {
          alt = decodeText(await readFile(p));
          files.push(p);
        }
      }
      if (isPath && add === undefined) {
        const p = await ofacSideFile(pathOrBuffer, 'add');
        if (p !== undefined) {
          add = decodeText(await readFile(p));
          files.push(p);
        }
      }
      entries = parseOfac(text, alt, add);
      break;
    }
  }
  if (options.source !== undefined) for (const e of entries) e.source = options.source;
  return { format, entries, files };
}
