import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_DB } from '../../test/harness';

const BIN = resolve(import.meta.dirname, '../../../bin/tansiq.mjs');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tansiq-cli-'));
  env = { ...process.env, TANSIQ_DATA_DIR: join(dir, 'data'), TANSIQ_AUDIT_KEY_FILE: join(dir, 'keys', 'audit.pem'), TANSIQ_MASTER_KEY_FILE: join(dir, 'keys', 'master.key'), TANSIQ_FAST_HASHING: 'true', DATABASE_URL: '' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

// The CLI runs against the embedded database; the PostgreSQL half of the suite covers the same code paths via the API.
describe.runIf(TEST_DB === 'pglite')('tansiq CLI', { timeout: 180_000 }, () => {
  it('--help lists every command', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['serve', 'migrate', 'create-agency', 'create-user', 'enrol-link', 'demo-data', 'audit']) expect(r.out).toContain(c);
    const a = run(['audit', '--help']);
    expect(a.out).toContain('verify');
    expect(a.out).toContain('checkpoint');
    for (const c of ['create-agency', 'create-user', 'enrol-link']) expect(run([c, '--help']).status).toBe(0);
  });

  it('creates an agency, a user (password on stdin), an enrolment link; then audit checkpoint and verify pass', () => {
    expect(run(['migrate']).status).toBe(0);
    const a = run(['create-agency', '--code', 'gdf', '--name', 'Guardia di Finanza', '--country', 'IT', '--type', 'customs', '--languages', 'it,en']);
    expect(a.err).toBe('');
    expect(a.status).toBe(0);
    const u = run(['create-user', '--agency', 'gdf', '--email', 'ops@gdf.example', '--name', 'Ops', '--roles', 'agency-admin'], 'a long enough passphrase\n');
    expect(u.status).toBe(0);
    const l = run(['enrol-link', '--agency', 'gdf', '--email', 'chief@gdf.example']);
    expect(l.out).toMatch(/\/enrol\/enr_/);
    expect(run(['audit', 'checkpoint']).out).toMatch(/Signed/);
    const v = run(['audit', 'verify']);
    expect(v.status).toBe(0);
    expect(v.out).toMatch(/intact/);
  });

  it('bad input: a clear message and a non-zero status', () => {
    const bad = run(['create-agency', '--code', 'X Y', '--name', 'n', '--country', 'Italy', '--type', 'army']);
    expect(bad.status).not.toBe(0);
    expect(bad.err).toMatch(/--code|--country|--type/);
    const weak = run(['create-user', '--agency', 'gdf', '--email', 'w@gdf.example', '--name', 'W', '--roles', 'officer'], 'password\n');
    expect(weak.status).toBe(1);
    expect(weak.err).toMatch(/password/i);
    const role = run(['create-user', '--agency', 'gdf', '--email', 'w@gdf.example', '--name', 'W', '--roles', 'general'], 'x');
    expect(role.status).not.toBe(0);
    expect(role.err).toMatch(/Unknown role/);
    const agency = run(['enrol-link', '--agency', 'nope', '--email', 'a@b.example']);
    expect(agency.status).toBe(1);
    expect(agency.err).toMatch(/No agency/);
    const missing = run(['create-user', '--agency', 'gdf']);
    expect(missing.status).not.toBe(0);
    expect(missing.err).toMatch(/required option/);
    expect(run(['frobnicate']).status).not.toBe(0);
  });

  it('refuses to touch a data directory a running server holds', async () => {
    const server = spawn(process.execPath, [BIN, 'serve'], { env: { ...env, PORT: '0', TANSIQ_DEMO_PASSWORD: 'demo passphrase long' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new Error('server did not start')), 60_000);
        server.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('Tansiq is running')) {
            clearTimeout(t);
            ok();
          }
        });
        server.on('exit', () => fail(new Error('server exited')));
      });
      const r = run(['audit', 'verify']);
      expect(r.status).toBe(1);
      expect(r.err).toMatch(/in use by another Tansiq process/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((ok) => server.once('exit', ok));
    }
    // Once the server is gone the directory is free again, and the demo data it loaded is audited intact.
    expect(run(['audit', 'verify']).status).toBe(0);
  });
});
