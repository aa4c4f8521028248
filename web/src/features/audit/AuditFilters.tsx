import { Button, Card, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IconFilter } from '../../components/icons';
import { EMPTY_FILTER, type AuditFilter } from './api';

/** The filter bar; applies on submit so that typing does not fire a query per key. */
export function AuditFilters({ value, onChange }: { value: AuditFilter; onChange: (f: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const set = (k: keyof AuditFilter) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  return (
    <Card withBorder radius="md" padding="sm" component="form" onSubmit={submit} aria-label={t('audit.filters')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput size="xs" label={t('audit.action')} placeholder="auth.login" value={draft.action} onChange={set('action')} w={170} classNames={{ input: 'ltr-value' }} />
        <TextInput size="xs" label={t('audit.objectType')} placeholder="user" value={draft.objectType} onChange={set('objectType')} w={140} classNames={{ input: 'ltr-value' }} />
        <TextInput size="xs" label={t('audit.actorSearch')} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value, actorUserId: '' })} w={230} />
        <TextInput size="xs" type="date" label={t('audit.from')} value={draft.from} onChange={set('from')} w={150} />
        <TextInput size="xs" type="date" label={t('audit.to')} value={draft.to} onChange={set('to')} w={150} />
        <Group gap="xs">
          <Button size="xs" type="submit" leftSection={<IconFilter size={14} />}>
            {t('audit.apply')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => onChange(EMPTY_FILTER)}>
            {t('audit.clear')}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
