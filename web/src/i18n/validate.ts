import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldErrorsFromIssues, type FieldErrors } from './errors';

/** Checks form values with a shared schema; field messages come back translated. */
export function validate<S extends z.ZodType>(t: TFunction, schema: S, values: unknown): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  // reportInput lets an empty field read "Required" rather than "not in the expected format".
  const r = schema.safeParse(values, { reportInput: true });
  if (r.success) return { data: r.data, errors: null };
  return { data: null, errors: fieldErrorsFromIssues(t, r.error.issues) };
}
