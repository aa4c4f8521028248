import type { Database } from '../db';
import { JobRunner, type JobRunnerOptions } from './runner';

const runners = new WeakMap<Database, JobRunner>();

/**
 * The one job runner of a process for a database. Modules register their handlers on it when the app is built;
 * the app starts it when ready and stops it when closed.
 */
export function jobRunnerFor(db: Database, opts?: JobRunnerOptions): JobRunner {
  let r = runners.get(db);
  if (!r) {
    r = new JobRunner(db, { reclaimRunningOnStart: db.kind === 'embedded', ...opts });
    runners.set(db, r);
  }
  return r;
}
