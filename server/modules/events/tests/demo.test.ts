import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD_CUP_2030 } from '../../../demo/events-fixture';
import { call, createDemoEnv, signInDemo, type Session, type TestEnv } from '../../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createDemoEnv();
});
afterAll(async () => env?.close());

const as = (email: string): Promise<Session> => signInDemo(env, email);
const names = async (email: string) => ((await call(env, await as(email), 'GET', '/api/major-events')).json().events as { name: string; myRole: string }[]).map((e) => `${e.name}:${e.myRole}`);

describe('demo major events', () => {
  it('the committees of the fixture: each agency sees its events with its seat, others nothing', async () => {
    expect(await names('supervisor@dgsn.demo')).toEqual(['93rd INTERPOL General Assembly:chair', 'FIFA World Cup 2030:chair']);
    expect(await names('officer@policia.demo')).toEqual(['93rd INTERPOL General Assembly:observer', 'FIFA World Cup 2030:member']);
    expect(await names('officer@mps.demo')).toEqual(['93rd INTERPOL General Assembly:observer']);
    expect(await names('officer@anticorruption.demo')).toEqual([]);
    expect(await names('platform@tansiq.demo')).toEqual([]);
  });

  it('the World Cup has its twenty venues in three countries, inside the host countries’ bounds', async () => {
    const s = await as('officer@policia.demo');
    const id = (await call(env, s, 'GET', '/api/major-events')).json().events.find((e: { name: string }) => e.name === 'FIFA World Cup 2030').id;
    const e = (await call(env, s, 'GET', `/api/major-events/${id}`)).json().event;
    expect(e.venues).toHaveLength(WORLD_CUP_2030.venues.length);
    expect(new Set(e.venues.map((v: { country: string }) => v.country))).toEqual(new Set(['MA', 'ES', 'PT']));
    for (const v of e.venues as { lat: number; lon: number; name: string }[]) {
      // Morocco, Iberia and the Canary Islands: a coordinate typo would fall outside.
      expect(v.lat, v.name).toBeGreaterThan(27.5);
      expect(v.lat, v.name).toBeLessThan(44);
      expect(v.lon, v.name).toBeGreaterThan(-16);
      expect(v.lon, v.name).toBeLessThan(3.5);
    }
  });

  it('the General Assembly’s board shows its incidents to an observer', async () => {
    const s = await as('officer@mps.demo');
    const id = (await call(env, s, 'GET', '/api/major-events')).json().events[0].id;
    const b = (await call(env, s, 'GET', `/api/major-events/${id}/board`)).json().board;
    expect(b.incidents).toHaveLength(4);
    expect(b.byCategory.find((c: { category: string }) => c.category === 'cyber-attack').count).toBe(1);
  });
});
