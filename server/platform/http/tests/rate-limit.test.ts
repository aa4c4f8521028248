import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, call, createTestEnv, signIn, type TestEnv } from '../../../test/harness';

// An agency's staff often reach Tansiq through one proxy address: the global limit counts per signed-in user, and per
// address only for anonymous callers.
describe('the global rate limit', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ rateLimitPerMinute: 8 });
  });
  afterAll(async () => env.close());

  it('gives each signed-in user of one address a budget of their own, and holds an anonymous flood per address', async () => {
    const agency = await buildAgency(env);
    const alice = await signIn(env, await buildUser(env, agency));
    const bob = await signIn(env, await buildUser(env, agency));
    const statuses = async (as: typeof alice | null, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await call(env, as, 'GET', '/api/me')).statusCode);
      return out;
    };
    const a = await statuses(alice, 10);
    expect(a.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(a.at(-1)).toBe(429);
    // Bob, from the same address, still has his own budget.
    expect((await statuses(bob, 3)).every((s) => s === 200)).toBe(true);
    // Anonymous calls from that address are counted on their own key and stopped too.
    const anon = await statuses(null, 12);
    expect(anon.at(-1)).toBe(429);
    const limited = await call(env, null, 'GET', '/api/me');
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
