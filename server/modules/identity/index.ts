import type { App } from '../../platform/http';
import { authRoutes } from './routes/auth.routes';
import { meRoutes } from './routes/me.routes';
import { tokenRoutes } from './routes/tokens.routes';
import { agencyRoutes } from './routes/agencies.routes';
import { deskRoutes } from './routes/desks.routes';
import { userRoutes } from './routes/users.routes';
import { enrolRoutes } from './routes/enrol.routes';

/** Identity: agencies, desks, users, sign-in, sessions, second factor, API tokens, enrolment links. */
export async function registerIdentity(app: App): Promise<void> {
  await authRoutes(app);
  await meRoutes(app);
  await tokenRoutes(app);
  await agencyRoutes(app);
  await deskRoutes(app);
  await userRoutes(app);
  await enrolRoutes(app);
}
export { loadMe } from './routes/me.routes';
