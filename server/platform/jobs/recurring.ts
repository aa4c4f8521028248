import { unsafeWithOwner, type Database } from '../db';
import type { JobHandler, JobRunner } from './runner';
import { enqueueJob } from './runner';
import { jobsTx } from './schema';

export interface RecurringJob {
  /** Queues the job once now, then every period (unless one is already waiting or running). */
  start(): Promise<void>;
  stop(): void;
}

/**
 * A system job that runs on a period (housekeeping such as retention and clean-up) on the persistent job runner: it
 * is queued once when the service starts and then every `everyMs`, never twice at a time, and like every job it
 * survives a restart and shows in the job list.
 */
export function recurringJob(runner: JobRunner, db: Database, kind: string, everyMs: number, handler: JobHandler): RecurringJob {
  runner.register(kind, handler);
  let timer: NodeJS.Timeout | null = null;
  const enqueue = async () => {
    await unsafeWithOwner(db, 'system', async (ctx) => {
      const waiting = await jobsTx(ctx.tx).selectFrom('jobs').select('id').where('kind', '=', kind).where('state', 'in', ['queued', 'running']).executeTakeFirst();
      if (!waiting) await enqueueJob(ctx, { kind });
    });
    runner.wake();
  };
  return {
    async start() {
      await enqueue();
      timer = setInterval(() => void enqueue().catch(() => undefined), everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
