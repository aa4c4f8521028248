import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CATEGORIES, INCIDENT_SEVERITIES, type IncidentCategory, type IncidentSeverity, type PEvent } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useFieldErrors } from './fieldErrors';
import { useLogIncident } from './api';
import { CasePicker } from './CasePicker';

/** Logging an incident: what, where, how serious, and which committee agency handles it. */
export function LogIncidentDialog({ event, onClose }: { event: PEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const log = useLogIncident(event.id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<IncidentCategory | null>(null);
  const [severity, setSeverity] = useState<IncidentSeverity | null>('medium');
  const [venueId, setVenueId] = useState<string | null>(null);
  const [assigned, setAssigned] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const fields = useFieldErrors(log.error);
  const submit = () => {
    if (!category || !severity) return;
    log.mutate({ title: title.trim(), description: description.trim(), category, severity, venueId, assignedAgencyId: assigned, caseId }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={t('events.log.title')} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack gap="sm">
          <ErrorAlert error={fields.rest ? log.error : null} />
          <TextInput label={t('events.log.what')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required minLength={3} maxLength={200} error={fields.of('title')} data-autofocus />
          <Group grow align="flex-start">
            <Select label={t('events.log.category')} data={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`events.category.${c}`) }))} value={category} onChange={(v) => setCategory(v as IncidentCategory | null)} required error={fields.of('category')} comboboxProps={{ withinPortal: true }} />
            <Select label={t('events.log.severity')} data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: t(`events.severity.${s}`) }))} value={severity} onChange={(v) => setSeverity(v as IncidentSeverity | null)} required allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          </Group>
          <Select
            label={t('events.log.venue')}
            placeholder={t('events.log.noVenue')}
            data={event.venues.map((v) => ({ value: v.id, label: `${v.name} · ${v.city}` }))}
            value={venueId}
            onChange={setVenueId}
            searchable
            clearable
            error={fields.of('venueId')}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('events.log.assigned')}
            placeholder={t('events.log.unassigned')}
            data={event.committee.filter((c) => c.role !== 'observer').map((c) => ({ value: c.agency.id, label: c.agency.name }))}
            value={assigned}
            onChange={setAssigned}
            clearable
            error={fields.of('assignedAgencyId')}
            comboboxProps={{ withinPortal: true }}
          />
          <CasePicker event={event} value={caseId} onChange={setCaseId} error={fields.of('caseId')} />
          <Textarea label={t('events.log.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} maxLength={8000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('events.cancel')}</Button>
            <Button type="submit" loading={log.isPending} disabled={!category || title.trim().length < 3}>{t('events.log.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
