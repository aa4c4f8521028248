import { Button, Group, Modal, NumberInput, Stack, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/States';
import { useCreateEvent } from './api';
import { useFieldErrors } from './fieldErrors';

/** A new event: the supervisor's agency organises it and chairs the committee. */
export function CreateEventDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [countries, setCountries] = useState<string[]>([]);
  const [cities, setCities] = useState<string[]>([]);
  const [retention, setRetention] = useState<number | string>(30);
  const fields = useFieldErrors(create.error);
  const submit = () =>
    create.mutate(
      { name: name.trim(), description: description.trim(), startsOn, endsOn, hostCountries: countries.map((c) => c.toUpperCase()), cities, retentionDays: Number(retention) || 0 },
      { onSuccess: (r) => void navigate(`/events/${r.event.id}`) },
    );
  return (
    <Modal opened onClose={onClose} title={t('events.create.title')} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack gap="sm">
          <ErrorAlert error={fields.rest ? create.error : null} />
          <TextInput label={t('events.create.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={fields.of('name')} data-autofocus />
          <Group grow>
            <TextInput type="date" label={t('events.create.startsOn')} value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} required error={fields.of('startsOn')} />
            <TextInput type="date" label={t('events.create.endsOn')} value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} required error={fields.of('endsOn')} />
          </Group>
          <TagsInput label={t('events.create.countries')} description={t('events.create.countriesHelp')} value={countries} onChange={setCountries} error={fields.of('hostCountries')} />
          <TagsInput label={t('events.create.cities')} value={cities} onChange={setCities} />
          <NumberInput label={t('events.create.retention')} description={t('events.create.retentionHelp')} value={retention} onChange={setRetention} min={0} max={365} />
          <Textarea label={t('events.create.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('events.cancel')}</Button>
            <Button type="submit" loading={create.isPending}>{t('events.create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
