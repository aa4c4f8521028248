import { Button, Group, Modal, NumberInput, Stack, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PEvent, TUpdateEventRequest } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useUpdateEvent } from './api';
import { useFieldErrors } from './fieldErrors';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Editing an event (shown when the presented event's abilities allow it: the chair's supervisor); only changed fields are sent. */
export function EditEventDialog({ event, onClose }: { event: PEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateEvent(event.id);
  const [name, setName] = useState(event.name);
  const [description, setDescription] = useState(event.description);
  const [startsOn, setStartsOn] = useState(event.startsOn);
  const [endsOn, setEndsOn] = useState(event.endsOn);
  const [countries, setCountries] = useState<string[]>(event.hostCountries);
  const [cities, setCities] = useState<string[]>(event.cities);
  const [retention, setRetention] = useState<number | string>(event.retentionDays);
  const fields = useFieldErrors(update.error);
  const body: TUpdateEventRequest = {
    ...(name.trim() !== event.name ? { name: name.trim() } : {}),
    ...(description.trim() !== event.description ? { description: description.trim() } : {}),
    ...(startsOn !== event.startsOn ? { startsOn } : {}),
    ...(endsOn !== event.endsOn ? { endsOn } : {}),
    ...(!same(countries.map((c) => c.toUpperCase()), event.hostCountries) ? { hostCountries: countries.map((c) => c.trim().toUpperCase()) } : {}),
    ...(!same(cities, event.cities) ? { cities } : {}),
    ...(Number(retention) !== event.retentionDays ? { retentionDays: Number(retention) || 0 } : {}),
  };
  const changed = Object.keys(body).length > 0;
  return (
    <Modal opened onClose={onClose} title={t('events.edit.title')} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); if (changed) update.mutate(body, { onSuccess: onClose }); }} data-testid="edit-event">
        <Stack gap="sm">
          <ErrorAlert error={fields.rest ? update.error : null} />
          <TextInput label={t('events.create.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required minLength={3} maxLength={200} error={fields.of('name')} dir="auto" data-autofocus />
          <Group grow align="flex-start">
            <TextInput type="date" label={t('events.create.startsOn')} value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} required error={fields.of('startsOn')} />
            <TextInput type="date" label={t('events.create.endsOn')} value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} required error={fields.of('endsOn')} />
          </Group>
          <TagsInput label={t('events.create.countries')} description={t('events.create.countriesHelp')} value={countries} onChange={setCountries} error={fields.of('hostCountries')} />
          <TagsInput label={t('events.create.cities')} value={cities} onChange={setCities} error={fields.of('cities')} />
          <NumberInput
            label={t('events.create.retention')}
            description={event.accreditationPurgedAt ? t('events.edit.retentionPurged') : t('events.edit.retentionHelp')}
            value={retention}
            onChange={setRetention}
            min={0}
            max={365}
            error={fields.of('retentionDays')}
          />
          <Textarea label={t('events.create.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} maxLength={4000} error={fields.of('description')} dir="auto" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('events.cancel')}</Button>
            <Button type="submit" loading={update.isPending} disabled={!changed || name.trim().length < 3}>{t('events.edit.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
