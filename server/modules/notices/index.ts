import type { App } from '../../platform/http';
import { jobRunnerFor } from '../../platform/jobs';
import { registerPhotoCleanup } from './commands/photo';
import { liveIndexFor } from '../watchlists';
import { NoticeFeed } from './index-feed';
import { noticeRoutes } from './routes/notices.routes';
import { noticePhotoRoutes } from './routes/photo.routes';

/** Notices and diffusions: request, approval, review, publication, and their place in the screening index. */
export async function registerNotices(app: App): Promise<void> {
  liveIndexFor(app.deps.db, app.deps.config.dataDir).addFeed(new NoticeFeed());
  const cleanup = registerPhotoCleanup(jobRunnerFor(app.deps.db), app.deps.db);
  app.addHook('onReady', async () => cleanup.start());
  app.addHook('onClose', async () => cleanup.stop());
  await noticeRoutes(app);
  await noticePhotoRoutes(app);
}
export { NOTICE_SOURCE, noticeEntryId, NoticeFeed } from './index-feed';
export { ntx, type NoticesDB, type HitTable } from './schema';
export { loadNotice, actorFacts } from './queries';
export { purgeInterruptedPhotos, PHOTO_CLEANUP_JOB } from './commands/photo';
