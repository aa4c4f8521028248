import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type BuiltUser, type Session } from '../../../test/harness';
import { withActor, type Actor } from '../../db';
import { JobRunner, enqueueJob, jobsTx, type JobRow } from '..';

let env: TestEnv;
let agency: BuiltAgency;
let user: BuiltUser;
let actor: Actor;

beforeAll(async () => {
  env = await createTestEnv();
  agency = await buildAgency(env);
  user = await buildUser(env, agency, { roles: ['officer'] });
  actor = { userId: user.id, agencyId: agency.id, roles: ['officer'], deskIds: [] };
});
afterAll(async () => env?.close());

const enqueue = (kind: string, params: Record<string, unknown> = {}) => withActor(env.db, actor, null, (ctx) => enqueueJob(ctx, { kind, params }));
const read = (id: string) => jobsTx(env.db.unsafeOwner).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Polls until the predicate holds (no timing assertion: vitest's timeout bounds it). */
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A gate a handler waits on, opened by the test. */
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('job runner', () => {
  it('runs a job as its owner, records progress and the result', async () => {
    const runner = new JobRunner(env.db, { pollMs: 20, leaseMs: 300 });
    const step = gate();
    let seenAgency: string | null = null;
    runner.register('test.progress', async (jc) => {
      jc.progress(1, 4);
      seenAgency = await jc.run(async (ctx) => ctx.actor.agencyId);
      await step.p;
      jc.progress(3, 4);
      return { ok: true };
    });
    await runner.start();
    try {
      const job = await enqueue('test.progress');
      runner.wake();
      const mid = await until(() => read(job.id), (j) => j.state === 'running' && Number(j.progress_done) === 1);
      expect(Number(mid.progress_total)).toBe(4);
      step.open();
      const done = await until(() => read(job.id), (j) => j.state === 'succeeded');
      expect(done.result).toEqual({ ok: true });
      expect(Number(done.progress_done)).toBe(4);
      expect(seenAgency).toBe(agency.id);
    } finally {
      await runner.stop();
    }
  });

  it('a failing handler fails the job with its message', async () => {
    const runner = new JobRunner(env.db, { pollMs: 20, leaseMs: 300 });
    runner.register('test.fail', async () => {
      throw new Error('line 3: no name');
    });
    await runner.start();
    try {
      const job = await enqueue('test.fail');
      runner.wake();
      const done = await until(() => read(job.id), (j) => j.state === 'failed');
      expect(done.error).toBe('line 3: no name');
    } finally {
      await runner.stop();
    }
  });

  it('cancels a running job at its next check, and a queued one at once', async () => {
    const runner = new JobRunner(env.db, { pollMs: 20, leaseMs: 300 });
    let loops = 0;
    runner.register('test.cancel', async (jc) => {
      for (;;) {
        jc.throwIfStopped();
        jc.progress(++loops);
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    await runner.start();
    const s = await signIn(env, user);
    try {
      const job = await enqueue('test.cancel');
      runner.wake();
      await until(() => read(job.id), (j) => j.state === 'running');
      const res = await call(env, s, 'POST', `/api/jobs/${job.id}/cancel`);
      expect(res.statusCode).toBe(200);
      const done = await until(() => read(job.id), (j) => j.state === 'cancelled');
      expect(done.finished_at).not.toBeNull();
    } finally {
      await runner.stop();
    }
    // Without a runner for this kind, the job stays queued and is cancelled at once.
    const queued = await enqueue('test.nobody');
    const res = await call(env, s, 'POST', `/api/jobs/${queued.id}/cancel`);
    expect(res.json()).toMatchObject({ job: { state: 'cancelled', abilities: { cancel: false } } });
  });

  it('a job interrupted by a stop is taken up again by the next runner on the same database', async () => {
    const first = gate();
    const r1 = new JobRunner(env.db, { pollMs: 20, leaseMs: 300 });
    let runs = 0;
    r1.register('test.restart', async (jc) => {
      runs++;
      jc.progress(1, 2);
      await new Promise<void>((resolve, reject) => {
        jc.signal.addEventListener('abort', () => reject(jc.signal.reason as Error));
        first.p.then(resolve, reject);
      });
      return { by: 'first' };
    });
    await r1.start();
    const job = await enqueue('test.restart');
    r1.wake();
    await until(() => read(job.id), (j) => j.state === 'running');
    await r1.stop();
    expect((await read(job.id)).state).toBe('queued');

    const r2 = new JobRunner(env.db, { pollMs: 20, leaseMs: 300 });
    r2.register('test.restart', async (jc) => {
      runs++;
      jc.progress(2, 2);
      return { by: 'second' };
    });
    await r2.start();
    try {
      const done = await until(() => read(job.id), (j) => j.state === 'succeeded');
      expect(done.result).toEqual({ by: 'second' });
      expect(done.attempts).toBe(2);
      expect(runs).toBe(2);
    } finally {
      await r2.stop();
    }
  });

  it('a job left running by a crashed process is taken over when its lease expires', async () => {
    // The "crashed" process: the job is marked running under a lease nobody renews.
    const job = await enqueue('test.crash');
    await jobsTx(env.db.unsafeOwner).updateTable('jobs')
      .set({ state: 'running', lease_owner: 'dead-host:1', lease_expires_at: new Date(Date.now() - 1000), attempts: 1 })
      .where('id', '=', job.id).execute();
    const r = new JobRunner(env.db, { pollMs: 20, leaseMs: 300 });
    r.register('test.crash', async () => ({ recovered: true }));
    await r.start();
    try {
      const done = await until(() => read(job.id), (j: JobRow) => j.state === 'succeeded');
      expect(done.result).toEqual({ recovered: true });
    } finally {
      await r.stop();
    }
  });

  it('embedded restart: jobs left running are queued again when the runner starts', async () => {
    const job = await enqueue('test.embedded');
    await jobsTx(env.db.unsafeOwner).updateTable('jobs')
      .set({ state: 'running', lease_owner: 'previous-process', lease_expires_at: new Date(Date.now() + 3_600_000) })
      .where('id', '=', job.id).execute();
    const r = new JobRunner(env.db, { pollMs: 20, leaseMs: 300, reclaimRunningOnStart: true });
    r.register('test.embedded', async () => 'done');
    await r.start();
    try {
      expect((await until(() => read(job.id), (j) => j.state === 'succeeded')).result).toBe('done');
    } finally {
      await r.stop();
    }
  });
});

describe('job routes: attackers', () => {
  let job: JobRow;
  let owner: Session;
  beforeAll(async () => {
    job = await enqueue('test.routes');
    owner = await signIn(env, user);
  });

  it('the owner reads the job', async () => {
    const res = await call(env, owner, 'GET', `/api/jobs/${job.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ job: { id: job.id, state: 'queued', abilities: { cancel: true } } });
    expect((await call(env, owner, 'GET', '/api/jobs')).json().jobs.some((j: { id: string }) => j.id === job.id)).toBe(true);
  });

  it('unauthenticated: 401', async () => {
    expect((await call(env, null, 'GET', `/api/jobs/${job.id}`)).statusCode).toBe(401);
    expect((await call(env, null, 'POST', `/api/jobs/${job.id}/cancel`)).statusCode).toBe(401);
  });

  it('another agency (even its administrator) can neither see nor cancel it: 404', async () => {
    const other = await buildAgency(env);
    const admin = await signIn(env, await buildUser(env, other, { roles: ['agency-admin'] }));
    expect((await call(env, admin, 'GET', `/api/jobs/${job.id}`)).statusCode).toBe(404);
    expect((await call(env, admin, 'POST', `/api/jobs/${job.id}/cancel`)).statusCode).toBe(404);
    expect((await call(env, admin, 'GET', '/api/jobs')).json().jobs).toEqual([]);
    expect((await read(job.id)).state).toBe('queued');
  });

  it('a colleague without the administrator role: 404', async () => {
    const colleague = await signIn(env, await buildUser(env, agency, { roles: ['officer'] }));
    expect((await call(env, colleague, 'GET', `/api/jobs/${job.id}`)).statusCode).toBe(404);
    expect((await call(env, colleague, 'POST', `/api/jobs/${job.id}/cancel`)).statusCode).toBe(404);
  });

  it('missing CSRF token: 403', async () => {
    expect((await call(env, owner, 'POST', `/api/jobs/${job.id}/cancel`, undefined, { csrf: false })).statusCode).toBe(403);
    expect((await read(job.id)).state).toBe('queued');
  });
});
