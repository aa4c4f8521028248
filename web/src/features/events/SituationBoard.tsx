import { Badge, Button, Card, Group, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_SEVERITIES, type PEvent } from '../../../../common';
import { IconPlus } from '../../components/icons';
import { ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useBoard } from './api';
import { BoardCharts } from './BoardCharts';
import { IncidentDrawer } from './IncidentDrawer';
import { SEVERITY_COLOR, SeverityBadge, StatusBadge } from './labels';
import { LogIncidentDialog } from './LogIncidentDialog';
import { VenueMap } from './VenueMap';

/**
 * The live situation board: the venues map with incidents by severity, the charts, and the incident log. It follows
 * the live channel (event ids only) and fetches again through the API: no reload needed.
 */
export function SituationBoard({ event }: { event: PEvent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const board = useBoard(event.id);
  const [logging, setLogging] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  if (board.isLoading) return <Loading />;
  if (!board.data) return <ErrorAlert error={board.error} />;
  const incidents = board.data.incidents;
  const shown = filter === 'active' ? incidents.filter((i) => i.status === 'open' || i.status === 'in-progress') : incidents;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="xs">
          <Group gap="xs">
            <Title order={2} size="h4">{t('events.board.map')}</Title>
            <Badge variant="dot" color="green">{t('events.board.live')}</Badge>
          </Group>
          <Group gap="sm" aria-label={t('events.board.legend')}>
            {INCIDENT_SEVERITIES.map((s) => (
              <Group key={s} gap={4}>
                <svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill={SEVERITY_COLOR[s]} /></svg>
                <Text size="xs">{t(`events.severity.${s}`)}</Text>
              </Group>
            ))}
          </Group>
        </Group>
        <VenueMap venues={event.venues} incidents={incidents.filter((i) => i.status !== 'closed')} onSelect={setOpen} />
      </Card>
      <BoardCharts board={board.data} />
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm">
          <Group gap="sm">
            <Title order={2} size="h4">{t('events.board.log')}</Title>
            <SegmentedControl size="xs" value={filter} onChange={(v) => setFilter(v as 'active' | 'all')} data={[{ value: 'active', label: t('events.board.active') }, { value: 'all', label: t('events.board.all') }]} />
          </Group>
          {event.abilities.logIncident && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setLogging(true)}>{t('events.board.logIncident')}</Button>
          )}
        </Group>
        {shown.length === 0 ? (
          <Text c="dimmed" size="sm">{t('events.board.noIncidents')}</Text>
        ) : (
          <ScrollArea>
            <Table highlightOnHover verticalSpacing="xs" data-testid="incident-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('events.board.time')}</Table.Th>
                  <Table.Th>{t('events.board.incident')}</Table.Th>
                  <Table.Th>{t('events.log.venue')}</Table.Th>
                  <Table.Th>{t('events.log.severity')}</Table.Th>
                  <Table.Th>{t('events.incident.status')}</Table.Th>
                  <Table.Th>{t('events.log.assigned')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((i) => (
                  <Table.Tr key={i.id} onClick={() => setOpen(i.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{f.dateTime(i.occurredAt)}</Text></Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}><bdi>{i.title}</bdi></Text>
                      <Text size="xs" c="dimmed">{t(`events.category.${i.category}`)} · <bdi>{i.reportedBy.name}</bdi>{i.case ? <> · {i.case.title !== null ? <bdi>{t('events.incidentCase.short', { title: i.case.title })}</bdi> : t('events.incidentCase.shortHidden')}</> : null}</Text>
                    </Table.Td>
                    <Table.Td><Text size="sm"><bdi>{i.venue?.name ?? '—'}</bdi></Text></Table.Td>
                    <Table.Td><SeverityBadge severity={i.severity} /></Table.Td>
                    <Table.Td><StatusBadge status={i.status} /></Table.Td>
                    <Table.Td><Text size="sm"><bdi>{i.assignedAgency?.name ?? '—'}</bdi></Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>
      {logging && <LogIncidentDialog event={event} onClose={() => setLogging(false)} />}
      <IncidentDrawer event={event} incidentId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
