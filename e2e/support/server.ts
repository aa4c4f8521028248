import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'E2e-Demo-Password-2026';

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
  output: () => string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`tansiq serve exited with ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`tansiq serve was not healthy within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Builds the web app when stale, then starts `tansiq serve` on a free port with a fresh data folder and demo data:
 * on the embedded database by default, or on `databaseUrl` (a fresh, empty PostgreSQL database: the demo data is loaded
 * into it first with `tansiq demo-data`, as an operator would).
 */
export async function startServer(opts: { databaseUrl?: string } = {}): Promise<RunningServer> {
  const build = spawnSync(process.execPath, [join(ROOT, 'bin/build-web-if-needed.mjs')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) throw new Error('building the web application failed');

  const dir = mkdtempSync(join(tmpdir(), 'tansiq-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TANSIQ_DATA_DIR: join(dir, 'data'),
    TANSIQ_DEMO_PASSWORD: DEMO_PASSWORD,
    TANSIQ_PUBLIC_URL: `http://127.0.0.1:${port}`,
    TANSIQ_FAST_HASHING: 'true',
    // Every simulated officer signs in from 127.0.0.1: the per-address sign-in limit would be a shared office's.
    TANSIQ_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
    DATABASE_URL: opts.databaseUrl ?? '',
  };
  if (opts.databaseUrl) {
    // A server database needs its keys made beforehand, as an operator does (see the README): no demo keys.
    const keys = join(dir, 'keys');
    mkdirSync(keys, { mode: 0o700 });
    writeFileSync(join(keys, 'master.key'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    writeFileSync(join(keys, 'audit.pem'), generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    Object.assign(env, { TANSIQ_MASTER_KEY_FILE: join(keys, 'master.key'), TANSIQ_AUDIT_KEY_FILE: join(keys, 'audit.pem') });
    const demo = spawnSync(process.execPath, [join(ROOT, 'bin/tansiq.mjs'), 'demo-data'], { cwd: ROOT, env, encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`tansiq demo-data failed on PostgreSQL:\n${demo.stdout}${demo.stderr}`);
  }
  let out = '';
  const child = spawn(process.execPath, [join(ROOT, 'bin/tansiq.mjs'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, child, () => out, 120_000);

  return {
    baseUrl,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
