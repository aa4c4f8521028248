import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type Session } from '../../../test/harness';
import { withActor } from '../../../platform/db';
import { buildPartnership, buildWorld, sharedCase, type World } from '../../cases/tests/world';
import { dueAt, isOverdue } from '../deadlines';

let env: TestEnv;
let w: World;
let caseId: string;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env);
  caseId = await sharedCase(env, w);
});
afterAll(async () => env?.close());

const base = { subject: 'Boat seen at Cala Tramontana', body: 'The **go-fast** boat left at 02:10 with twelve people.', handlingCode: 'H0', tlp: 'AMBER', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal' };
const send = (as: Session, o: Record<string, unknown> = {}, c = caseId) => call(env, as, 'POST', `/api/cases/${c}/messages`, { ...base, recipients: [{ agencyId: w.es.id }], ...o });

describe('sending and reading', () => {
  it('a liaison officer sends a request; the partner reads it; the sender sees the receipt per agency, never the reader', async () => {
    const res = await send(w.maLiaison.s, { isRequest: true, priority: 'urgent', purpose: 'Identify the skipper' });
    expect(res.statusCode).toBe(201);
    const m = res.json().message;
    expect(m.receipts).toHaveLength(1);
    expect(m.receipts[0]).toMatchObject({ agencyId: w.es.id, requestState: 'sent', readAt: null, framework: 'bilateral' });
    expect(new Date(m.receipts[0].dueAt).getTime() - new Date(m.createdAt).getTime()).toBe(24 * 3600_000);
    const inbox = (await call(env, w.esOfficer.s, 'GET', '/api/messages?box=inbox')).json().messages as { id: string; unread: boolean }[];
    expect(inbox.find((x) => x.id === m.id)?.unread).toBe(true);
    const read = (await call(env, w.esOfficer.s, 'GET', `/api/messages/${m.id}`)).json().message;
    expect(read.body).toContain('go-fast');
    expect(read.senderName).toBeNull();
    const seen = (await call(env, w.maLiaison.s, 'GET', `/api/messages/${m.id}`)).json().message;
    expect(seen.receipts[0].readAt).not.toBeNull();
    expect(JSON.stringify(seen)).not.toContain(w.esOfficer.user.email);
    expect(JSON.stringify(seen)).not.toContain(w.esOfficer.user.id);
  });

  it("the send's response, built without reading the message again, is what its sender reads afterwards", async () => {
    // Two recipient agencies (one addressed at its desk), a request with deadlines from two partnerships.
    const twoWay = await sharedCase(env, w);
    const fr = await buildAgency(env, { country: 'FR' });
    const frLiaison = await signIn(env, await buildUser(env, fr, { roles: ['liaison'] }));
    await buildPartnership(env, fr, w.ma, { normalHours: 72 });
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${twoWay}/invitations`, { agencyId: fr.id })).statusCode).toBe(201);
    expect((await call(env, frLiaison, 'POST', `/api/cases/${twoWay}/accept`, {})).statusCode).toBe(200);
    const res = await send(w.maLiaison.s, { isRequest: true, purpose: 'Identify the skipper', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }, { agencyId: fr.id }] }, twoWay);
    expect(res.statusCode).toBe(201);
    const sent = res.json().message;
    expect(sent.receipts.map((r: { agencyId: string }) => r.agencyId).sort()).toEqual([w.es.id, fr.id].sort());
    const due = (a: string) => new Date(sent.receipts.find((r: { agencyId: string }) => r.agencyId === a).dueAt).getTime() - new Date(sent.createdAt).getTime();
    expect([due(w.es.id), due(fr.id)]).toEqual([240 * 3600_000, 72 * 3600_000]);
    const again = (await call(env, w.maLiaison.s, 'GET', `/api/messages/${sent.id}`)).json().message;
    expect(sent).toEqual(again);
  });

  it('every read is audited, and the providing agency sees the foreign read per agency only', async () => {
    const m = (await send(w.maLiaison.s)).json().message;
    await call(env, w.esOfficer2.s, 'GET', `/api/messages/${m.id}`);
    const rows = (await sql<{ actor_agency_id: string; subject_agency_id: string }>`SELECT actor_agency_id::text, subject_agency_id::text FROM audit_events WHERE action = 'message.read' AND object_id = ${m.id}`.execute(env.db.unsafeOwner)).rows;
    expect(rows).toContainEqual({ actor_agency_id: w.es.id, subject_agency_id: w.ma.id });
    const sup = (await call(env, w.maSupervisor.s, 'GET', `/api/audit?action=message.read&objectId=${m.id}`)).json().events as { actorUserId: string | null; actorAgencyId: string }[];
    expect(sup.length).toBeGreaterThan(0);
    const foreign = sup.filter((e) => e.actorAgencyId !== w.ma.id);
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((e) => e.actorUserId === null && e.actorAgencyId === w.es.id)).toBe(true);
  });

  it('a reply answers the open request and threads under it', async () => {
    const req = (await send(w.maLiaison.s, { isRequest: true })).json().message;
    const reply = await send(w.esOfficer.s, { subject: 'Re: boat', body: 'Skipper identified.', recipients: [{ agencyId: w.ma.id }], parentId: req.id });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().message.parentId).toBe(req.id);
    const after = (await call(env, w.maLiaison.s, 'GET', `/api/messages/${req.id}`)).json().message;
    expect(after.receipts[0].requestState).toBe('answered');
  });

  it('full-text search with stemming finds within what the user may see', async () => {
    await send(w.maLiaison.s, { subject: 'Embarcaciones interceptadas', body: 'Las embarcaciones salieron de la costa.' });
    await send(w.maLiaison.s, { subject: 'تهريب المهاجرين', body: 'شبكة تهريب المهاجرين في طنجة' });
    const es = (await call(env, w.esOfficer.s, 'GET', `/api/messages?box=all&q=${encodeURIComponent('embarcación')}`)).json().messages as { subject: string }[];
    expect(es.some((m) => m.subject === 'Embarcaciones interceptadas')).toBe(true);
    const ar = (await call(env, w.esOfficer.s, 'GET', `/api/messages?box=all&q=${encodeURIComponent('طنجة')}`)).json().messages as { subject: string }[];
    expect(ar.some((m) => m.subject === 'تهريب المهاجرين')).toBe(true);
    const outsider = (await call(env, w.deOfficer.s, 'GET', `/api/messages?box=all&q=${encodeURIComponent('طنجة')}`)).json().messages;
    expect(outsider).toEqual([]);
  });
});

describe('handling codes and markings', () => {
  it('H3: the restriction text must be acknowledged by each reader before the content shows', async () => {
    const m = (await send(w.maLiaison.s, { handlingCode: 'H3', handlingText: 'Do not contact the harbour master.' })).json().message;
    const first = (await call(env, w.esOfficer.s, 'GET', `/api/messages/${m.id}`)).json().message;
    expect(first.body).toBeNull();
    expect(first.handlingText).toBe('Do not contact the harbour master.');
    expect(first.abilities.acknowledgeH3).toBe(true);
    const acked = (await call(env, w.esOfficer.s, 'POST', `/api/messages/${m.id}/acknowledge-h3`)).json().message;
    expect(acked.body).toContain('go-fast');
    expect((await call(env, w.esOfficer2.s, 'GET', `/api/messages/${m.id}`)).json().message.body).toBeNull();
    expect((await send(w.maLiaison.s, { handlingCode: 'H3' })).statusCode).toBe(400);
  });

  it('TLP:RED reaches only the readers its desk supervisor named beforehand, fixed at send', async () => {
    const esSup = await signIn(env, await buildUser(env, w.es, { roles: ['supervisor'] }));
    const refused = await send(w.maLiaison.s, { tlp: 'RED', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/RED readers/);
    const set = await call(env, esSup, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [w.esOfficer.user.id] });
    expect(set.statusCode).toBe(200);
    const m = (await send(w.maLiaison.s, { tlp: 'RED', recipients: [{ agencyId: w.es.id, deskId: w.es.deskId }] })).json().message;
    expect((await call(env, w.esOfficer.s, 'GET', `/api/messages/${m.id}`)).statusCode).toBe(200);
    expect((await call(env, w.esOfficer2.s, 'GET', `/api/messages/${m.id}`)).statusCode).toBe(404);
    expect((await call(env, w.maOfficer.s, 'GET', `/api/messages/${m.id}`)).statusCode).toBe(404);
    // Adding a reader later does not open an earlier RED message.
    await call(env, esSup, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [w.esOfficer.user.id, w.esOfficer2.user.id] });
    expect((await call(env, w.esOfficer2.s, 'GET', `/api/messages/${m.id}`)).statusCode).toBe(404);
    const list = (await call(env, w.esOfficer2.s, 'GET', '/api/messages?box=inbox')).json().messages as { id: string }[];
    expect(list.some((x) => x.id === m.id)).toBe(false);
    expect((await send(w.maLiaison.s, { tlp: 'RED', recipients: [{ agencyId: w.es.id }] })).statusCode).toBe(400);
  });

  it('a supervisor lists the colleagues they may name; nobody else can', async () => {
    const sup = (await call(env, w.maSupervisor.s, 'GET', '/api/red-reader-candidates')).json().candidates as { id: string }[];
    expect(sup.map((c) => c.id)).toEqual(expect.arrayContaining([w.maOfficer.user.id, w.maLiaison.user.id]));
    expect(sup.map((c) => c.id)).not.toContain(w.esOfficer.user.id);
    expect(sup.map((c) => c.id)).not.toContain(w.maAdmin.user.id);
    expect((await call(env, w.maOfficer.s, 'GET', '/api/red-reader-candidates')).statusCode).toBe(404);
    expect((await call(env, null, 'GET', '/api/red-reader-candidates')).statusCode).toBe(401);
  });

  it('only a supervisor of the desk agency keeps the RED list', async () => {
    expect((await call(env, w.esOfficer.s, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [] })).statusCode).toBe(404);
    expect((await call(env, w.maSupervisor.s, 'PUT', `/api/desks/${w.es.deskId}/red-readers`, { userIds: [w.maOfficer.user.id] })).statusCode).toBe(404);
    expect((await call(env, w.maSupervisor.s, 'PUT', `/api/desks/${w.ma.deskId}/red-readers`, { userIds: [w.esOfficer.user.id] })).statusCode).toBe(400);
  });
});

describe('requests and deadlines', () => {
  it('Directive 2023/977: 8 h urgent direct, 3 days urgent to obtain, 7 days otherwise', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    const d = (priority: 'urgent' | 'normal', accessClass: 'direct' | 'obtain' | null) => (dueAt({ framework: 'eu-2023-977', priority, accessClass, urgentHours: null, normalHours: null, sentAt: t })!.getTime() - t.getTime()) / 3600_000;
    expect(d('urgent', 'direct')).toBe(8);
    expect(d('urgent', null)).toBe(8);
    expect(d('urgent', 'obtain')).toBe(72);
    expect(d('normal', null)).toBe(168);
    expect(isOverdue({ request_state: 'extended', due_at: new Date(0), extended_until: new Date(Date.now() + 1000) })).toBe(false);
    expect(isOverdue({ request_state: 'sent', due_at: new Date(0), extended_until: null })).toBe(true);
    expect(isOverdue({ request_state: 'answered', due_at: new Date(0), extended_until: null })).toBe(false);
  });

  it('under 2023/977 the requested side classifies, extends or refuses on a ground; overdue is flagged to both sides', async () => {
    const de = await buildAgency(env, { country: 'DE' });
    const es2 = await buildAgency(env, { country: 'ES' });
    await buildPartnership(env, es2, de, { framework: 'eu-2023-977' });
    const esL = await signIn(env, await buildUser(env, es2, { roles: ['liaison'] }));
    const deO = await signIn(env, await buildUser(env, de, { roles: ['officer'] }));
    const c = (await call(env, esL, 'POST', '/api/cases', { title: 'Drug route Algeciras–Hamburg', summary: 'Containers.', crimeAreas: ['drug-trafficking'] })).json().case.id as string;
    await call(env, esL, 'POST', `/api/cases/${c}/invitations`, { agencyId: de.id });
    expect((await call(env, deO, 'POST', `/api/cases/${c}/accept`, {})).statusCode).toBe(200);
    const m = (await call(env, esL, 'POST', `/api/cases/${c}/messages`, { ...base, isRequest: true, priority: 'urgent', recipients: [{ agencyId: de.id }] })).json().message;
    expect(m.receipts[0].framework).toBe('eu-2023-977');
    const cls = (await call(env, deO, 'POST', `/api/messages/${m.id}/receipt`, { action: 'classify', accessClass: 'obtain' })).json().message;
    expect((new Date(cls.receipts[0].dueAt).getTime() - new Date(m.createdAt).getTime()) / 3600_000).toBe(72);
    const refused = (await call(env, deO, 'POST', `/api/messages/${m.id}/receipt`, { action: 'refuse', ground: 'Art. 6(1)(a): would harm an ongoing investigation' })).json().message;
    expect(refused.receipts[0]).toMatchObject({ requestState: 'refused', refusalGround: expect.stringContaining('Art. 6') });
    expect((await call(env, esL, 'POST', `/api/messages/${m.id}/receipt`, { action: 'refuse', ground: 'self' })).statusCode).toBe(404);
    const m2 = (await call(env, esL, 'POST', `/api/cases/${c}/messages`, { ...base, isRequest: true, recipients: [{ agencyId: de.id }] })).json().message;
    await env.db.unsafeOwner.updateTable('message_recipients').set({ due_at: new Date(Date.now() - 60_000) }).where('message_id', '=', m2.id).execute();
    const overdueDe = (await call(env, deO, 'GET', '/api/messages?box=inbox&overdue=true')).json().messages as { id: string; overdue: boolean }[];
    expect(overdueDe.find((x) => x.id === m2.id)?.overdue).toBe(true);
    const overdueEs = (await call(env, esL, 'GET', '/api/messages?box=sent&overdue=true')).json().messages as { id: string }[];
    expect(overdueEs.map((x) => x.id)).toContain(m2.id);
    const ext = (await call(env, deO, 'POST', `/api/messages/${m2.id}/receipt`, { action: 'extend', until: new Date(Date.now() + 86400_000).toISOString(), reason: 'Judicial authorisation requested' })).json().message;
    expect(ext.receipts[0].requestState).toBe('extended');
  });

  it('under 2023/977 a request for clarification stops the clock until the requesting side answers', async () => {
    const de = await buildAgency(env, { country: 'DE' });
    const es2 = await buildAgency(env, { country: 'ES' });
    await buildPartnership(env, es2, de, { framework: 'eu-2023-977' });
    const esL = await signIn(env, await buildUser(env, es2, { roles: ['liaison'] }));
    const deO = await signIn(env, await buildUser(env, de, { roles: ['officer'] }));
    const c = (await call(env, esL, 'POST', '/api/cases', { title: 'Firearms route Ceuta–Frankfurt', summary: 'Parcels.', crimeAreas: ['firearms-trafficking'] })).json().case.id as string;
    await call(env, esL, 'POST', `/api/cases/${c}/invitations`, { agencyId: de.id });
    expect((await call(env, deO, 'POST', `/api/cases/${c}/accept`, {})).statusCode).toBe(200);
    const m = (await call(env, esL, 'POST', `/api/cases/${c}/messages`, { ...base, isRequest: true, recipients: [{ agencyId: de.id }] })).json().message;
    const due0 = new Date(m.receipts[0].dueAt).getTime();
    // The requesting side cannot ask itself; the question needs words.
    expect((await call(env, esL, 'POST', `/api/messages/${m.id}/receipt`, { action: 'clarify', question: 'Which parcels?' })).statusCode).toBe(404);
    expect((await call(env, deO, 'POST', `/api/messages/${m.id}/receipt`, { action: 'clarify', question: '' })).statusCode).toBe(400);
    const asked = await call(env, deO, 'POST', `/api/messages/${m.id}/receipt`, { action: 'clarify', question: 'Which consignment numbers, and over which dates?' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().message.receipts[0]).toMatchObject({ requestState: 'clarification', clarification: { clockStopped: true, answeredAt: null } });
    // Two hours pass while the clock stands still: even past the old deadline, it is not overdue.
    await env.db.unsafeOwner.updateTable('message_recipients').set({ clarification_asked_at: new Date(Date.now() - 2 * 3600_000), due_at: new Date(Date.now() - 60_000) }).where('message_id', '=', m.id).execute();
    const sentBox = (await call(env, esL, 'GET', '/api/messages?box=sent&overdue=true')).json().messages as { id: string }[];
    expect(sentBox.map((x) => x.id)).not.toContain(m.id);
    // The requesting side's reply answers the clarification: the request is open again, its deadline moved by two hours.
    const reply = await call(env, esL, 'POST', `/api/cases/${c}/messages`, { ...base, subject: 'Consignments', body: 'Numbers 4411 to 4420, 1 to 20 October.', parentId: m.id, recipients: [{ agencyId: de.id }] });
    expect(reply.statusCode, reply.body).toBe(201);
    const after = (await call(env, esL, 'GET', `/api/messages/${m.id}`)).json().message.receipts[0];
    expect(after.requestState).toBe('sent');
    expect(after.clockStoppedSeconds).toBeGreaterThanOrEqual(7190);
    expect(after.clarification.answeredAt).toBeTruthy();
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(Date.now() - 60_000 + 7000 * 1000);
    expect(due0).toBeGreaterThan(0);
  });

  it('only a liaison officer starts a request; an officer may send information', async () => {
    expect((await send(w.maOfficer.s, { isRequest: true })).statusCode).toBe(400);
    expect((await send(w.maOfficer.s)).statusCode).toBe(201);
  });
});

describe('attackers', () => {
  it('nobody outside the case, another agency, the platform administrator, a DPO: 401/404 and no trace', async () => {
    const m = (await send(w.maLiaison.s)).json().message;
    expect((await call(env, null, 'GET', `/api/messages/${m.id}`)).statusCode).toBe(401);
    expect((await call(env, null, 'GET', '/api/messages')).statusCode).toBe(401);
    for (const s of [w.deOfficer.s, w.deLiaison.s, w.platformAdmin.s, w.maDpo.s, w.maAdmin.s, w.esAdmin.s]) {
      const r = await call(env, s, 'GET', `/api/messages/${m.id}`);
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('go-fast');
      const list = (await call(env, s, 'GET', '/api/messages?box=all')).json().messages as { id: string }[];
      expect(list.some((x) => x.id === m.id)).toBe(false);
      expect((await call(env, s, 'POST', `/api/messages/${m.id}/receipt`, { action: 'acknowledge' })).statusCode).toBe(404);
    }
    expect((await send(w.deLiaison.s)).statusCode).toBe(404);
  });

  it('refuses recipients outside the case or without a partnership, and mutations without CSRF', async () => {
    const outside = await send(w.maLiaison.s, { recipients: [{ agencyId: w.de.id }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/invite it first/);
    await env.db.unsafeOwner.updateTable('partnerships').set({ status: 'suspended' }).where('proposer_agency_id', '=', w.ma.id).where('partner_agency_id', '=', w.es.id).execute();
    const noPartnership = await send(w.maLiaison.s);
    expect(noPartnership.statusCode).toBe(409);
    expect(noPartnership.json().error.code).toBe('partnership_required');
    await env.db.unsafeOwner.updateTable('partnerships').set({ status: 'active' }).where('proposer_agency_id', '=', w.ma.id).where('partner_agency_id', '=', w.es.id).execute();
    expect((await call(env, w.maLiaison.s, 'POST', `/api/cases/${caseId}/messages`, { ...base, recipients: [{ agencyId: w.es.id }] }, { csrf: false })).statusCode).toBe(403);
  });

  it('row-level security: a raw query in a foreign agency context returns no message, receipt or read', async () => {
    await send(w.maLiaison.s);
    const seen = await withActor(env.db, { userId: w.deOfficer.user.id, agencyId: w.de.id, roles: ['officer'], deskIds: [] }, null, async ({ tx }) => ({
      messages: (await sql`SELECT id FROM messages`.execute(tx)).rows,
      receipts: (await sql`SELECT * FROM message_recipients`.execute(tx)).rows,
      reads: (await sql`SELECT * FROM message_reads`.execute(tx)).rows,
      red: (await sql`SELECT * FROM message_red_readers`.execute(tx)).rows,
    }));
    expect(seen).toEqual({ messages: [], receipts: [], reads: [], red: [] });
    await expect(withActor(env.db, { userId: w.esOfficer.user.id, agencyId: w.es.id, roles: ['officer'], deskIds: [] }, null, async ({ tx }) => sql`UPDATE messages SET body = 'changed'`.execute(tx))).rejects.toThrow(/permission denied/);
  });
});
