import type { ErrorCode } from '../../../common';

/** An error a person can act on: its code is translated by the web app, its message is plain English. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Records the user may not see answer 404, exactly like records that do not exist. */
export const notFound = (what = 'record') => new AppError(404, 'not_found', `No such ${what}, or you may not see it.`);
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Sign in first: your session has ended or is missing.');
export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
