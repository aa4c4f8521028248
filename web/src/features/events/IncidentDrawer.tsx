import { Anchor, Button, Divider, Drawer, Group, Select, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { INCIDENT_STATUSES, type IncidentStatus, type PEvent, type PIncident } from '../../../../common';
import { ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useIncident, useUpdateIncident } from './api';
import { CasePicker } from './CasePicker';
import { useFieldErrors } from './fieldErrors';
import { SeverityBadge, StatusBadge } from './labels';

function UpdateForm({ event, incident }: { event: PEvent; incident: PIncident }) {
  const { t } = useTranslation();
  const update = useUpdateIncident(event.id, incident.id);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [caseId, setCaseId] = useState<string | null>(incident.caseId);
  const fields = useFieldErrors(update.error);
  const changed = status !== incident.status;
  const caseChanged = caseId !== incident.caseId;
  return (
    <form onSubmit={(e) => { e.preventDefault(); update.mutate({ body: body.trim(), ...(changed ? { status } : {}), ...(caseChanged ? { caseId } : {}) }, { onSuccess: () => setBody('') }); }}>
      <Stack gap="xs">
        <ErrorAlert error={fields.rest ? update.error : null} />
        <CasePicker event={event} value={caseId} onChange={setCaseId} hiddenId={incident.case && incident.case.title === null ? incident.case.id : null} error={fields.of('caseId')} />
        <Textarea label={t('events.incident.addUpdate')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} maxLength={8000} />
        <Group align="flex-end" justify="space-between">
          <Select label={t('events.incident.status')} data={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`events.status.${s}`) }))} value={status} onChange={(v) => v && setStatus(v as IncidentStatus)} allowDeselect={false} w={200} comboboxProps={{ withinPortal: true }} />
          <Button type="submit" loading={update.isPending} disabled={!body.trim() && !changed && !caseChanged}>{t('events.incident.post')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** An incident with its updates thread; members of the committee post updates and move its status. */
export function IncidentDrawer({ event, incidentId, onClose }: { event: PEvent; incidentId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useIncident(event.id, incidentId);
  const i = q.data;
  return (
    <Drawer opened={incidentId !== null} onClose={onClose} position="right" size="lg" title={i ? <bdi>{i.title}</bdi> : t('events.incident.title')}>
      {q.isLoading && <Loading />}
      <ErrorAlert error={q.error} />
      {i && (
        <Stack gap="sm" data-testid="incident-detail">
          <Group gap="xs">
            <SeverityBadge severity={i.severity} />
            <StatusBadge status={i.status} />
            <Text size="sm">{t(`events.category.${i.category}`)}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            {f.dateTime(i.occurredAt)}
            {i.venue ? ` · ${i.venue.name}` : ''}
          </Text>
          <Text size="sm">{t('events.incident.reportedBy', { agency: i.reportedBy.name })}{i.assignedAgency ? ` · ${t('events.incident.assignedTo', { agency: i.assignedAgency.name })}` : ''}</Text>
          {i.case && (
            <Text size="sm" data-testid="incident-linked-case">
              {t('events.incidentCase.linkedTo')}{' '}
              {i.case.title !== null ? <Anchor component={Link} to={`/cases/${i.case.id}`} size="sm"><bdi>{i.case.title}</bdi></Anchor> : <Text span size="sm" c="dimmed">{t('events.cases.hidden')}</Text>}
            </Text>
          )}
          {i.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{i.description}</Text>}
          <Divider label={t('events.incident.updates')} labelPosition="left" />
          {(i.updates ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">{t('events.incident.noUpdates')}</Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2}>
              {(i.updates ?? []).map((u) => (
                <Timeline.Item key={u.id} title={<Text size="sm" fw={600}><bdi>{u.agency.name}</bdi></Text>}>
                  {u.statusTo && <Text size="xs">{t('events.incident.statusChange', { from: t(`events.status.${u.statusFrom}`), to: t(`events.status.${u.statusTo}`) })}</Text>}
                  {u.body && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{u.body}</Text>}
                  <Text size="xs" c="dimmed">{f.dateTime(u.at)}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
          {i.abilities.update && (
            <>
              <Divider />
              <UpdateForm key={`${i.id}-${i.status}-${i.caseId ?? ''}`} event={event} incident={i} />
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
