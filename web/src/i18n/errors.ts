import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** One validation problem as zod (server or client side) reports it. */
export interface Issue {
  /** zod gives an array; the API gives a dotted string. */
  path: readonly PropertyKey[] | string;
  code?: string;
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  input?: unknown;
}

export type FieldErrors = Record<string, string>;

/** Translates a zod issue by its code so that the field message is in the interface language. */
export function issueText(t: TFunction, issue: Issue): string {
  if (issue.input === '' || (Array.isArray(issue.input) && issue.input.length === 0)) return t('validation.required');
  switch (issue.code) {
    case 'too_small':
      return issue.minimum !== undefined && Number(issue.minimum) > 1
        ? t('validation.tooShort', { n: Number(issue.minimum) })
        : t('validation.required');
    case 'too_big':
      return t('validation.tooLong', { n: Number(issue.maximum ?? 0) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.choice');
    default:
      return issue.message ?? t('validation.format');
  }
}

function issuesOf(details: unknown): Issue[] {
  if (Array.isArray(details)) return details.filter((d): d is Issue => typeof d === 'object' && d !== null && 'path' in d);
  if (typeof details === 'object' && details !== null) {
    const d = details as { issues?: unknown; fieldErrors?: Record<string, string[] | undefined> };
    if (Array.isArray(d.issues)) return issuesOf(d.issues);
    if (d.fieldErrors) {
      return Object.entries(d.fieldErrors).flatMap(([k, msgs]) => (msgs ?? []).slice(0, 1).map((message) => ({ path: [k], message })));
    }
  }
  return [];
}

/** Maps issues to the first message per top-level field name; `fallback` words an issue that has no zod code. */
export function fieldErrorsFromIssues(t: TFunction, issues: readonly Issue[], fallback: (i: Issue) => string = () => t('validation.format')): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = typeof issue.path === 'string' ? (issue.path.split('.')[0] ?? '_') : String(issue.path[0] ?? '_');
    if (!(key in out)) out[key] = issue.code ? issueText(t, issue) : fallback(issue);
  }
  return out;
}

/** Field messages carried by a `validation_failed` (or similar) API error. */
export function fieldErrorsFromError(t: TFunction, err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  // The API's field details carry an English message and no zod code: the field shows the translated error code instead.
  const text = err.code === 'validation_failed' ? t('validation.format') : errorText(t, err);
  return fieldErrorsFromIssues(t, issuesOf(err.details), () => text);
}

/** The translated, human sentence for an API error code. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    return t(`errors.${err.code}`, { defaultValue: t('errors.unknown') });
  }
  return t('errors.unknown');
}

export function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown) => errorText(t, err);
}
