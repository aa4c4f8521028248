import type { App } from '../../platform/http';
import { jobRunnerFor } from '../../platform/jobs';
import { registerImportJob } from './commands/import';
import { liveIndexFor } from './live-index';
import { entryRoutes } from './routes/entries.routes';
import { watchlistRoutes } from './routes/watchlists.routes';
import { backfillEntrySearch } from './backfill';

/** Watchlists: import (as jobs), versions, and the process's live screening index that follows them. */
export async function registerWatchlists(app: App): Promise<void> {
  const { deps } = app;
  registerImportJob(jobRunnerFor(deps.db), deps.db);
  const index = liveIndexFor(deps.db, deps.config.dataDir);
  app.addHook('onReady', async () => {
    // Built in the background: the service answers at once, and the first search waits for the index.
    index.start().catch((e: unknown) => app.log.error({ err: e }, 'screening index failed to load'));
    // Entries imported before migrations/0015 get their search text (once; a no-op when none is missing).
    backfillEntrySearch(deps.db).catch((e: unknown) => app.log.error({ err: e }, 'watchlist entry search backfill failed'));
  });
  app.addHook('onClose', async () => index.stop());
  await watchlistRoutes(app);
  await entryRoutes(app);
}
export { liveIndexFor, refreshLiveIndex, entryKey, sourceIdOf, accessOf, toIndexEntry, LiveIndex, type IndexFeed } from './live-index';
export { applyVersion, parseWatchlist, precheckWatchlist, registerImportJob, IMPORT_JOB, type ImportParams, type ImportSummary } from './commands/import';
export { stx, type ScreeningDB } from './schema';
export { deleteWatchlist, type DeleteSummary } from './commands/delete';
export { foldForSearch, entrySearchText } from './search';
export { backfillEntrySearch } from './backfill';
export { watchlistPolicy, managesWatchlists } from './policies/watchlist.policy';
export { uploadLimitBytes, acceptUploads, readUpload } from './upload';
