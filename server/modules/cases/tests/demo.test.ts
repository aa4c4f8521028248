import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEnv, signInDemo, call, type Session, type TestEnv } from '../../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createDemoEnv();
});
afterAll(async () => env?.close());

const as = (email: string): Promise<Session> => signInDemo(env, email);
const partners = async (email: string) =>
  ((await call(env, await as(email), 'GET', '/api/partnerships')).json().partnerships as { partner: { code: string }; framework: string; status: string }[])
    .map((p) => `${p.partner.code}:${p.framework}`).sort();

describe('demo partnerships (DESIGN.md)', () => {
  it('each agency has exactly the partnerships of the design, with their frameworks', async () => {
    expect(await partners('admin@dgsn.demo')).toEqual(['bka:bilateral', 'bundespolizei:bilateral', 'dgst:other', 'interpol:interpol', 'mps:bilateral', 'policia:bilateral']);
    expect(await partners('admin@policia.demo')).toEqual(['bka:eu-2023-977', 'bundespolizei:eu-2023-977', 'dgsn:bilateral', 'dgst:bilateral', 'interpol:interpol']);
    expect(await partners('officer@bka.demo')).toEqual(['bundespolizei:other', 'dgsn:bilateral', 'interpol:interpol', 'policia:eu-2023-977']);
    expect(await partners('admin@interpol.demo')).toEqual(['bka:interpol', 'dgsn:interpol', 'mps:interpol', 'policia:interpol']);
    expect(await partners('admin@anticorruption.demo')).toEqual([]);
    expect((await call(env, await as('platform@tansiq.demo'), 'GET', '/api/partnerships')).json().partnerships).toEqual([]);
  });
});

describe('demo cases', () => {
  it('three cases; the joint team case is seen only by its named members', async () => {
    const titles = async (email: string) => ((await call(env, await as(email), 'GET', '/api/cases')).json().cases as { title: string }[]).map((c) => c.title).sort();
    expect(await titles('liaison@dgsn.demo')).toEqual(['Go-fast boat network across the Strait (Tangier–Algeciras)', 'Online investment-fraud ring targeting Moroccan and Chinese victims']);
    expect(await titles('analyst@dgsn.demo')).toEqual(['Online investment-fraud ring targeting Moroccan and Chinese victims']);
    expect(await titles('officer@policia.demo')).toEqual(['Cocaine and hashish route Algeciras – Rhine-Ruhr', 'Go-fast boat network across the Strait (Tangier–Algeciras)']);
    expect(await titles('analyst@policia.demo')).toEqual(['Cocaine and hashish route Algeciras – Rhine-Ruhr']);
    expect(await titles('officer@bka.demo')).toEqual(['Cocaine and hashish route Algeciras – Rhine-Ruhr']);
    expect(await titles('officer@mps.demo')).toEqual(['Online investment-fraud ring targeting Moroccan and Chinese victims']);
    expect(await titles('officer@bundespolizei.demo')).toEqual([]);
    expect(await titles('officer@dgst.demo')).toEqual([]);
    for (const email of ['admin@dgsn.demo', 'dpo@dgsn.demo', 'supervisor@dgsn.demo', 'platform@tansiq.demo']) {
      expect((await call(env, await as(email), 'GET', '/api/cases')).statusCode).toBe(404);
    }
  });

  it('the Bundespolizei has an open invitation to the drug route; the case has overdue tasks and a timeline', async () => {
    const inv = (await call(env, await as('officer@bundespolizei.demo'), 'GET', '/api/case-invitations')).json().invitations;
    expect(inv).toEqual([expect.objectContaining({ title: 'Cocaine and hashish route Algeciras – Rhine-Ruhr', ownerAgency: expect.objectContaining({ code: 'policia' }) })]);
    const s = await as('officer@dgsn.demo');
    const list = (await call(env, s, 'GET', '/api/cases?overdue=true')).json().cases;
    // Both DGSN cases have a task past its day (one of them the MPS side's).
    expect(list.map((x: { overdueTasks: number }) => x.overdueTasks)).toEqual([1, 1]);
    const strait = list.find((x: { restricted: boolean }) => x.restricted);
    const c = (await call(env, s, 'GET', `/api/cases/${strait.id}`)).json().case;
    expect(c.restricted).toBe(true);
    expect(c.members).toHaveLength(4);
    expect(c.tasks.filter((t: { overdue: boolean }) => t.overdue)).toHaveLength(1);
    expect(c.timeline.at(-1).kind).toBe('case.opened');
    expect(c.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['participant.invited', 'participant.accepted', 'member.named', 'task.created', 'task.done']));
    const mine = (await call(env, s, 'GET', '/api/my-tasks?overdue=true')).json().tasks;
    expect(mine.map((t: { title: string }) => t.title)).toEqual(['Identify the skippers of the two boats intercepted off Tarifa']);
  });
});
