import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fieldErrorsFromError } from '../../i18n/errors';

/** Fields whose server-side refusals (a rule, not a format) have their own sentence in events.fieldError. */
const OWN = ['venueId', 'assignedAgencyId', 'caseId', 'agencyId', 'endsOn', 'reason'];

/**
 * The field messages of an API error, shown under their fields in the interface language; `rest` is true when the
 * error belongs to no field (then it is shown above the form).
 */
export function useFieldErrors(error: unknown) {
  const { t } = useTranslation();
  const generic = fieldErrorsFromError(t, error);
  const paths = error instanceof ApiError && Array.isArray(error.details) ? (error.details as { path?: string }[]).map((d) => d.path?.split('.')[0] ?? '') : [];
  return {
    of: (path: string) => (paths.includes(path) && OWN.includes(path) ? t(`events.fieldError.${path}`) : generic[path]),
    rest: Boolean(error) && Object.keys(generic).length === 0,
  };
}
