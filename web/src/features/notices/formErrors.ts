import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { issueText, type FieldErrors, type Issue } from '../../i18n/errors';

/**
 * Field messages keyed by the full dotted path ("subject.names.1.full"), so that a row of a repeated group shows its
 * own message. Zod issues carry a code and are said in the reader's language; the server's own checks (a Red notice
 * without its warrant …) carry a specific sentence, shown as it is.
 */
export function deepErrors(t: TFunction, issues: readonly Issue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = typeof i.path === 'string' ? i.path : i.path.map(String).join('.');
    const rule = (i as Issue & { rule?: string }).rule;
    if (key in out) continue;
    // The server names the rule its own checks apply, so that the sentence is said in the reader's language.
    if (rule) out[key] = t(`notices.rules.${rule}`, { defaultValue: i.message ?? t('validation.format') });
    else out[key] = i.code ? issueText(t, i) : (i.message ?? t('validation.format'));
  }
  return out;
}

/** The field messages an API error carries, by full path. */
export function deepErrorsFromError(t: TFunction, err: unknown): FieldErrors {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  return deepErrors(t, (err.details as unknown[]).filter((d): d is Issue => typeof d === 'object' && d !== null && 'path' in d));
}

/** The first message at a path or under it (a list's own message, or one of its items'). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const k = Object.keys(errors).find((e) => e.startsWith(`${path}.`));
  return k ? errors[k] : undefined;
}
