import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, signInDemo, type Session, type TestEnv } from '../../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createDemoEnv();
});
afterAll(async () => env?.close());

const as = (email: string): Promise<Session> => signInDemo(env, email);
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

  it('one demo notice carries a synthetic photo (a drawn silhouette), served as a PNG to its readers', async () => {
    const dgst = await as('officer@dgst.demo');
    const list = (await call(env, dgst, 'GET', '/api/notices')).json().notices as { id: string; name: string; photo: { contentType: string } | null }[];
    const withPhoto = list.filter((n) => n.photo);
    expect(withPhoto.map((n) => n.name)).toEqual(['Rachid Boukhari Amrani']);
    const res = await call(env, dgst, 'GET', `/api/notices/${withPhoto[0]!.id}/photo`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
