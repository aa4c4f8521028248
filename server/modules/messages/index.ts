import type { App } from '../../platform/http';
import { messageRoutes } from './routes/messages.routes';
import { redReaderRoutes } from './routes/red-readers.routes';
import { onwardRoutes } from './routes/onward.routes';
import { attachmentRoutes } from './routes/attachments.routes';
import { unreadRoutes } from './routes/unread.routes';

/** Case-based secure messages between agencies. */
export async function registerMessages(app: App): Promise<void> {
  await messageRoutes(app);
  await redReaderRoutes(app);
  await onwardRoutes(app);
  await attachmentRoutes(app);
  await unreadRoutes(app);
}
