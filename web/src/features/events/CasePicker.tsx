import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PEvent } from '../../../../common';
import { useCases } from '../cases/api';

/**
 * Choosing the case an incident is linked to: first the cases linked to the event that the user can see, then any other
 * case the user can see (the server checks again: a case the author may not see is refused). A linked case the user
 * cannot see stays selectable as what it is, without its title.
 */
export function CasePicker({ event, value, onChange, hiddenId, error }: { event: PEvent; value: string | null; onChange: (v: string | null) => void; hiddenId?: string | null; error?: string }) {
  const { t } = useTranslation();
  const cases = useCases({});
  const linked = event.cases.filter((c) => c.title !== null).map((c) => ({ value: c.caseId, label: c.title! }));
  const seen = new Set(linked.map((c) => c.value));
  const mine = (cases.data?.cases ?? []).filter((c) => !seen.has(c.id)).map((c) => ({ value: c.id, label: c.title }));
  const data = [
    ...(hiddenId ? [{ group: t('events.incidentCase.current'), items: [{ value: hiddenId, label: t('events.cases.hidden') }] }] : []),
    ...(linked.length ? [{ group: t('events.incidentCase.linked'), items: linked }] : []),
    ...(mine.length ? [{ group: t('events.incidentCase.yours'), items: mine }] : []),
  ];
  return (
    <Select
      label={t('events.incidentCase.label')}
      placeholder={t('events.incidentCase.none')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={t('events.incidentCase.nothing')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="incident-case"
    />
  );
}

