import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDigit, parseMrz } from '..';

const NOW = new Date('2026-11-25T12:00:00Z');
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const letters = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), minLength: min, maxLength: max });
const yymmdd = fc.record({ y: fc.integer({ min: 0, max: 99 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`);

/** A TD3 zone written from its fields, the way an issuing state prints it. */
function writeTd3(o: { number: string; surname: string; given: string; birth: string; expiry: string; personal: string }): string {
  const l1 = `P<MAR${`${o.surname}<<${o.given}`.padEnd(39, '<').slice(0, 39)}`;
  const num = o.number.padEnd(9, '<');
  const pn = o.personal.padEnd(14, '<');
  const body = `${num}${checkDigit(num)}MAR${o.birth}${checkDigit(o.birth)}F${o.expiry}${checkDigit(o.expiry)}${pn}${checkDigit(pn)}`;
  return `${l1}\n${body}${checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))}`;
}

const td3 = fc.record({
  number: fc.string({ unit: alnum, minLength: 1, maxLength: 9 }),
  surname: letters(1, 15),
  given: letters(1, 15),
  birth: yymmdd,
  expiry: yymmdd,
  personal: fc.string({ unit: alnum, minLength: 0, maxLength: 14 }),
});

describe('TD3 zones written from random fields', () => {
  it('read back to the same fields, every check digit valid', () => {
    fc.assert(fc.property(td3, (o) => {
      const r = parseMrz(writeTd3(o), NOW);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.mrz.valid).toBe(true);
      expect(r.mrz.documentNumber).toBe(o.number);
      expect(r.mrz.primaryIdentifier).toBe(o.surname);
      expect(r.mrz.secondaryIdentifier).toBe(o.given);
      expect(r.mrz.birthDate?.slice(2).replace(/-/g, '')).toBe(o.birth);
    }), { numRuns: 300 });
  });

  it('any changed digit in a date is caught by that date’s check digit', () => {
    fc.assert(fc.property(td3, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (o, pos, delta) => {
      const zone = writeTd3(o).split('\n');
      // Columns 13–18 hold the birth date, 21–26 the expiry date.
      const col = pos < 6 ? 13 + pos : 21 + (pos - 6);
      const field = pos < 6 ? 'birthDate' : 'expiryDate';
      const line = zone[1]!;
      const changed = String((Number(line[col]) + delta) % 10);
      const r = parseMrz(`${zone[0]}\n${line.slice(0, col)}${changed}${line.slice(col + 1)}`, NOW);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.mrz.checks.find((c) => c.field === field)?.valid).toBe(false);
    }), { numRuns: 300 });
  });
});
