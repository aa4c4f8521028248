import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { issueText, type Issue } from '../../i18n/errors';

// The server's field messages are plain English; the ones this feature knows are shown in the reader's language.
const KNOWN: Record<string, string> = {
  'A subject is needed.': 'messages.errors.subject',
  'The message is empty.': 'messages.errors.body',
  'Choose at least one recipient agency.': 'messages.errors.recipients',
  'H3 needs the text of its restriction.': 'messages.errors.handlingText',
  'TLP:RED goes to exactly one desk, whose supervisor has named its readers.': 'messages.errors.redOneDesk',
  'Not in the case.': 'messages.errors.notInCase',
  'Unknown desk.': 'messages.errors.unknownDesk',
  'Your own agency.': 'messages.errors.ownAgency',
  'Liaison only.': 'messages.errors.liaisonOnly',
  'Not your desk.': 'messages.errors.notYourDesk',
  'No RED readers.': 'messages.errors.noRedReaders',
  'In the past.': 'messages.errors.inThePast',
  'State the ground of refusal.': 'messages.actions.groundNeeded',
};

/** One message per top-level field from an issue list (zod on the client, or the API's details). */
export function issuesToFields(t: TFunction, issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = typeof issue.path === 'string' ? (issue.path.split('.')[0] ?? '_') : String(issue.path[0] ?? '_');
    if (key in out) continue;
    const known = issue.message ? KNOWN[issue.message] : undefined;
    out[key || '_'] = known ? t(known) : issue.code ? issueText(t, issue) : (issue.message ?? t('validation.format'));
  }
  return out;
}

/** Field messages carried by an API error's details ({ path, message }[]), translated when known. */
export function detailErrors(t: TFunction, err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const issues = (err.details as unknown[]).filter((d): d is Issue => typeof d === 'object' && d !== null && 'path' in d);
  return issuesToFields(t, issues);
}

/** The refusal for lack of a partnership, worded with the two agencies' names the server gives. */
export function partnershipText(t: TFunction, err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'partnership_required') return null;
  const d = (err.details ?? {}) as { agencyNames?: string[]; status?: string | null };
  const [mine, other] = d.agencyNames ?? ['', ''];
  const why = d.status === 'proposed' ? 'Proposed' : d.status === 'suspended' ? 'Suspended' : '';
  return t(`messages.errors.partnership${why}`, { mine, other });
}
