import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness';

// The web app as the server hands it out: compressed copies for browsers that take them, hashed assets kept by the
// browser, the page itself asked again each time, app routes answered with the page.
const dist = join(import.meta.dirname, '..', '..', '..', '..', 'web', 'dist');
const built = existsSync(join(dist, 'index.html'));
if (!built && process.env.TANSIQ_REQUIRE_ALL === '1') throw new Error('web/dist is missing: `npm install` builds the web app (bin/build-web-if-needed.mjs).');

describe.skipIf(!built)('the web application files', () => {
  let env: TestEnv;
  let entry: string;
  beforeAll(async () => {
    env = await createTestEnv();
    entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1] ?? '';
  });
  afterAll(async () => env.close());

  it('sends the brotli copy of a script to a browser that accepts it, and lets the browser keep it', async () => {
    expect(entry).not.toBe('');
    const res = await env.app.inject({ method: 'GET', url: entry, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(readFileSync(join(dist, entry)).length / 2);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await env.app.inject({ method: 'GET', url: entry, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await env.app.inject({ method: 'GET', url: entry, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(readFileSync(join(dist, entry)))).toBe(true);
  });

  it('asks the browser to check the page itself each time (a new build is picked up at once)', async () => {
    for (const url of ['/', '/cases/0b6a3a8e-0000-4000-8000-000000000000']) {
      const res = await env.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
    }
    const root = await env.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'identity' } });
    expect(root.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with a plain 404, not the page', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/assets/index-gone.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
