export { JobRunner, enqueueJob, cancelJob, type JobContext, type JobHandler, type JobRow, type JobRunnerOptions, type EnqueueInput } from './runner';
export { jobRunnerFor } from './registry';
export { registerJobs, loadJob } from './routes';
export { presentJob } from './presenter';
export { jobPolicy, type JobRecord } from './policy';
export { jobsTx, type JobsDB, type JobTable } from './schema';
export { recurringJob, type RecurringJob } from './recurring';
