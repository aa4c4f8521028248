import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WatchlistFormatError } from './errors';
import { detectFormat, importWatchlist } from './import';
import { parsePeopleCsv } from './plain-csv';

const repoRoot = resolve(import.meta.dirname, '../..');
const data = (p: string): string => resolve(repoRoot, '../shared/data', p);
const tmp = mkdtempSync(join(tmpdir(), 'tansiq-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function fails(input: string | Buffer, pattern: RegExp): Promise<WatchlistFormatError> {
  try {
    await importWatchlist(typeof input === 'string' ? Buffer.from(input) : input);
  } catch (err) {
    expect(err).toBeInstanceOf(WatchlistFormatError);
    expect((err as Error).message).toMatch(pattern);
    return err as WatchlistFormatError;
  }
  throw new Error('expected the import to fail');
}

// Each real file is read once for all the tests that look at it.
let unResult: ReturnType<typeof importWatchlist> | undefined;
let ofacResult: ReturnType<typeof importWatchlist> | undefined;
const readUn = (): ReturnType<typeof importWatchlist> => (unResult ??= importWatchlist(data('watchlists/un-consolidated-2026-02-27.xml')));
const readOfac = (): ReturnType<typeof importWatchlist> => (ofacResult ??= importWatchlist(data('watchlists/ofac-sdn-2021-sdn.csv')));

describe('UN consolidated list (real file)', () => {
  it('reads every individual and entity with its reference number', async () => {
    const r = await readUn();
    expect(r.format).toBe('un-xml');
    expect(r.entries.length).toBe(1003);
    expect(r.entries.filter((e) => e.kind === 'person').length).toBe(730);
    expect(r.entries.filter((e) => e.kind === 'organization').length).toBe(273);
    const taliban = r.entries.find((e) => e.id === 'TAi.004');
    expect(taliban?.name).toBe('MOHAMMED OMAR GHULAM NABI');
    expect(taliban?.aliases).toContainEqual({ name: 'محمد عمر غلام نبی', type: 'original_script' });
    expect(taliban?.birthDates).toEqual(['1966', '1960', '1953']);
    expect(taliban?.nationalities).toEqual(['Afghanistan']);
  });
  it('keeps Low-quality aliases (noms de guerre) apart as weak aliases', async () => {
    const r = await readUn();
    const weak = r.entries.flatMap((e) => (e.aliases ?? []).filter((a) => a.type === 'weak_alias'));
    const good = r.entries.flatMap((e) => (e.aliases ?? []).filter((a) => a.type === 'alias'));
    expect(weak.length).toBeGreaterThan(500);
    expect(good.length).toBeGreaterThan(1500);
  });
  it('splits an ALIAS_NAME that lists several spellings separated by semicolons', async () => {
    const r = await readUn();
    const soleymani = r.entries.find((e) => e.id === 'IRi.040');
    const good = (soleymani?.aliases ?? []).filter((a) => a.type === 'alias').map((a) => a.name);
    expect(good).toEqual(expect.arrayContaining(['Ghasim Soleymani', 'Ghasem Sulaymani', 'Ghasem Solaymani']));
    expect(r.entries.flatMap((e) => e.aliases ?? []).filter((a) => a.name.includes(';'))).toEqual([]);
  });
  it('reads documents with their issuing country', async () => {
    const r = await readUn();
    const docs = r.entries.flatMap((e) => e.documents ?? []);
    expect(docs).toContainEqual(expect.objectContaining({ number: 'OB 0243318', country: 'Democratic Republic of the Congo', type: 'Passport' }));
  });
  it('names the line of malformed XML, and loads nothing', async () => {
    const err = await fails('<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n</INDIVIDUALS>', /invalid XML/);
    expect(err.line).toBeGreaterThan(1);
  });
  it('names the element of an individual without a reference number', async () => {
    const err = await fails(
      '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>7</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>',
      /REFERENCE_NUMBER/,
    );
    expect(err.element).toBe('INDIVIDUAL[1] (DATAID 7)');
  });
});

describe('OFAC SDN (real files)', () => {
  it('reads the SDN file with the alt and add files beside it', async () => {
    const r = await readOfac();
    expect(r.format).toBe('ofac-sdn');
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['ofac-sdn-2021-alt.csv', 'ofac-sdn-2021-add.csv']);
    expect(r.entries.length).toBe(8976);
    expect(r.entries.filter((e) => e.kind === 'person').length).toBeGreaterThan(4000);
    const noriega = r.entries.find((e) => e.id === '1572');
    expect(noriega?.name).toBe('Manuel Antonio NORIEGA');
    const aliases = r.entries.reduce((n, e) => n + (e.aliases?.length ?? 0), 0);
    expect(aliases).toBeGreaterThan(11000);
  });
  it('parses birth dates, nationality, gender and passports from the remarks', async () => {
    const r = await readOfac();
    const withDob = r.entries.filter((e) => (e.birthDates?.length ?? 0) > 0);
    expect(withDob.length).toBeGreaterThan(2000);
    expect(withDob.every((e) => e.birthDates?.every((d) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d)))).toBe(true);
    expect(r.entries.some((e) => e.documents?.some((d) => d.number === '1084010' && d.country === 'Egypt'))).toBe(true);
    expect(r.entries.filter((e) => e.gender === 'female').length).toBeGreaterThan(50);
  });
  it('finds alt/add as alt.csv beside sdn.csv', async () => {
    const dir = mkdtempSync(join(tmp, 'ofac-'));
    writeFileSync(join(dir, 'sdn.csv'), '12,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1970."\n');
    writeFileSync(join(dir, 'alt.csv'), '12,1,"aka","DOE, Johnny",-0- \n');
    const r = await importWatchlist(join(dir, 'sdn.csv'));
    expect(r.entries[0]).toMatchObject({ id: '12', name: 'John DOE', birthDates: ['1970-01-01'], aliases: [{ name: 'Johnny DOE', type: 'alias' }] });
  });
  it('names the line of a bad row', async () => {
    const err = await fails('12,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n13,"X","individual"\n', /12 OFAC SDN columns/);
    expect(err.line).toBe(2);
  });
});

describe('FollowTheMoney JSON lines', () => {
  const person = { id: 'NK-abc', schema: 'Person', properties: { name: ['Abdelhak Khiame'], alias: ['عبد الحق الخيام'], weakAlias: ['Abu X'], birthDate: ['1966-05-01'], nationality: ['ma'], gender: ['male'], passportNumber: ['P123456'] } };
  it('reads persons and organisations, skips other schemata, keeps the FtM id', async () => {
    const lines = [person, { id: 'addr-1', schema: 'Address', properties: { full: ['x'] } }, { id: 'org-1', schema: 'Organization', properties: { name: ['ACME'] } }].map((o) => JSON.stringify(o)).join('\n');
    const r = await importWatchlist(Buffer.from(lines));
    expect(r.format).toBe('ftm');
    expect(r.entries.map((e) => e.id)).toEqual(['NK-abc', 'org-1']);
    expect(r.entries[0]).toMatchObject({ name: 'Abdelhak Khiame', birthDates: ['1966-05-01'], nationalities: ['ma'], gender: 'male', documents: [{ number: 'P123456' }] });
    expect(r.entries[0]?.aliases).toContainEqual({ name: 'Abu X', type: 'weak_alias' });
  });
  it('names the line of invalid JSON, and loads nothing', async () => {
    const err = await fails(`${JSON.stringify(person)}\n{"id": "x", "schema": \n`, /invalid JSON/);
    expect(err.line).toBe(2);
  });
});

describe('plain CSV', () => {
  it('reads the people schema and keeps extra columns', async () => {
    const csv = 'name,birth_date,nationality,gender,document,document_country,category\nحموشي,1970-02-03,MA,m,AB123,MA,vip\n';
    const r = await importWatchlist(Buffer.from(csv));
    expect(r.format).toBe('csv');
    expect(r.entries[0]).toMatchObject({ id: 'line-2', name: 'حموشي', birthDates: ['1970-02-03'], gender: 'male', documents: [{ number: 'AB123', country: 'MA' }], extra: { category: 'vip' } });
  });
  it('uses an id column when there is one', () => {
    expect(parsePeopleCsv('id,name\nX1,Omar\n')[0]?.extra.id).toBe('X1');
  });
  it('rejects a CSV without a name column, a row without a name, and a short row, naming the line', async () => {
    expect(() => parsePeopleCsv('full,dob\nA,1\n')).toThrow(/line 1: no "name" column/);
    expect(() => parsePeopleCsv('name,dob\n,1\n')).toThrow(/line 2: empty name/);
    expect(() => parsePeopleCsv('name,dob\nA,1\nB\n')).toThrow(/line 3: expected 2 columns/);
  });
});

describe('format detection and bad input', () => {
  it('rejects an empty file', async () => {
    await fails('', /empty/);
  });
  it('rejects text in a legacy encoding', async () => {
    await fails(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x74, 0xe9, 0x0a]), /not UTF-8/);
  });
  it('reads UTF-16 with a byte-order mark', async () => {
    const r = await importWatchlist(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nOmar\n', 'utf16le')]));
    expect(r.entries[0]?.name).toBe('Omar');
  });
  it('rejects something that is no watchlist', async () => {
    await fails('hello world\n', /unrecognised format/);
    expect(() => detectFormat('<html></html>')).toThrow(/not the UN consolidated list/);
  });
});
