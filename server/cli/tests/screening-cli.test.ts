import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_DB } from '../../test/harness';
import { unSample } from '../../modules/watchlists/tests/fixtures';

const BIN = resolve(import.meta.dirname, '../../../bin/tansiq.mjs');
let dir: string;
let env: NodeJS.ProcessEnv;
const f = (name: string, body: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tansiq-cli-screening-'));
  env = { ...process.env, TANSIQ_DATA_DIR: join(dir, 'data'), TANSIQ_AUDIT_KEY_FILE: join(dir, 'keys', 'audit.pem'), TANSIQ_MASTER_KEY_FILE: join(dir, 'keys', 'master.key'), TANSIQ_FAST_HASHING: 'true', DATABASE_URL: '' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

// Offline commands need no database; the import runs against the embedded one (the API tests cover PostgreSQL).
describe.runIf(TEST_DB === 'pglite')('tansiq match / compare / watchlist import', { timeout: 240_000 }, () => {
  it('match: one JSON line per query in input order, Arabic finding the Latin entry; progress on stderr', () => {
    const un = f('un.xml', unSample(['IQi.001', 'CDi.001'], { dropOriginalScript: true }));
    const local = f('local.csv', 'id,name\nL1,Eric Badege\n');
    const r = run(['match', '--watchlist', un, '--watchlist', local, '--queries', '-', '--top', '3'], 'name,birth_date,seat\nصدام حسين التكريتي,,1A\nNobody Atall,,2B\nERIC BADEGE,,3C\n');
    expect(r.status, r.err).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { query: { name: string; seat: string }; candidates: { id: string; name: string; score: number; explanation: { code: string }[] }[] });
    expect(lines.map((l) => l.query.seat)).toEqual(['1A', '2B', '3C']);
    expect(lines[0]!.candidates[0]).toMatchObject({ id: 'IQi.001' });
    expect(lines[0]!.candidates[0]!.explanation.map((e) => e.code)).toContain('token_match');
    expect(lines[2]!.candidates.map((c) => c.id).sort()).toEqual(['CDi.001', 'L1']);
    expect(r.err).toMatch(/screened 3 queries/);
  });

  it('match and compare: bad input gives one clear line and status 1', () => {
    const un = f('un2.xml', unSample(['CDi.001']));
    const cases: [string[], string | undefined, RegExp][] = [
      [['match', '--watchlist', un, '--queries', f('noname.csv', 'full_name\nA\n')], undefined, /line 1: no "name" column/],
      [['match', '--watchlist', un, '--queries', f('latin1.csv', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4a, 0xe9, 0x72, 0x0a]))], undefined, /line 2: the file is not UTF-8/],
      [['match', '--watchlist', join(dir, 'missing.xml'), '--queries', '-'], 'name\nA\n', /Cannot read the watchlist .*no such file/],
    ];
    for (const [args, input, msg] of cases) {
      const r = run(args, input);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('compare: one JSON line per pair with the score and its explanation; a header without name1/name2 is refused', () => {
    expect(run(['compare', '--pairs', '-'], 'a,b\nx,y\n').err).toMatch(/name1 and name2/);
    const r = run(['compare', '--pairs', '-'], 'name1,name2,birth_date1,birth_date2\nحموشي,Hammouchi,,\nMohamed Cherkaoui,Li Wei,1970,1980\n');
    expect(r.status, r.err).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { row: number; score: number; explanation: { code: string }[] });
    expect(rows.map((x) => x.row)).toEqual([1, 2]);
    expect(rows[0]!.score).toBeGreaterThan(0.85);
    expect(rows[1]!.score).toBeLessThan(0.5);
    expect(rows[1]!.explanation.map((e) => e.code)).toContain('birth_date_mismatch');
  });

  it('watchlist import: an agency list, then a new version; a malformed file loads nothing', () => {
    expect(run(['create-agency', '--code', 'dgsn', '--name', 'DGSN', '--country', 'MA', '--type', 'police']).status).toBe(0);
    const a = run(['watchlist', 'import', f('v1.csv', 'id,name\n1,Karim Benali\n2,Omar Tazi\n'), '--name', 'Local', '--agency', 'dgsn']);
    expect(a.status, a.err).toBe(0);
    expect(a.out).toMatch(/version 1 \(csv\): 2 entries, 2 added, 0 removed, 0 changed/);
    const b = run(['watchlist', 'import', f('v2.csv', 'id,name\n1,Karim Ben Ali\n3,Samir Ouali\n'), '--name', 'Local', '--agency', 'dgsn']);
    expect(b.out).toMatch(/version 2 \(csv\): 2 entries, 1 added, 1 removed, 1 changed/);
    const bad = run(['watchlist', 'import', f('bad.csv', 'id,name\n1,Ok\n2,\n'), '--name', 'Local', '--agency', 'dgsn']);
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/line 3: empty name.*|nothing was loaded/);
    expect(run(['watchlist', 'import', f('v4.csv', 'id,name\n1,A\n'), '--name', 'Local']).err).toMatch(/--agency CODE .* or --global/);
  });
});
