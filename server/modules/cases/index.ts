import type { App } from '../../platform/http';
import { caseRoutes } from './routes/cases.routes';
import { invitationRoutes } from './routes/invitations.routes';
import { taskRoutes } from './routes/tasks.routes';

/** Cases: joint work between agencies — participants, named members (joint teams), tasks and a timeline. */
export async function registerCases(app: App): Promise<void> {
  await caseRoutes(app);
  await invitationRoutes(app);
  await taskRoutes(app);
}
/** For later modules (messages): the visible-case check, the timeline writer and the case policy. */
export { loadCase } from './queries';
export { recordCaseEvent } from './timeline';
export { casePolicy } from './policies/case.policy';
