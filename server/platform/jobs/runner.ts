import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Selectable } from 'kysely';
import type { Role } from '../../../common';
import { unsafeWithOwner, withActor, type Actor, type Ctx, type Database } from '../db';
import { jobsTx, type JobTable } from './schema';

export type JobRow = Selectable<JobTable>;

/** What a handler gets: its job, the job's owner as actor, progress, cancellation and the uploaded input. */
export interface JobContext {
  job: JobRow;
  /** The user who started the job (roles as they are now), or null for a job started from the command line. */
  actor: Actor | null;
  /** Aborted when someone cancels the job, when the process stops, or when the lease was lost. */
  signal: AbortSignal;
  /** Throws when the job must stop (cancel, shutdown): call it between units of work. */
  throwIfStopped(): void;
  /**
   * Records progress. Never waits for the database (it is written by the heartbeat), so it is safe to call
   * inside a transaction (PGlite has one connection).
   */
  progress(done: number, total?: number | null): void;
  /** The uploaded file stored with the job, if any. */
  input(): Promise<Buffer | null>;
  /** A scoped transaction as the job's owner (a user through row-level security, or the command line). */
  run<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T>;
}

export type JobHandler = (jc: JobContext) => Promise<unknown>;

export interface JobRunnerOptions {
  /** How often idle runners look for queued jobs (they are also woken when a job is enqueued here). */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat; after it another process takes the job over. */
  leaseMs?: number;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** A job started this many times without finishing fails instead of crashing the runner forever. */
  maxAttempts?: number;
  /** Embedded mode: one process holds the data directory, so jobs left running were left by a dead process. */
  reclaimRunningOnStart?: boolean;
  onError?: (err: unknown) => void;
  /** Called on every progress report of a handler (the command line prints it). */
  onProgress?: (jobId: string, done: number, total: number | null | undefined) => void;
}

class Stop extends Error {
  constructor(readonly why: 'cancel' | 'shutdown' | 'lost') {
    super(why === 'cancel' ? 'cancelled' : why === 'shutdown' ? 'the server is stopping' : 'the job was taken over by another process');
  }
}

interface Running {
  job: JobRow;
  abort: AbortController;
  why: Stop['why'] | null;
  done: number;
  total: number | null | undefined;
  dirty: boolean;
  promise: Promise<void>;
}

/**
 * The platform's persistent job runner: jobs live in PostgreSQL (table jobs), one runner per process claims
 * them with FOR UPDATE SKIP LOCKED under a lease that its heartbeat renews, handlers are registered by kind,
 * and a job left running by a crashed or stopped process is taken up again (from the start: handlers are
 * written to be re-run) when its lease expires or, in embedded mode, when the runner starts.
 */
export class JobRunner {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private handlers = new Map<string, JobHandler>();
  private running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private started = false;
  private polling: Promise<void> | null = null;
  private listeners = new Set<(job: { id: string; state: string }) => void>();
  readonly opts: Required<Omit<JobRunnerOptions, 'onError' | 'onProgress'>> & Pick<JobRunnerOptions, 'onProgress'> & { onError: (err: unknown) => void };

  constructor(private readonly db: Database, opts: JobRunnerOptions = {}) {
    this.opts = {
      pollMs: opts.pollMs ?? 2000,
      leaseMs: opts.leaseMs ?? 30_000,
      concurrency: opts.concurrency ?? 1,
      maxAttempts: opts.maxAttempts ?? 3,
      reclaimRunningOnStart: opts.reclaimRunningOnStart ?? false,
      onProgress: opts.onProgress,
      onError: opts.onError ?? ((e) => process.stderr.write(`job runner: ${e instanceof Error ? e.message : String(e)}\n`)),
    };
  }

  /** Registers the handler of a kind of job (one per kind). */
  register(kind: string, handler: JobHandler): this {
    if (this.handlers.has(kind)) throw new Error(`A handler for jobs of kind ${kind} is already registered.`);
    this.handlers.set(kind, handler);
    return this;
  }

  /** Called with a job's id and state whenever a job of this process finishes. */
  onFinished(fn: (job: { id: string; state: string }) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts polling for jobs. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.opts.reclaimRunningOnStart) {
      await jobsTx(this.db.unsafeOwner).updateTable('jobs')
        .set({ state: 'queued', lease_owner: null, lease_expires_at: null })
        .where('state', '=', 'running').execute();
    }
    this.heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.min(500, this.opts.leaseMs / 3)));
    this.heartbeat.unref();
    this.schedule(0);
  }

  /**
   * Stops: running jobs are interrupted and handed back to the queue (another start, here or elsewhere, picks
   * them up again), then the runner waits for their handlers to return.
   */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const r of this.running.values()) this.interrupt(r, 'shutdown');
    await this.polling;
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Looks for work now (after a job was enqueued). */
  wake(): void {
    if (this.started) this.schedule(0);
  }

  /** Runs one queued job now, in this process, and resolves when it ends (the command line uses it). */
  async runNow(id: string): Promise<JobRow> {
    const job = await this.claim(id);
    if (!job) throw new Error(`Job ${id} is not waiting to run.`);
    const hb = this.heartbeat ?? setInterval(() => void this.beat(), Math.max(50, Math.min(500, this.opts.leaseMs / 3)));
    try {
      await this.execute(job).promise;
    } finally {
      if (!this.heartbeat) clearInterval(hb);
    }
    return jobsTx(this.db.unsafeOwner).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.polling) return this.schedule(50);
      this.polling = this.poll().finally(() => {
        this.polling = null;
      });
    }, ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      while (this.started && this.running.size < this.opts.concurrency) {
        const job = await this.claim(null);
        if (!job) break;
        this.execute(job);
      }
    } catch (e) {
      this.opts.onError(e);
    }
    this.schedule(this.opts.pollMs);
  }

  /** Claims the oldest waiting job (or a given one), including jobs whose lease ran out. */
  private async claim(id: string | null): Promise<JobRow | null> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return null;
    const leaseMs = this.opts.leaseMs;
    return unsafeWithOwner(this.db, 'system', async ({ tx }) => {
      const t = jobsTx(tx);
      const found = await sql<{ id: string; attempts: number }>`
        SELECT id, attempts FROM jobs
        WHERE kind = ANY(${kinds}::text[])
          AND (state = 'queued' OR (state = 'running' AND lease_expires_at < now()))
          ${id ? sql`AND id = ${id}` : sql``}
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`.execute(tx);
      const row = found.rows[0];
      if (!row) return null;
      if (row.attempts >= this.opts.maxAttempts) {
        await t.updateTable('jobs').set({ state: 'failed', error: `The job stopped ${row.attempts} times without finishing (the server restarted or crashed each time).`, finished_at: new Date(), updated_at: new Date(), lease_owner: null, lease_expires_at: null }).where('id', '=', row.id).execute();
        return null;
      }
      return t.updateTable('jobs')
        .set({
          state: 'running',
          lease_owner: this.workerId,
          lease_expires_at: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
          started_at: sql`coalesce(started_at, now())`,
          attempts: sql`attempts + 1`,
          updated_at: new Date(),
          progress_done: 0,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  private interrupt(r: Running, why: Stop['why']): void {
    if (r.why) return;
    r.why = why;
    r.abort.abort(new Stop(why));
  }

  /** Renews the leases of running jobs, writes their progress, and notices cancellations. */
  private async beat(): Promise<void> {
    for (const r of [...this.running.values()]) {
      try {
        const t = jobsTx(this.db.unsafeOwner);
        const row = await t.updateTable('jobs')
          .set({
            lease_expires_at: sql`now() + make_interval(secs => ${this.opts.leaseMs / 1000})`,
            ...(r.dirty ? { progress_done: r.done, ...(r.total !== undefined ? { progress_total: r.total } : {}), updated_at: new Date() } : {}),
          })
          .where('id', '=', r.job.id).where('lease_owner', '=', this.workerId).where('state', '=', 'running')
          .returning(['cancel_requested'])
          .executeTakeFirst();
        r.dirty = false;
        if (!row) this.interrupt(r, 'lost');
        else if (row.cancel_requested) this.interrupt(r, 'cancel');
      } catch (e) {
        this.opts.onError(e);
      }
    }
  }

  private async actorOf(job: JobRow): Promise<Actor | null> {
    if (!job.user_id) return null;
    const u = await this.db.unsafeOwner.selectFrom('users').select(['id', 'agency_id', 'roles', 'disabled_at']).where('id', '=', job.user_id).executeTakeFirst();
    if (!u || u.disabled_at || u.agency_id !== job.agency_id) throw new Error('The user who started this job is disabled or no longer exists.');
    const desks = await this.db.unsafeOwner.selectFrom('user_desks').select('desk_id').where('user_id', '=', u.id).execute();
    return { userId: u.id, agencyId: u.agency_id, roles: u.roles as Role[], deskIds: desks.map((d) => d.desk_id) };
  }

  private execute(job: JobRow): Running {
    const abort = new AbortController();
    const r: Running = { job, abort, why: null, done: 0, total: undefined, dirty: false, promise: Promise.resolve() };
    this.running.set(job.id, r);
    r.promise = (async () => {
      let outcome: { state: 'succeeded' | 'failed' | 'cancelled' | 'queued'; result?: unknown; error?: string };
      try {
        const handler = this.handlers.get(job.kind);
        if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}.`);
        const actor = await this.actorOf(job);
        const jc: JobContext = {
          job,
          actor,
          signal: abort.signal,
          throwIfStopped: () => {
            if (abort.signal.aborted) throw abort.signal.reason as Stop;
          },
          progress: (done, total) => {
            r.done = done;
            if (total !== undefined) r.total = total;
            r.dirty = true;
            this.opts.onProgress?.(job.id, done, r.total);
          },
          input: async () => {
            const row = await jobsTx(this.db.unsafeOwner).selectFrom('job_inputs').select('data').where('job_id', '=', job.id).executeTakeFirst();
            return row ? Buffer.from(row.data) : null;
          },
          run: (fn) => (actor ? withActor(this.db, actor, null, fn) : unsafeWithOwner(this.db, 'cli', fn)),
        };
        const result = await handler(jc);
        if (r.why) throw abort.signal.reason as Stop;
        outcome = { state: 'succeeded', result: result ?? null };
      } catch (e) {
        const why = e instanceof Stop ? e.why : r.why;
        if (why === 'cancel') outcome = { state: 'cancelled' };
        else if (why === 'shutdown') outcome = { state: 'queued' };
        else if (why === 'lost') outcome = { state: 'queued' };
        else outcome = { state: 'failed', error: e instanceof Error ? e.message : String(e) };
      }
      try {
        if (r.why !== 'lost') await this.finish(r, outcome);
      } catch (e) {
        this.opts.onError(e);
      } finally {
        this.running.delete(job.id);
        if (outcome.state !== 'queued') for (const fn of this.listeners) fn({ id: job.id, state: outcome.state });
        this.schedule(0);
      }
    })();
    return r;
  }

  private async finish(r: Running, o: { state: 'succeeded' | 'failed' | 'cancelled' | 'queued'; result?: unknown; error?: string }): Promise<void> {
    const t = jobsTx(this.db.unsafeOwner);
    const base = t.updateTable('jobs').where('id', '=', r.job.id).where('lease_owner', '=', this.workerId);
    if (o.state === 'queued') {
      // Handed back: the next runner starts it again from the beginning.
      await base.set({ state: 'queued', lease_owner: null, lease_expires_at: null, updated_at: new Date() }).execute();
      return;
    }
    await base.set({
      state: o.state,
      result: o.result === undefined ? null : JSON.stringify(o.result),
      error: o.error ?? null,
      progress_done: o.state === 'succeeded' && r.total != null ? r.total : r.done,
      ...(r.total !== undefined ? { progress_total: r.total } : {}),
      lease_owner: null,
      lease_expires_at: null,
      finished_at: new Date(),
      updated_at: new Date(),
    }).execute();
  }
}

export interface EnqueueInput {
  kind: string;
  params?: Record<string, unknown>;
  /** A file to keep with the job (read by the handler through `input()`). */
  input?: Buffer;
  total?: number | null;
}

/** Creates a queued job owned by the actor (a user, or the command line), in the caller's transaction. */
export async function enqueueJob(ctx: Ctx, e: EnqueueInput): Promise<JobRow> {
  const t = jobsTx(ctx.tx);
  const job = await t.insertInto('jobs').values({
    kind: e.kind,
    agency_id: ctx.actor.agencyId,
    user_id: ctx.actor.userId,
    params: JSON.stringify(e.params ?? {}),
    progress_total: e.total ?? null,
    error: null,
    lease_owner: null,
    lease_expires_at: null,
    started_at: null,
    finished_at: null,
  }).returningAll().executeTakeFirstOrThrow();
  if (e.input) await t.insertInto('job_inputs').values({ job_id: job.id, agency_id: ctx.actor.agencyId, data: e.input }).execute();
  return job;
}

/** Asks a job to stop: a queued job is cancelled at once, a running one at its handler's next check. */
export async function cancelJob(ctx: Ctx, id: string): Promise<JobRow | undefined> {
  const t = jobsTx(ctx.tx);
  const queued = await t.updateTable('jobs').set({ state: 'cancelled', cancel_requested: true, finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', id).where('state', '=', 'queued').returningAll().executeTakeFirst();
  if (queued) return queued;
  return t.updateTable('jobs').set({ cancel_requested: true, updated_at: new Date() })
    .where('id', '=', id).where('state', '=', 'running').returningAll().executeTakeFirst();
}
