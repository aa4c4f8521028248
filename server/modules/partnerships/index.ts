import type { App } from '../../platform/http';
import { partnershipRoutes } from './routes/partnerships.routes';

/** Partnerships: the legal basis on which two agencies exchange anything. */
export async function registerPartnerships(app: App): Promise<void> {
  await partnershipRoutes(app);
}
export { requireActivePartnership } from './require-active';
export { partnershipPolicy } from './policies/partnership.policy';
export { frameworkRefusal } from './rules';
export { agencyRefs } from './queries';
export { agencyRef, deadlinesOf } from './presenters';
