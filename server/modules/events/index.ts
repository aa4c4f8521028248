import type { App } from '../../platform/http';
import { jobRunnerFor } from '../../platform/jobs';
import { registerAccreditationJob } from './commands/accreditation';
import { registerRetention } from './commands/retention';
import { accreditationRoutes } from './routes/accreditation.routes';
import { eventRoutes } from './routes/events.routes';
import { incidentRoutes } from './routes/incidents.routes';

/** Major-event security: events, venues, the security committee, incidents, the situation board and accreditation. */
export async function registerEvents(app: App): Promise<void> {
  const { deps } = app;
  const runner = jobRunnerFor(deps.db);
  registerAccreditationJob(runner, deps.db, deps.config.dataDir);
  const retention = registerRetention(runner, deps.db);
  app.addHook('onReady', async () => retention.start());
  app.addHook('onClose', async () => retention.stop());
  await eventRoutes(app);
  await incidentRoutes(app);
  await accreditationRoutes(app);
}
export { purgeExpiredAccreditations, RETENTION_JOB } from './commands/retention';
export { ACCREDITATION_JOB } from './commands/accreditation';
