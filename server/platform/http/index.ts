export { AppError, notFound, unauthenticated, badRequest, conflict } from './errors';
export { requireActor, clientIp, noStore, type SessionInfo, type App } from './context';
