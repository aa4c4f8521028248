import { Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { IconEdit } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../home/NotFoundPage';
import { AccreditationPanel } from './AccreditationPanel';
import { useEvent } from './api';
import { CommitteePanel } from './CommitteePanel';
import { EditEventDialog } from './EditEventDialog';
import { RoleBadge } from './labels';
import { SituationBoard } from './SituationBoard';

/** One event: the live board, the committee and venues, and accreditation (for those who may see it). */
export function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'board';
  const q = useEvent(id);
  const [editing, setEditing] = useState(false);
  if (q.isLoading) return <Loading />;
  if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const e = q.data;
  return (
    <Stack gap="md">
      <PageHeader
        title={e.name}
        description={e.description || undefined}
        actions={e.abilities.update ? <Button variant="light" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>{t('events.edit.open')}</Button> : undefined}
      />
      <Group gap="xs" mt={-8}>
        <RoleBadge role={e.myRole} />
        <Text size="sm" c="dimmed">
          {f.date(`${e.startsOn}T12:00:00Z`)} – {f.date(`${e.endsOn}T12:00:00Z`)} · {f.list(e.hostCountries.map((c) => f.country(c)))} · {t('events.organisedBy', { agency: e.organiser.name })}
        </Text>
        <Badge variant="light" color="gray">{t('events.venueCount', { n: e.venues.length })}</Badge>
      </Group>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'board' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="board">{t('events.tabs.board')}</Tabs.Tab>
          <Tabs.Tab value="committee">{t('events.tabs.committee')}</Tabs.Tab>
          {e.abilities.readAccreditation && <Tabs.Tab value="accreditation">{t('events.tabs.accreditation')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="board" pt="md"><SituationBoard event={e} /></Tabs.Panel>
        <Tabs.Panel value="committee" pt="md"><CommitteePanel event={e} /></Tabs.Panel>
        {e.abilities.readAccreditation && <Tabs.Panel value="accreditation" pt="md"><AccreditationPanel event={e} /></Tabs.Panel>}
      </Tabs>
      {editing && <EditEventDialog event={e} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
