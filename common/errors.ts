/** Error codes the API answers with, in `{"error":{"code","message","details"}}`. The web app translates them. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'totp_required',
  'totp_invalid',
  'too_many_attempts',
  'csrf_failed',
  'not_found',
  'conflict',
  'weak_password',
  'enrolment_invalid',
  'payload_too_large',
  'rate_limited',
  'internal',
  'partnership_required',
  'framework_not_allowed',
  'onward_refused',
  'attachment_type_refused',
  'photo_type_refused',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}
