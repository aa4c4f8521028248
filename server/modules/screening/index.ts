import type { App } from '../../platform/http';
import { jobRunnerFor } from '../../platform/jobs';
import { registerBatchJob } from './commands/batch';
import { batchRoutes } from './routes/batches.routes';
import { matchRoutes } from './routes/match.routes';

/** Screening: one name, or a list of people as a job, against the watchlists the agency may see. */
export async function registerScreening(app: App): Promise<void> {
  registerBatchJob(jobRunnerFor(app.deps.db), app.deps.db, app.deps.config.dataDir);
  await matchRoutes(app);
  await batchRoutes(app);
}
export { toQuery, screenOne, loadThresholds } from './commands/screen';
export { BATCH_JOB, precheckPeople, readPeopleInput } from './commands/batch';
export { addRowCheck, runRowChecks, type RowCheck } from './row-checks';
