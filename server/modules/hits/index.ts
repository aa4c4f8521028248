import type { App } from '../../platform/http';
import { hitRoutes } from './routes/hits.routes';

/** Hits: screening alerts kept for the officer's decision, and what a confirmed one tells the notice's owner. */
export async function registerHits(app: App): Promise<void> {
  await hitRoutes(app);
}
export { recordHits, type HitContext } from './commands/record';
export { hitsOfJobRows } from './queries';
