import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDigit } from '../../../../common/mrz/checkDigit';
import { call, createTestEnv, type TestEnv } from '../../../test/harness';
import { upload, waitJob } from '../../watchlists/tests/fixtures';
import { buildNoticeWorld, type NoticeWorld } from '../../notices/tests/world';

let env: TestEnv;
let w: NoticeWorld;
const PURPOSE = 'Passenger list, ferry Algeciras – Tanger Med';

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildNoticeWorld(env);
});
afterAll(async () => env?.close());

describe('screening covers the registered stolen and lost documents in the same pass', () => {
  it('a passenger travelling on a passport Spain registered as stolen raises a hit that Spain sees once confirmed', async () => {
    const reg = await call(env, w.esSupervisor.s, 'POST', '/api/documents', { number: 'PAF998877', type: 'passport', lossType: 'stolen', lossDate: '2026-09-01' });
    expect(reg.statusCode, reg.body).toBe(201);

    const single = await call(env, w.maOfficer.s, 'POST', '/api/screening/match', { name: 'Juan Pérez Gómez', document: 'PAF998877', documentCountry: 'ES', purpose: PURPOSE });
    expect(single.statusCode, single.body).toBe(200);
    expect(single.json().candidates[0]).toMatchObject({ alert: true, kind: 'document', document: { number: 'PAF998877', issuingState: 'ESP', lossType: 'stolen', agency: { id: w.es.id } } });

    const list = 'name,birth_date,document_number,document_country\nAna Ruiz Martín,1990-05-05,PAF112233,ESP\nJuan Pérez Gómez,1985-01-01,PAF998877,ESP\n';
    const res = await upload(env, w.maOfficer.s, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, list, { contentType: 'text/csv' });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json().batch.id as string;
    expect((await waitJob(env, w.maOfficer.s, job)).state).toBe('succeeded');
    const rows = (await call(env, w.maOfficer.s, 'GET', `/api/screening/batches/${job}/results`)).json().rows;
    expect(rows[0]).toMatchObject({ row: 2, alert: true });
    const c = rows[0].candidates[0];
    expect(c).toMatchObject({ kind: 'document', document: { lossType: 'stolen' } });

    // Spain sees nothing while the hit is open; the screening officer confirms it; then Spain sees it, without the record.
    expect((await call(env, w.esLiaison.s, 'GET', `/api/hits/${c.hitId}`)).statusCode).toBe(404);
    const dec = await call(env, w.maOfficer.s, 'POST', `/api/hits/${c.hitId}/decision`, { decision: 'confirm', reason: 'Document seized at the check.', location: 'Tanger Med' });
    expect(dec.statusCode, dec.body).toBe(200);
    expect(dec.json().hit).toMatchObject({ source: 'document', document: { number: 'PAF998877', registeringAgency: { id: w.es.id } } });
    const seen = (await call(env, w.esLiaison.s, 'GET', '/api/hits?scope=on-our-notices&source=document')).json();
    expect(seen.hits.map((h: { id: string }) => h.id)).toEqual([c.hitId]);
    expect(seen.hits[0].query).toBeNull();
    // Another agency does not see it.
    expect((await call(env, w.deLiaison.s, 'GET', `/api/hits/${c.hitId}`)).statusCode).toBe(404);
  });

  it('an MRZ check records the stolen document and the alerts on its holder as hits of the officer', async () => {
    await call(env, w.esSupervisor.s, 'POST', '/api/documents', { number: 'PAF554433', type: 'passport', lossType: 'stolen', lossDate: '2026-09-02' });
    // A TD3 zone (passport) written with its own check digits.
    const num = 'PAF554433';
    const birth = '850101';
    const expiry = '320101';
    const personal = '<<<<<<<<<<<<<<';
    const l2head = `${num}${checkDigit(num)}ESP${birth}${checkDigit(birth)}M${expiry}${checkDigit(expiry)}${personal}${checkDigit(personal)}`;
    const composite = checkDigit(`${num}${checkDigit(num)}${birth}${checkDigit(birth)}${expiry}${checkDigit(expiry)}${personal}${checkDigit(personal)}`);
    const line1 = 'P<ESPPEREZ<GOMEZ<<JUAN'.padEnd(44, '<');
    const res = await call(env, w.maOfficer.s, 'POST', '/api/documents/check-mrz', { mrz: `${line1}\n${l2head}${composite}`, purpose: PURPOSE });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document.hit).toBe(true);
    const hits = (await call(env, w.maOfficer.s, 'GET', '/api/hits?source=document')).json().hits as { origin: string; document: { number: string } }[];
    expect(hits.some((h) => h.origin === 'document-check' && h.document.number === 'PAF554433')).toBe(true);
  });
});
