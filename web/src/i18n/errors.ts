import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** One validation problem as zod (server or client side) reports it. */
export interface Issue {
  path: readonly PropertyKey[];
  code?: string;
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
}

export type FieldErrors = Record<string, string>;

/** Translates a zod issue by its code so that the field message is in the interface language. */
export function issueText(t: TFunction, issue: Issue): string {
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

/** Maps issues to the first message per top-level field name. */
export function fieldErrorsFromIssues(t: TFunction, issues: readonly Issue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '_');
    if (!(key in out)) out[key] = issueText(t, issue);
  }
  return out;
}

/** Field messages carried by a `validation_failed` (or similar) API error. */
export function fieldErrorsFromError(t: TFunction, err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  return fieldErrorsFromIssues(t, issuesOf(err.details));
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
