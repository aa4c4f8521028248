import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type Session, type BuiltAgency } from '../../../test/harness';
import { buildPartnership, buildWorld, sharedCase, type World } from '../../cases/tests/world';
import { onwardRefusals } from '../onward';

describe('the TLP × handling-code table (unit)', () => {
  const base = { passer: { agencyId: 'es', country: 'ES' }, origin: { agencyId: 'ma' }, disseminationGranted: false, h3Acknowledged: true };
  const foreign = { agencyId: 'de', country: 'DE' };
  const domestic = { agencyId: 'es2', country: 'ES' };
  it.each([
    ['RED', 'H0', domestic, ['tlp_red']],
    ['AMBER+STRICT', 'H0', domestic, ['tlp_amber_strict']],
    ['AMBER', 'H0', foreign, ['tlp_amber_foreign']],
    ['AMBER', 'H0', domestic, []],
    ['GREEN', 'H0', foreign, []],
    ['CLEAR', 'H0', foreign, []],
    ['GREEN', 'H2', foreign, ['h2_needs_permission']],
    ['CLEAR', 'H2', domestic, ['h2_needs_permission']],
    ['AMBER', 'H2', foreign, ['tlp_amber_foreign', 'h2_needs_permission']],
    ['GREEN', 'H1', foreign, []],
  ] as const)('%s with %s to %o → %o', (tlp, code, target, expected) => {
    expect(onwardRefusals({ ...base, tlp, handlingCode: code, target })).toEqual(expected);
  });
  it('the stricter applies: a granted H2 permission does not lift TLP:RED', () => {
    expect(onwardRefusals({ ...base, tlp: 'RED', handlingCode: 'H2', target: domestic, disseminationGranted: true })).toEqual(['tlp_red']);
  });
  it('H3 must be acknowledged by the one passing it on', () => {
    expect(onwardRefusals({ ...base, tlp: 'GREEN', handlingCode: 'H3', target: foreign, h3Acknowledged: false })).toEqual(['h3_not_acknowledged']);
  });
  it('the provider itself is bound only by the partnership', () => {
    expect(onwardRefusals({ ...base, passer: { agencyId: 'ma', country: 'MA' }, tlp: 'AMBER+STRICT', handlingCode: 'H2', target: foreign })).toEqual([]);
  });
});

let env: TestEnv;
let w: World;
let es2: BuiltAgency;
let esLiaison: Session;
let deOfficer2: Session;
let maCase: string;
let esCase: string;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  es2 = await buildAgency(env, { country: 'ES' });
  await buildPartnership(env, w.es, w.de, { framework: 'eu-2023-977' });
  await buildPartnership(env, w.es, es2);
  maCase = await sharedCase(env, w);
  esLiaison = await signIn(env, await buildUser(env, w.es, { roles: ['liaison'] }));
  // Spain's own case with Germany and a domestic Spanish authority.
  esCase = (await call(env, esLiaison, 'POST', '/api/cases', { title: 'Onward: Algeciras follow-up', summary: 'x', crimeAreas: ['migrant-smuggling'] })).json().case.id;
  const es2Officer = await signIn(env, await buildUser(env, es2, { roles: ['officer'] }));
  deOfficer2 = await signIn(env, await buildUser(env, w.de, { roles: ['liaison'] }));
  for (const [agency, s] of [[w.de.id, w.deOfficer.s], [es2.id, es2Officer]] as const) {
    expect((await call(env, esLiaison, 'POST', `/api/cases/${esCase}/invitations`, { agencyId: agency })).statusCode).toBe(201);
    expect((await call(env, s, 'POST', `/api/cases/${esCase}/accept`, {})).statusCode).toBe(200);
  }
});
afterAll(async () => env?.close());

const fromMorocco = async (o: Record<string, unknown>) =>
  (await call(env, w.maLiaison.s, 'POST', `/api/cases/${maCase}/messages`, { subject: 'Skipper identity', body: 'The skipper is known as Abu X.', handlingCode: 'H0', tlp: 'GREEN', sourceReliability: 'B', infoAccuracy: 2, recipients: [{ agencyId: w.es.id }], ...o })).json().message as { id: string };
const passOn = (as: Session, id: string, agencies: string[]) => call(env, as, 'POST', `/api/messages/${id}/pass-on`, { caseId: esCase, recipients: agencies.map((agencyId) => ({ agencyId })) });

describe('passing information on (API)', () => {
  it('GREEN/H0 goes to a foreign partner as a copy that keeps the provider\'s codes; the provider sees where it went', async () => {
    const m = await fromMorocco({ tlp: 'GREEN', sourceReliability: 'A', infoAccuracy: 1 });
    const res = await passOn(esLiaison, m.id, [w.de.id]);
    expect(res.statusCode).toBe(201);
    const copy = (await call(env, w.deOfficer.s, 'GET', `/api/messages/${res.json().id}`)).json().message;
    expect(copy).toMatchObject({ tlp: 'GREEN', handlingCode: 'H0', sourceReliability: 'A', infoAccuracy: 1, originAgencyId: w.ma.id, senderAgencyId: w.es.id });
    const audit = (await call(env, w.maSupervisor.s, 'GET', `/api/audit?action=message.passed_on&objectId=${m.id}`)).json().events;
    expect(audit.length).toBe(1);
    expect(audit[0].actorUserId).toBeNull();
  });

  it('TLP:AMBER never to a foreign partner, but to a domestic authority', async () => {
    const m = await fromMorocco({ tlp: 'AMBER' });
    const foreign = await passOn(esLiaison, m.id, [w.de.id]);
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json().error).toMatchObject({ code: 'onward_refused', details: { refusals: [{ agencyId: w.de.id, reasons: ['tlp_amber_foreign'] }] } });
    expect((await passOn(esLiaison, m.id, [es2.id])).statusCode).toBe(201);
  });

  it('TLP:AMBER+STRICT stays within the recipient agency; TLP:RED goes nowhere', async () => {
    const strict = await fromMorocco({ tlp: 'AMBER+STRICT' });
    expect((await passOn(esLiaison, strict.id, [es2.id])).json().error.details.refusals[0].reasons).toEqual(['tlp_amber_strict']);
    const esSup = await signIn(env, await buildUser(env, w.es, { roles: ['supervisor'] }));
    const esLiaisonId = (await call(env, esLiaison, 'GET', '/api/me')).json().user.id;
    await call(env, esSup, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [esLiaisonId] });
    const red = await fromMorocco({ tlp: 'RED', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }] });
    expect((await passOn(esLiaison, red.id, [es2.id])).json().error.details.refusals[0].reasons).toEqual(['tlp_red']);
  });

  it('H2: refused until the ORIGINAL provider grants it; the one who passed it on cannot grant', async () => {
    const m = await fromMorocco({ handlingCode: 'H2', tlp: 'GREEN' });
    expect((await passOn(esLiaison, m.id, [w.de.id])).json().error.details.refusals[0].reasons).toEqual(['h2_needs_permission']);
    const ask = await call(env, esLiaison, 'POST', `/api/messages/${m.id}/permissions`, { kind: 'disseminate', targetAgencyId: w.de.id, reason: 'Germany holds the boat owner.' });
    expect(ask.statusCode).toBe(201);
    expect((await call(env, esLiaison, 'POST', `/api/permissions/${ask.json().id}/decide`, { decision: 'grant' })).statusCode).toBe(404);
    expect((await call(env, w.deLiaison.s, 'POST', `/api/permissions/${ask.json().id}/decide`, { decision: 'grant' })).statusCode).toBe(404);
    const incoming = (await call(env, w.maLiaison.s, 'GET', '/api/permissions?box=incoming')).json().permissions;
    expect(incoming.find((p: { id: string }) => p.id === ask.json().id)).toMatchObject({ kind: 'disseminate', status: 'pending', abilities: { decide: true } });
    expect((await call(env, w.maLiaison.s, 'POST', `/api/permissions/${ask.json().id}/decide`, { decision: 'grant', note: 'For this case only.' })).statusCode).toBe(200);
    const copy = await passOn(esLiaison, m.id, [w.de.id]);
    expect(copy.statusCode).toBe(201);
    // Germany holds an H2 copy: to pass it further it must ask Morocco (the provider), not Spain.
    const germanAsk = await call(env, deOfficer2, 'POST', `/api/messages/${copy.json().id}/permissions`, { kind: 'judicial', reason: 'Use in the Hamburg trial.' });
    expect(germanAsk.statusCode).toBe(201);
    const spainIncoming = (await call(env, esLiaison, 'GET', '/api/permissions?box=incoming')).json().permissions as { id: string }[];
    expect(spainIncoming.some((p) => p.id === germanAsk.json().id)).toBe(false);
    const moroccoIncoming = (await call(env, w.maLiaison.s, 'GET', '/api/permissions?box=incoming')).json().permissions as { id: string; originAgencyId: string }[];
    expect(moroccoIncoming.find((p) => p.id === germanAsk.json().id)?.originAgencyId).toBe(w.ma.id);
  });

  it('H3: the restriction must be acknowledged before passing it on', async () => {
    const m = await fromMorocco({ handlingCode: 'H3', handlingText: 'Not to the press.' });
    expect((await passOn(esLiaison, m.id, [w.de.id])).statusCode).toBe(404);
    await call(env, esLiaison, 'POST', `/api/messages/${m.id}/acknowledge-h3`);
    const copy = await passOn(esLiaison, m.id, [w.de.id]);
    expect(copy.statusCode).toBe(201);
    const seen = (await call(env, w.deOfficer.s, 'GET', `/api/messages/${copy.json().id}`)).json().message;
    expect(seen.body).toBeNull();
    expect(seen.handlingText).toBe('Not to the press.');
  });

  it('attackers: outsiders, officers without the liaison right, anonymous and CSRF-less callers', async () => {
    const m = await fromMorocco({});
    expect((await passOn(w.deLiaison.s, m.id, [w.de.id])).statusCode).toBe(404);
    expect((await passOn(w.esOfficer.s, m.id, [w.de.id])).statusCode).toBe(404);
    expect((await passOn(w.platformAdmin.s, m.id, [w.de.id])).statusCode).toBe(404);
    expect((await call(env, null, 'POST', `/api/messages/${m.id}/pass-on`, { caseId: esCase, recipients: [{ agencyId: w.de.id }] })).statusCode).toBe(401);
    expect((await call(env, esLiaison, 'POST', `/api/messages/${m.id}/pass-on`, { caseId: esCase, recipients: [{ agencyId: w.de.id }] }, { csrf: false })).statusCode).toBe(403);
    expect((await call(env, w.deOfficer.s, 'POST', `/api/messages/${m.id}/permissions`, { kind: 'judicial', reason: 'curious' })).statusCode).toBe(404);
    expect((await call(env, w.platformAdmin.s, 'GET', '/api/permissions')).statusCode).toBe(404);
    // No partnership between the passer and the target: refused whatever the marking.
    const noPartner = await buildAgency(env, { country: 'FR' });
    expect((await call(env, esLiaison, 'POST', `/api/messages/${m.id}/pass-on`, { caseId: esCase, recipients: [{ agencyId: noPartner.id }] })).statusCode).toBe(400);
  });
});

describe('onward options (what the pass-on page shows)', () => {
  const options = (as: Session, id: string, c = esCase) => call(env, as, 'GET', `/api/messages/${id}/onward-options?caseId=${c}`);
  it('names each agency of the case with the rule\'s reasons, the partnership and the permission state', async () => {
    const m = await fromMorocco({ handlingCode: 'H2', tlp: 'AMBER' });
    const before = (await options(esLiaison, m.id)).json().targets as { agencyId: string; reasons: string[]; partnership: boolean; permission: string | null }[];
    expect(before.find((x) => x.agencyId === w.de.id)).toMatchObject({ partnership: true, reasons: ['tlp_amber_foreign', 'h2_needs_permission'], permission: null });
    expect(before.find((x) => x.agencyId === es2.id)).toMatchObject({ partnership: true, reasons: ['h2_needs_permission'], permission: null });
    expect(before.some((x) => x.agencyId === w.es.id)).toBe(false);
    const ask = await call(env, esLiaison, 'POST', `/api/messages/${m.id}/permissions`, { kind: 'disseminate', targetAgencyId: es2.id, reason: 'The port authority holds the crew list.' });
    expect((await options(esLiaison, m.id)).json().targets.find((x: { agencyId: string }) => x.agencyId === es2.id).permission).toBe('pending');
    await call(env, w.maLiaison.s, 'POST', `/api/permissions/${ask.json().id}/decide`, { decision: 'grant' });
    expect((await options(esLiaison, m.id)).json().targets.find((x: { agencyId: string }) => x.agencyId === es2.id)).toMatchObject({ reasons: [], permission: 'granted' });
  });

  it('as an attacker: 401, 404 for who may not pass it on or does not see the case', async () => {
    const m = await fromMorocco({});
    expect((await options(esLiaison, m.id)).statusCode).toBe(200);
    expect((await call(env, null, 'GET', `/api/messages/${m.id}/onward-options?caseId=${esCase}`)).statusCode).toBe(401);
    for (const s of [w.deLiaison.s, w.esOfficer.s, w.platformAdmin.s, w.esAdmin.s]) expect((await options(s, m.id)).statusCode).toBe(404);
    // A case the passer does not see.
    const hidden = (await call(env, w.deLiaison.s, 'POST', '/api/cases', { title: 'German only', summary: 'x', crimeAreas: ['cybercrime'] })).json().case.id as string;
    expect((await options(esLiaison, m.id, hidden)).statusCode).toBe(404);
  });
});
