import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../demo';
import { call, createTestEnv, type Session, type TestEnv } from '../../../test/harness';

let env: TestEnv;
const PASSWORD = 'demo-password-for-tests-1';
beforeAll(async () => {
  env = await createTestEnv();
  await loadDemoData(env.deps, { password: PASSWORD });
});
afterAll(async () => env?.close());

async function as(email: string): Promise<Session> {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'tansiq_session')!;
  return { cookie: `tansiq_session=${cookie.value}`, csrf: res.json().csrfToken, userId: res.json().user.id };
}
const names = async (s: Session, query = '') => ((await call(env, s, 'GET', `/api/notices${query}`)).json().notices as { name: string }[]).map((n) => n.name).sort();

describe('demo notices', () => {
  it('the gallery, the review queue and the approval queue each show what they should, to whom they should', async () => {
    const dgst = await as('officer@dgst.demo');
    expect(await names(dgst)).toEqual(['Dmitri Aleksandrovich Volkov', 'Li Wei', 'Rachid Boukhari Amrani', 'Salma Idrissi']);
    // The diffusion reaches Spain and Germany only.
    expect(await names(await as('officer@policia.demo'))).toContain('Youssef Alaoui Mernissi');
    expect(await names(await as('officer@mps.demo'))).not.toContain('Youssef Alaoui Mernissi');
    expect(await names(await as('reviewer@interpol.demo'), '?scope=review')).toEqual(['Youssef Alaoui Mernissi', 'Zhang Hao']);
    expect(await names(await as('supervisor@policia.demo'), '?scope=approval')).toEqual(['Khalid Benjelloun Fassi']);
  });

  it('a demo Red Notice is found by screening, across scripts', async () => {
    const res = await call(env, await as('officer@dgsn.demo'), 'POST', '/api/screening/match', { name: 'رشيد البخاري العمراني', purpose: 'Demo check at Tanger Med' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().candidates[0]).toMatchObject({ name: 'Rachid Boukhari Amrani', arrestAlert: true, notice: { colour: 'red' } });
  });
});
