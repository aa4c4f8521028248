import { describe, expect, it } from 'vitest';
import { checkDigit, icaoIssuerOf, isIssuingCode, isNationalityCode, normaliseDocumentNumber, normaliseIssuer, parseMrz, type Mrz } from '..';

// The specimens of ICAO Doc 9303 (parts 4 to 7): Anna Maria Eriksson of Utopia.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const MRVA = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'];
const MRVB = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'];
// Part 5's long document number D23145890734 (check digit 9), continued in the optional data.
const TD1_LONG = ['I<UTOD23145890<7349<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

const NOW = new Date('2026-11-25T12:00:00Z');

function ok(text: string): Mrz {
  const r = parseMrz(text, NOW);
  if (!r.ok) throw new Error(r.error.message);
  return r.mrz;
}
const failing = (m: Mrz) => m.checks.filter((c) => !c.valid).map((c) => c.field);
/** Replaces the character at (line, column) of a zone. */
function edit(zone: string[] | string, line: number, col: number, ch: string): string {
  const lines = typeof zone === 'string' ? zone.split('\n') : zone;
  return lines.map((l, i) => (i === line ? l.slice(0, col) + ch + l.slice(col + 1) : l)).join('\n');
}
/** A different digit than the one printed (the next one). */
const other = (d: string) => String((Number(d) + 1) % 10);

describe('check digits', () => {
  it('follow ICAO 9303 part 3 (weights 7 3 1, A=10 … Z=35, < = 0)', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('120415')).toBe('9');
    expect(checkDigit('ZE184226B<<<<<')).toBe('1');
    expect(checkDigit('<<<<<<')).toBe('0');
    expect(checkDigit('D23145890734')).toBe('9');
  });
});

describe('the ICAO specimens', () => {
  it('TD3 passport', () => {
    const m = ok(TD3.join('\n'));
    expect(m).toMatchObject({
      format: 'TD3', documentCode: 'P', documentType: 'passport', issuingState: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO',
      birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', primaryIdentifier: 'ERIKSSON', secondaryIdentifier: 'ANNA MARIA',
      personalNumber: 'ZE184226B', valid: true,
    });
    expect(m.checks.map((c) => [c.field, c.found, c.valid])).toEqual([['documentNumber', '6', true], ['birthDate', '2', true], ['expiryDate', '9', true], ['personalNumber', '1', true], ['composite', '0', true]]);
    expect(m.warnings.map((w) => w.code)).toEqual(['expired']);
  });

  it('TD1 identity card', () => {
    const m = ok(TD1.join('\n'));
    expect(m).toMatchObject({ format: 'TD1', documentType: 'id-card', issuingState: 'UTO', documentNumber: 'D23145890', birthDate: '1974-08-12', expiryDate: '2012-04-15', primaryIdentifier: 'ERIKSSON', secondaryIdentifier: 'ANNA MARIA', valid: true });
    expect(m.checks.map((c) => c.field)).toEqual(['documentNumber', 'birthDate', 'expiryDate', 'composite']);
  });

  it('TD1 with a long document number continued in the optional data', () => {
    const m = ok(TD1_LONG.join('\n'));
    expect(m.documentNumber).toBe('D23145890734');
    expect(m.valid).toBe(true);
    expect(m.optionalData).toEqual([]);
    const num = m.checks.find((c) => c.field === 'documentNumber')!;
    expect(num).toMatchObject({ found: '9', digit: { line: 0, start: 18, end: 19 } });
    // A wrong digit in the continuation fails the document number (and the composite that covers it).
    expect(failing(ok(edit(TD1_LONG, 0, 16, '5')))).toEqual(['documentNumber', 'composite']);
  });

  it('TD2 identity card', () => {
    const m = ok(TD2.join('\n'));
    expect(m).toMatchObject({ format: 'TD2', documentType: 'id-card', documentNumber: 'D23145890', birthDate: '1974-08-12', expiryDate: '2012-04-15', valid: true });
  });

  it('MRV-A and MRV-B visas (no composite check digit; XXX nationality)', () => {
    for (const [z, f] of [[MRVA, 'MRV-A'], [MRVB, 'MRV-B']] as const) {
      const m = ok(z.join('\n'));
      expect(m).toMatchObject({ format: f, documentType: 'visa', issuingState: 'UTO', nationality: 'XXX', documentNumber: 'L8988901C', birthDate: '1940-09-07', expiryDate: '1996-12-10', sex: 'F', valid: true });
      expect(m.checks.map((c) => c.field)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
      expect(m.warnings.map((w) => w.code)).not.toContain('unknown-nationality');
    }
  });
});

describe('broken check digits name the failing field', () => {
  // [zone, line, column of the check digit, field]; changing the digit breaks that field (and the composite, which covers it).
  const cases: [string, string[], number, number, string][] = [
    ['TD3', TD3, 1, 9, 'documentNumber'], ['TD3', TD3, 1, 19, 'birthDate'], ['TD3', TD3, 1, 27, 'expiryDate'], ['TD3', TD3, 1, 42, 'personalNumber'],
    ['TD1', TD1, 0, 14, 'documentNumber'], ['TD1', TD1, 1, 6, 'birthDate'], ['TD1', TD1, 1, 14, 'expiryDate'],
    ['TD2', TD2, 1, 9, 'documentNumber'], ['TD2', TD2, 1, 19, 'birthDate'], ['TD2', TD2, 1, 27, 'expiryDate'],
    ['MRV-A', MRVA, 1, 9, 'documentNumber'], ['MRV-A', MRVA, 1, 19, 'birthDate'], ['MRV-A', MRVA, 1, 27, 'expiryDate'],
    ['MRV-B', MRVB, 1, 9, 'documentNumber'], ['MRV-B', MRVB, 1, 19, 'birthDate'], ['MRV-B', MRVB, 1, 27, 'expiryDate'],
  ];
  it.each(cases)('%s: a wrong check digit at line %#', (fmt, zone, line, col, field) => {
    const m = ok(edit(zone, line, col, other(zone[line]![col]!)));
    const hasComposite = fmt !== 'MRV-A' && fmt !== 'MRV-B';
    expect(failing(m)).toEqual(hasComposite ? [field, 'composite'] : [field]);
    expect(m.valid).toBe(false);
    const c = m.checks.find((x) => x.field === field)!;
    expect(c.expected).toBe(zone[line]![col]);
    expect(c.digit).toEqual({ line, start: col, end: col + 1 });
  });

  it.each([['TD3', TD3, 1, 43], ['TD1', TD1, 1, 29], ['TD2', TD2, 1, 35]] as const)('%s: a wrong composite check digit fails the composite only', (_f, zone, line, col) => {
    expect(failing(ok(edit([...zone], line, col, other(zone[line]![col]!))))).toEqual(['composite']);
  });

  it('a misread document number (data, not digit) fails its check and the composite, and the data is still returned as read', () => {
    const m = ok(edit(TD3, 1, 3, '9'));
    expect(failing(m)).toEqual(['documentNumber', 'composite']);
    expect(m.documentNumber).toBe('L899902C3');
  });
});

describe('tolerance of pasted text', () => {
  it('spaces, lower case, CRLF and no line breaks at all', () => {
    expect(ok(TD3.map((l) => ` ${l.toLowerCase().replace(/(.{10})/g, '$1 ')} `).join('\r\n')).valid).toBe(true);
    const joined = ok(TD1.join(''));
    expect(joined.valid).toBe(true);
    expect(joined.warnings.map((w) => w.code)).toContain('lines-rejoined');
    // Broken at the wrong places.
    const all = TD3.join('');
    expect(ok(`${all.slice(0, 30)}\n${all.slice(30, 70)}\n${all.slice(70)}`).documentNumber).toBe('L898902C3');
  });

  it('trailing fillers lost by a copy are restored, with a warning', () => {
    const m = ok(`P<UTOERIKSSON<<ANNA<MARIA\n${TD3[1]}`);
    expect(m.valid).toBe(true);
    expect(m.warnings.map((w) => w.code)).toContain('line-padded');
  });

  it('letters read in place of digits in dates and check digits are corrected and reported; document numbers are not touched', () => {
    // Line 2, column 14 is the 4 of 740812 (read as O); column 19 is its check digit 2 (read as Z).
    const m = ok(edit(edit(TD3, 1, 14, 'O'), 1, 19, 'Z'));
    expect(m.warnings.filter((w) => w.code === 'ocr-corrected').map((w) => w.field)).toEqual(['birthDate', 'birthDate']);
    // 'O' → '0' changes the date: its check digit now fails and says so.
    expect(m.birthDate).toBe('1970-08-12');
    expect(failing(m)).toContain('birthDate');
    const n = ok(edit(TD3, 1, 19, 'Z'));
    expect(n.valid).toBe(true);
    expect(ok(edit(TD3, 1, 2, 'O')).documentNumber).toBe('L8O8902C3');
  });

  it('a digit in the name is read as the letter it looks like', () => {
    const m = ok(TD3.join('\n').replace('ERIKSSON', 'ERIK55ON'));
    expect(m.primaryIdentifier).toBe('ERIKSSON');
    expect(m.warnings.filter((w) => w.code === 'ocr-corrected').map((w) => w.field)).toEqual(['name', 'name']);
    expect(ok(TD3.join('\n').replace('ERIKSSON', 'ER1KSSON')).primaryIdentifier).toBe('ERIKSSON');
  });

  it('refuses what cannot be a zone, saying why', () => {
    const bad = (t: string) => {
      const r = parseMrz(t, NOW);
      if (r.ok) throw new Error('parsed');
      return r.error;
    };
    expect(bad('').code).toBe('empty');
    expect(bad('P<UTO\nL898').code).toBe('length');
    expect(bad(`${TD3[0]}\n${TD3[1]!.slice(0, 20)}é${TD3[1]!.slice(21)}`)).toMatchObject({ code: 'characters', line: 1 });
    expect(bad(TD3.map((l) => `X${l.slice(1)}`).join('\n')).code).toBe('document-code');
  });
});

describe('dates and codes', () => {
  it('birth dates are never in the future; expiry dates look up to 50 years ahead; unknown parts shorten the date', () => {
    const birth = (yymmdd: string) => ok(TD3.join('\n').replace('740812', yymmdd)).birthDate;
    expect(birth('250101')).toBe('2025-01-01');
    expect(birth('261231')).toBe('1926-12-31');
    expect(birth('74<<<<')).toBe('1974');
    expect(birth('7408<<')).toBe('1974-08');
    const expiry = (yymmdd: string) => ok(TD3.join('\n').replace('120415', yymmdd)).expiryDate;
    expect(expiry('340101')).toBe('2034-01-01');
    expect(expiry('991231')).toBe('1999-12-31');
  });

  it('issuing codes: D for Germany, organisations, the specimen state; XXA–XXX are nationalities only', () => {
    expect(icaoIssuerOf('DE')).toBe('D');
    expect(icaoIssuerOf('MA')).toBe('MAR');
    expect(icaoIssuerOf('ES')).toBe('ESP');
    expect(icaoIssuerOf('CN')).toBe('CHN');
    expect(icaoIssuerOf('ZZ')).toBeNull();
    for (const c of ['D', 'UNO', 'UNA', 'UNK', 'XPO', 'EUE', 'UTO', 'MAR']) expect(isIssuingCode(c)).toBe(true);
    for (const c of ['XXA', 'XXB', 'XXC', 'XXX', 'DEU']) expect(isIssuingCode(c)).toBe(false);
    expect(isNationalityCode('XXB')).toBe(true);
    expect(normaliseIssuer('d<<')).toBe('D');
    expect(normaliseIssuer('DEU')).toBe('D');
    expect(normaliseIssuer('ma')).toBe('MAR');
    expect(normaliseIssuer('XXA')).toBeNull();
    expect(normaliseDocumentNumber(' ab-12 345 ')).toBe('AB12345');
  });

  it('a zone issued under a nationality-only code is flagged', () => {
    expect(ok(TD3.join('\n').replace('P<UTO', 'P<XXA')).warnings.map((w) => w.code)).toContain('nationality-issuer');
    expect(ok(TD3.join('\n').replace('P<UTO', 'P<D<<')).issuingState).toBe('D');
  });
});
