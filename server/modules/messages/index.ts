import type { App } from '../../platform/http';
import { jobRunnerFor } from '../../platform/jobs';
import { registerUploadCleanup } from './attachments/cleanup';
import { messageRoutes } from './routes/messages.routes';
import { redReaderRoutes } from './routes/red-readers.routes';
import { onwardRoutes } from './routes/onward.routes';
import { attachmentRoutes } from './routes/attachments.routes';
import { unreadRoutes } from './routes/unread.routes';

/** Case-based secure messages between agencies. */
export async function registerMessages(app: App): Promise<void> {
  const cleanup = registerUploadCleanup(jobRunnerFor(app.deps.db), app.deps.db);
  app.addHook('onReady', async () => cleanup.start());
  app.addHook('onClose', async () => cleanup.stop());
  await messageRoutes(app);
  await redReaderRoutes(app);
  await onwardRoutes(app);
  await attachmentRoutes(app);
  await unreadRoutes(app);
}
export { purgeAbandonedUploads, UPLOAD_CLEANUP_JOB } from './attachments/cleanup';
