import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type IncomingMessage } from 'node:http';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type Session } from '../../test/harness';

let env: TestEnv;
let base: string;
let home: BuiltAgency;
let foreign: BuiltAgency;
beforeAll(async () => {
  env = await createTestEnv();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = env.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  await env.db.live.ready();
  home = await buildAgency(env);
  foreign = await buildAgency(env);
});
afterAll(async () => env?.close());

interface Stream { res: IncomingMessage; text: () => string; wait: (re: RegExp) => Promise<string>; close: () => void }

function openStream(s: Session | null): Promise<Stream> {
  return new Promise((ok, fail) => {
    const req = request(`${base}/api/events`, { headers: s ? { cookie: s.cookie } : {} }, (res) => {
      let buf = '';
      const waiters: { re: RegExp; done: (v: string) => void }[] = [];
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        for (const w of [...waiters]) if (w.re.test(buf)) { waiters.splice(waiters.indexOf(w), 1); w.done(buf); }
      });
      ok({
        res,
        text: () => buf,
        wait: (re) => new Promise((done, bad) => {
          if (re.test(buf)) return done(buf);
          const t = setTimeout(() => bad(new Error(`no ${re} in stream: ${buf}`)), 15_000);
          waiters.push({ re, done: (v) => { clearTimeout(t); done(v); } });
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', fail);
    req.end();
  });
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('live events (server-sent)', () => {
  it('announces a new notification by id only, to its recipient only', async () => {
    const admin = await buildUser(env, home, { roles: ['agency-admin'] });
    const target = await buildUser(env, home, { totp: true });
    const foreignAdmin = await buildUser(env, foreign, { roles: ['agency-admin'] });
    const sa = await signIn(env, admin);
    const so = await signIn(env, await buildUser(env, home, { roles: ['agency-admin'] }));
    const sf = await signIn(env, foreignAdmin);
    const mine = await openStream(sa);
    const foreignStream = await openStream(sf);
    expect(mine.res.headers['content-type']).toContain('text/event-stream');
    await mine.wait(/connected/);
    expect((await call(env, so, 'POST', `/api/users/${target.id}/reset`, { kind: 'totp' })).statusCode).toBe(200);
    const text = await mine.wait(/event: notification/);
    const data = JSON.parse(/data: (.*)\n/.exec(text.slice(text.indexOf('event: notification')))![1]!) as { id: string; topic: string };
    expect(Object.keys(data).sort()).toEqual(['id', 'topic']);
    const notes = (await call(env, sa, 'GET', '/api/notifications')).json().notifications as { id: string }[];
    expect(notes.map((n) => n.id)).toContain(data.id);
    await settle();
    expect(foreignStream.text()).not.toContain('event: notification');
    expect(mine.text()).not.toMatch(/totp|payload/);
    mine.close();
    foreignStream.close();
  });

  it('closes the stream when the session ends', async () => {
    const u = await buildUser(env, home);
    const s = await signIn(env, u);
    const st = await openStream(s);
    await st.wait(/connected/);
    const ended = new Promise((r) => st.res.on('end', r));
    expect((await call(env, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    await ended;
  });

  it('attackers: no session, no stream', async () => {
    const st = await openStream(null);
    expect(st.res.statusCode).toBe(401);
    st.close();
    const forged = await openStream({ cookie: 'tansiq_session=forged', csrf: '', userId: '' });
    expect(forged.res.statusCode).toBe(401);
    forged.close();
  });
});
