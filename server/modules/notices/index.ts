import type { App } from '../../platform/http';
import { liveIndexFor } from '../watchlists';
import { NoticeFeed } from './index-feed';
import { noticeRoutes } from './routes/notices.routes';
import { noticePhotoRoutes } from './routes/photo.routes';

/** Notices and diffusions: request, approval, review, publication, and their place in the screening index. */
export async function registerNotices(app: App): Promise<void> {
  liveIndexFor(app.deps.db, app.deps.config.dataDir).addFeed(new NoticeFeed());
  await noticeRoutes(app);
  await noticePhotoRoutes(app);
}
export { NOTICE_SOURCE, noticeEntryId, NoticeFeed } from './index-feed';
export { ntx, type NoticesDB, type HitTable } from './schema';
export { loadNotice, actorFacts } from './queries';
