import { checkDigit } from './checkDigit';
import { isIssuingCode, isNationalityCode } from './codes';

/** The five machine-readable zone layouts of ICAO 9303 (parts 4 to 7). */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRV-A' | 'MRV-B';
export type MrzDocumentType = 'passport' | 'id-card' | 'visa' | 'other';
/** Fields that carry a check digit; `composite` covers the others together. */
export type MrzCheckedField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';

/** Where a field sits: line index (0-based) and its columns [start, end) in that line. */
export interface MrzSpan {
  line: number;
  start: number;
  end: number;
}

export interface MrzCheck {
  field: MrzCheckedField;
  valid: boolean;
  /** The digit printed in the zone, and the one the data gives. */
  found: string;
  expected: string;
  /** The data the digit covers (for the composite: its segments) and the digit itself. */
  spans: MrzSpan[];
  digit: MrzSpan;
}

export type MrzWarningCode = 'ocr-corrected' | 'line-padded' | 'lines-rejoined' | 'name-truncated' | 'unknown-issuer' | 'nationality-issuer' | 'unknown-nationality' | 'bad-date' | 'expired' | 'long-number-malformed';

export interface MrzWarning {
  code: MrzWarningCode;
  field?: string;
  /** Plain English; the web app shows a translation of the code. */
  message: string;
}

export interface Mrz {
  format: MrzFormat;
  /** The zone as read, normalised (upper case, one string per line, OCR corrections applied). */
  lines: string[];
  documentCode: string;
  documentType: MrzDocumentType;
  issuingState: string;
  documentNumber: string;
  nationality: string;
  /** ISO dates; a part unknown in the zone ('<<') leaves a shorter date (YYYY-MM or YYYY), or null. */
  birthDate: string | null;
  expiryDate: string | null;
  sex: 'M' | 'F' | 'X';
  primaryIdentifier: string;
  secondaryIdentifier: string;
  /** The optional data fields as printed (fillers trimmed), without a long document number's continuation. */
  optionalData: string[];
  personalNumber: string | null;
  checks: MrzCheck[];
  /** True when every check digit is right. */
  valid: boolean;
  warnings: MrzWarning[];
  /** Where each field sits, for highlighting. */
  spans: Partial<Record<'documentCode' | 'issuingState' | 'documentNumber' | 'nationality' | 'birthDate' | 'sex' | 'expiryDate' | 'name' | 'optionalData', MrzSpan[]>>;
}

export class MrzError extends Error {
  constructor(readonly code: 'empty' | 'length' | 'characters' | 'document-code', message: string, readonly line?: number) {
    super(message);
  }
}

export type MrzResult = { ok: true; mrz: Mrz } | { ok: false; error: MrzError };

const LAYOUT: Record<MrzFormat, { lines: number; width: number }> = {
  TD1: { lines: 3, width: 30 },
  TD2: { lines: 2, width: 36 },
  TD3: { lines: 2, width: 44 },
  'MRV-A': { lines: 2, width: 44 },
  'MRV-B': { lines: 2, width: 36 },
};

// Fillers that OCR and keyboards produce in place of '<'.
const FILLER_LOOKALIKES = /[«‹＜〈]/g;

/** Splits pasted text into MRZ lines: upper case, spaces dropped, wrong line breaks repaired when the total fits. */
function toLines(text: string, warnings: MrzWarning[]): string[] {
  const cleaned = text.toUpperCase().replace(FILLER_LOOKALIKES, '<');
  let lines = cleaned.split(/\r\n|\r|\n/).map((l) => l.replace(/\s+/g, '')).filter((l) => l.length > 0);
  if (lines.length === 0) throw new MrzError('empty', 'Paste the machine-readable zone: two or three lines of letters, digits and <.');
  const joined = lines.join('');
  const fits = (f: MrzFormat) => lines.length === LAYOUT[f].lines && lines.every((l) => l.length === LAYOUT[f].width);
  if (!(['TD1', 'TD2', 'TD3'] as MrzFormat[]).some(fits)) {
    // Wrong line breaks (or none): cut the whole zone by its total length.
    const byTotal: Record<number, number> = { 90: 30, 72: 36, 88: 44 };
    const width = byTotal[joined.length];
    if (width) {
      const n = joined.length / width;
      const cut = Array.from({ length: n }, (_, i) => joined.slice(i * width, (i + 1) * width));
      if (cut.join('\n') !== lines.join('\n')) warnings.push({ code: 'lines-rejoined', message: `The line breaks were repaired: read as ${n} lines of ${width} characters.` });
      lines = cut;
    } else {
      // Trailing fillers dropped by a copy or an OCR: pad each line when the line count and widths allow one layout.
      // Trailing fillers dropped by a copy or an OCR: pad each line when the line count and the longest line allow one layout.
      const longest = Math.max(...lines.map((l) => l.length));
      const w = lines.length === 3 && longest <= 30 ? 30 : lines.length === 2 && longest <= 36 ? 36 : lines.length === 2 && longest <= 44 ? 44 : 0;
      if (w === 0 || longest < w - 14) {
        throw new MrzError('length', `A machine-readable zone has 3 lines of 30 characters (TD1), or 2 lines of 36 (TD2, MRV-B) or 44 (TD3, MRV-A); this one has ${lines.length} line(s) of ${lines.map((l) => l.length).join(', ')} characters.`);
      }
      lines = lines.map((l, i) => {
        if (l.length < w) warnings.push({ code: 'line-padded', field: `line${i + 1}`, message: `Line ${i + 1} was ${l.length} characters long: filled with < to ${w}.` });
        return l.padEnd(w, '<');
      });
    }
  }
  lines.forEach((l, i) => {
    const bad = /[^A-Z0-9<]/.exec(l);
    if (bad) throw new MrzError('characters', `Line ${i + 1} holds "${bad[0]}" at position ${bad.index + 1}: a machine-readable zone has only A–Z, 0–9 and <.`, i);
  });
  return lines;
}

// Letters an OCR reads in place of digits: corrected only where the field is numeric by definition.
const DIGIT_FOR: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };
// Digits an OCR reads in place of letters: corrected only in the name, which never holds a digit.
const LETTER_FOR: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B' };

/** The lines as a mutable grid, with corrections of numeric-only and letter-only fields recorded as warnings. */
class Grid {
  readonly rows: string[][];
  constructor(lines: string[], private readonly warnings: MrzWarning[]) {
    this.rows = lines.map((l) => l.split(''));
  }
  get(s: MrzSpan): string {
    return this.rows[s.line]!.slice(s.start, s.end).join('');
  }
  /** A field of digits (and fillers): letters that look like digits are corrected, and the change reported. */
  digits(s: MrzSpan, field: string): void {
    this.fix(s, field, DIGIT_FOR, 'digits');
  }
  letters(s: MrzSpan, field: string): void {
    this.fix(s, field, LETTER_FOR, 'letters');
  }
  private fix(s: MrzSpan, field: string, map: Record<string, string>, what: string) {
    const row = this.rows[s.line]!;
    for (let i = s.start; i < s.end; i++) {
      const c = row[i]!;
      const to = map[c];
      if (to) {
        row[i] = to;
        this.warnings.push({ code: 'ocr-corrected', field, message: `Line ${s.line + 1}, position ${i + 1}: "${c}" read as "${to}" (this field holds only ${what}).` });
      }
    }
  }
  lines(): string[] {
    return this.rows.map((r) => r.join(''));
  }
}

const sp = (line: number, start: number, end: number): MrzSpan => ({ line, start, end });
const trimFill = (s: string) => s.replace(/<+$/, '');

/** Two-digit years: a birth date is never in the future; an expiry date lies within the next 50 years or was in the past 50. */
function isoDate(yymmdd: string, kind: 'birth' | 'expiry', now: Date, warnings: MrzWarning[], field: string): string | null {
  const yy = yymmdd.slice(0, 2);
  const mm = yymmdd.slice(2, 4);
  const dd = yymmdd.slice(4, 6);
  if (!/^\d\d$/.test(yy)) return null;
  const cy = now.getUTCFullYear();
  let year = 2000 + Number(yy);
  if (kind === 'birth' && year > cy) year -= 100;
  if (kind === 'expiry' && year > cy + 50) year -= 100;
  if (!/^\d\d$/.test(mm)) return String(year);
  const m = Number(mm);
  if (m < 1 || m > 12) {
    warnings.push({ code: 'bad-date', field, message: `The ${kind === 'birth' ? 'birth' : 'expiry'} date has no month ${mm}.` });
    return String(year);
  }
  if (!/^\d\d$/.test(dd)) return `${year}-${mm}`;
  const d = Number(dd);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  if (d < 1 || d > last) {
    warnings.push({ code: 'bad-date', field, message: `The ${kind === 'birth' ? 'birth' : 'expiry'} date has no day ${dd} in ${year}-${mm}.` });
    return `${year}-${mm}`;
  }
  // A birth date later than today (same century rule) belongs to the previous century.
  if (kind === 'birth' && `${year}-${mm}-${dd}` > now.toISOString().slice(0, 10)) return `${year - 100}-${mm}-${dd}`;
  return `${year}-${mm}-${dd}`;
}

function documentTypeOf(code: string, format: MrzFormat): MrzDocumentType {
  if (format === 'MRV-A' || format === 'MRV-B' || code[0] === 'V') return 'visa';
  if (code[0] === 'P') return 'passport';
  if (code[0] === 'I' || code[0] === 'A' || code[0] === 'C') return 'id-card';
  return 'other';
}

function splitName(raw: string): { primary: string; secondary: string; truncated: boolean } {
  const truncated = !raw.endsWith('<');
  const t = trimFill(raw);
  const at = t.indexOf('<<');
  const primary = (at < 0 ? t : t.slice(0, at)).replace(/</g, ' ').trim();
  const secondary = (at < 0 ? '' : t.slice(at + 2)).replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  return { primary, secondary, truncated };
}

interface Layout {
  format: MrzFormat;
  code: MrzSpan;
  issuer: MrzSpan;
  name: MrzSpan;
  number: MrzSpan;
  numberCheck: MrzSpan;
  nationality: MrzSpan;
  birth: MrzSpan;
  birthCheck: MrzSpan;
  sex: MrzSpan;
  expiry: MrzSpan;
  expiryCheck: MrzSpan;
  optional: MrzSpan[];
  personal?: { data: MrzSpan; check: MrzSpan };
  composite?: { spans: MrzSpan[]; check: MrzSpan };
}

function layoutOf(lines: string[]): Layout {
  const width = lines[0]!.length;
  const first = lines[0]![0]!;
  if (lines.length === 3) {
    return {
      format: 'TD1', code: sp(0, 0, 2), issuer: sp(0, 2, 5), number: sp(0, 5, 14), numberCheck: sp(0, 14, 15), optional: [sp(0, 15, 30), sp(1, 18, 29)],
      birth: sp(1, 0, 6), birthCheck: sp(1, 6, 7), sex: sp(1, 7, 8), expiry: sp(1, 8, 14), expiryCheck: sp(1, 14, 15), nationality: sp(1, 15, 18),
      name: sp(2, 0, 30),
      composite: { spans: [sp(0, 5, 30), sp(1, 0, 7), sp(1, 8, 15), sp(1, 18, 29)], check: sp(1, 29, 30) },
    };
  }
  const common = {
    code: sp(0, 0, 2), issuer: sp(0, 2, 5), name: sp(0, 5, width), number: sp(1, 0, 9), numberCheck: sp(1, 9, 10), nationality: sp(1, 10, 13),
    birth: sp(1, 13, 19), birthCheck: sp(1, 19, 20), sex: sp(1, 20, 21), expiry: sp(1, 21, 27), expiryCheck: sp(1, 27, 28),
  };
  if (first === 'V') return { format: width === 44 ? 'MRV-A' : 'MRV-B', ...common, optional: [sp(1, 28, width)] };
  if (width === 44) {
    return {
      format: 'TD3', ...common, optional: [], personal: { data: sp(1, 28, 42), check: sp(1, 42, 43) },
      composite: { spans: [sp(1, 0, 10), sp(1, 13, 20), sp(1, 21, 43)], check: sp(1, 43, 44) },
    };
  }
  return { format: 'TD2', ...common, optional: [sp(1, 28, 35)], composite: { spans: [sp(1, 0, 10), sp(1, 13, 20), sp(1, 21, 35)], check: sp(1, 35, 36) } };
}

/**
 * Parses a machine-readable zone of ICAO Doc 9303: TD1 (3×30, with long document numbers continued in the optional
 * data, part 5 §4.2.4), TD2 (2×36), TD3 (2×44) and the visas MRV-A (2×44) and MRV-B (2×36). Every check digit is
 * verified and reported per field; the data is returned as read even when a digit fails (the caller flags it as
 * unreliable). Pasted text may carry spaces, lower case, wrong line breaks and missing trailing fillers; letters read
 * in place of digits in numeric fields (dates, check digits) and digits in the name are corrected and reported.
 * `now` fixes the century of two-digit years (tests pass a date).
 */
export function parseMrz(text: string, now: Date = new Date()): MrzResult {
  const warnings: MrzWarning[] = [];
  let lines: string[];
  try {
    lines = toLines(text, warnings);
  } catch (e) {
    if (e instanceof MrzError) return { ok: false, error: e };
    throw e;
  }
  const first = lines[0]![0]!;
  if (!/[PIACV]/.test(first)) {
    return { ok: false, error: new MrzError('document-code', `The zone starts with "${first}": a document code begins with P (passport), I, A or C (identity and travel cards) or V (visa).`, 0) };
  }
  const L = layoutOf(lines);
  const g = new Grid(lines, warnings);

  // Numeric-only fields: dates and check digits (document numbers are alphanumeric: never corrected).
  g.digits(L.birth, 'birthDate');
  g.digits(L.birthCheck, 'birthDate');
  g.digits(L.expiry, 'expiryDate');
  g.digits(L.expiryCheck, 'expiryDate');
  g.digits(L.numberCheck, 'documentNumber');
  if (L.personal) g.digits(L.personal.check, 'personalNumber');
  if (L.composite) g.digits(L.composite.check, 'composite');
  g.letters(L.name, 'name');

  const checks: MrzCheck[] = [];
  const verify = (field: MrzCheckedField, data: MrzSpan[], digit: MrzSpan) => {
    const expected = checkDigit(data.map((s) => g.get(s)).join(''));
    const found = g.get(digit);
    checks.push({ field, valid: found === expected, found, expected, spans: data, digit });
  };

  // The document number, possibly continued in the optional data (TD1 and TD2: '<' in place of its check digit).
  let number = trimFill(g.get(L.number));
  const numberSpans: MrzSpan[] = [L.number];
  let numberDigit = L.numberCheck;
  const optionalRaw = L.optional.map((s) => g.get(s));
  if ((L.format === 'TD1' || L.format === 'TD2') && g.get(L.numberCheck) === '<') {
    const opt = L.optional[0]!;
    const rest = g.get(opt);
    const m = /^([A-Z0-9]*?)(\d)(<|$)/.exec(rest);
    if (m && m[1]!.length > 0) {
      number = g.get(L.number) + m[1]!;
      numberSpans.push(sp(opt.line, opt.start, opt.start + m[1]!.length));
      numberDigit = sp(opt.line, opt.start + m[1]!.length, opt.start + m[1]!.length + 1);
      optionalRaw[0] = rest.slice(m[1]!.length + 2);
    } else {
      warnings.push({ code: 'long-number-malformed', field: 'documentNumber', message: 'The document number has no check digit, and its continuation in the optional data cannot be read.' });
    }
  }
  verify('documentNumber', numberSpans, numberDigit);
  verify('birthDate', [L.birth], L.birthCheck);
  verify('expiryDate', [L.expiry], L.expiryCheck);
  let personalNumber: string | null = null;
  if (L.personal) {
    personalNumber = trimFill(g.get(L.personal.data)) || null;
    const digit = g.get(L.personal.check);
    // An empty personal number may carry '<' instead of 0 as its check digit (part 4 §4.2.2).
    if (personalNumber !== null || digit !== '<') verify('personalNumber', [L.personal.data], L.personal.check);
  }
  if (L.composite) verify('composite', L.composite.spans, L.composite.check);

  const issuingState = trimFill(g.get(L.issuer));
  const nationality = trimFill(g.get(L.nationality));
  if (!isIssuingCode(issuingState)) {
    if (isNationalityCode(issuingState)) warnings.push({ code: 'nationality-issuer', field: 'issuingState', message: `${issuingState} is a nationality code (stateless, refugee or unspecified), never an issuing state.` });
    else warnings.push({ code: 'unknown-issuer', field: 'issuingState', message: `${issuingState} is not an ICAO 9303 issuing state or organisation code.` });
  }
  if (nationality && !isNationalityCode(nationality)) warnings.push({ code: 'unknown-nationality', field: 'nationality', message: `${nationality} is not an ICAO 9303 nationality code.` });

  const birthDate = isoDate(g.get(L.birth), 'birth', now, warnings, 'birthDate');
  const expiryDate = isoDate(g.get(L.expiry), 'expiry', now, warnings, 'expiryDate');
  if (expiryDate && expiryDate.length === 10 && expiryDate < now.toISOString().slice(0, 10)) {
    warnings.push({ code: 'expired', field: 'expiryDate', message: `The document expired on ${expiryDate}.` });
  }
  const name = splitName(g.get(L.name));
  if (name.truncated) warnings.push({ code: 'name-truncated', field: 'name', message: 'The name fills its field to the last position: it may be truncated.' });
  const sexRaw = g.get(L.sex);
  const code = trimFill(g.get(L.code)) || first;

  const mrz: Mrz = {
    format: L.format,
    lines: g.lines(),
    documentCode: code,
    documentType: documentTypeOf(code, L.format),
    issuingState,
    documentNumber: number,
    nationality,
    birthDate,
    expiryDate,
    sex: sexRaw === 'M' || sexRaw === 'F' ? sexRaw : 'X',
    primaryIdentifier: name.primary,
    secondaryIdentifier: name.secondary,
    optionalData: optionalRaw.map(trimFill).filter((s) => s.length > 0),
    personalNumber,
    checks,
    valid: checks.every((c) => c.valid),
    warnings,
    spans: {
      documentCode: [L.code], issuingState: [L.issuer], documentNumber: numberSpans, nationality: [L.nationality], birthDate: [L.birth],
      sex: [L.sex], expiryDate: [L.expiry], name: [L.name], optionalData: L.optional,
    },
  };
  return { ok: true, mrz };
}

/** A document number as registries compare it: upper case, without spaces, dashes or fillers. */
export function normaliseDocumentNumber(input: string): string {
  return input.toUpperCase().replace(/[\s\-<./]/g, '');
}
