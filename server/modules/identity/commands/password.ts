import { passwordProblem } from '../../../platform/auth';
import { AppError } from '../../../platform/http';

const MESSAGES = {
  too_short: 'Use at least 12 characters.',
  too_long: 'Use at most 256 characters.',
  common: 'This password is on the list of common passwords. Choose a longer, less usual one (a short sentence works).',
  like_email: 'The password is too close to the e-mail address.',
} as const;

/** Throws a weak_password error naming the field, or returns when the password is acceptable. */
export function weakPassword(password: string, email: string | undefined, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError(400, 'weak_password', MESSAGES[problem], [{ path: field, message: MESSAGES[problem], reason: problem }]);
}
