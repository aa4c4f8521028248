import { Button, Card, Chip, Group, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CRIME_AREAS } from '../../../../common';
import { useCases } from '../cases/api';
import { usePartnerships } from '../partnerships/api';
import { EMPTY_FILTER, type MessageFilter } from './api';
import { IconSearch } from './icons';

/** Filters and full-text search over what the user may see; the search applies on Enter, the rest at once. */
export function MessageFilters({ value, onChange }: { value: MessageFilter; onChange: (f: MessageFilter) => void }) {
  const { t } = useTranslation();
  const cases = useCases({});
  const partners = usePartnerships('active');
  const [q, setQ] = useState(value.q);
  const [shownQ, setShownQ] = useState(value.q);
  if (shownQ !== value.q) {
    setShownQ(value.q);
    setQ(value.q);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...value, q });
  };
  const toggle = (k: 'unread' | 'urgent' | 'overdue') => (checked: boolean) => onChange({ ...value, [k]: checked });
  const any = value.unread || value.urgent || value.overdue || value.caseId || value.agencyId || value.crimeArea || value.q;

  return (
    <Card withBorder radius="md" padding="sm" mb="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <form onSubmit={submit} role="search" style={{ flex: '1 1 260px', minWidth: 220 }}>
          <TextInput
            size="xs"
            type="search"
            label={t('messages.search')}
            placeholder={t('messages.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            leftSection={<IconSearch size={14} />}
            maxLength={200}
          />
        </form>
        <Select
          size="xs"
          w={220}
          label={t('messages.filter.case')}
          placeholder={t('messages.filter.anyCase')}
          data={(cases.data?.cases ?? []).map((c) => ({ value: c.id, label: c.title }))}
          value={value.caseId || null}
          onChange={(v) => onChange({ ...value, caseId: v ?? '' })}
          clearable
          searchable
          comboboxProps={{ width: 360, position: 'bottom-start' }}
        />
        <Select
          size="xs"
          w={190}
          label={t('messages.filter.agency')}
          placeholder={t('messages.filter.anyAgency')}
          data={(partners.data?.partnerships ?? []).map((p) => ({ value: p.partner.id, label: p.partner.name }))}
          value={value.agencyId || null}
          onChange={(v) => onChange({ ...value, agencyId: v ?? '' })}
          clearable
          searchable
          comboboxProps={{ width: 320, position: 'bottom-start' }}
        />
        <Select
          size="xs"
          w={190}
          label={t('messages.filter.crimeArea')}
          placeholder={t('messages.filter.anyCrimeArea')}
          data={CRIME_AREAS.map((a) => ({ value: a, label: t(`crimeAreas.${a}`) }))}
          value={value.crimeArea || null}
          onChange={(v) => onChange({ ...value, crimeArea: v ?? '' })}
          clearable
          comboboxProps={{ width: 280, position: 'bottom-start' }}
        />
      </Group>
      <Group gap="xs" mt="sm" wrap="wrap">
        <Chip size="xs" checked={value.unread} onChange={toggle('unread')}>
          {t('messages.filter.unread')}
        </Chip>
        <Chip size="xs" checked={value.urgent} onChange={toggle('urgent')} color="red">
          {t('messages.filter.urgent')}
        </Chip>
        <Chip size="xs" checked={value.overdue} onChange={toggle('overdue')} color="red">
          {t('messages.filter.overdue')}
        </Chip>
        {any && (
          <Button size="compact-xs" variant="subtle" onClick={() => onChange({ ...EMPTY_FILTER, box: value.box })}>
            {t('messages.filter.clear')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
