import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconPlus } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useEvents } from './api';
import { CreateEventDialog } from './CreateEventDialog';
import { RoleBadge } from './labels';

/** The major events whose security committee the user's agency sits on. */
export function EventsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useEvents();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('events.title')}
        description={t('events.intro')}
        actions={q.data?.abilities.create ? <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>{t('events.create.title')}</Button> : undefined}
      />
      {q.isLoading && <Loading />}
      <ErrorAlert error={q.error} />
      {q.data && q.data.events.length === 0 && <Empty title={t('events.none')} description={t('events.noneHelp')} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {q.data?.events.map((e) => (
          <Card key={e.id} withBorder radius="md" padding="md" data-testid="event-card">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Anchor component={Link} to={`/events/${e.id}`} fw={700} size="lg"><bdi>{e.name}</bdi></Anchor>
              <RoleBadge role={e.myRole} />
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {f.date(`${e.startsOn}T12:00:00Z`)} – {f.date(`${e.endsOn}T12:00:00Z`)} · {f.list(e.hostCountries.map((c) => f.country(c)))}
            </Text>
            <Text size="sm" mt={4}>{t('events.cardFigures', { venues: f.number(e.venues), incidents: f.number(e.openIncidents) })}</Text>
            <Text size="xs" c="dimmed" mt={4}>{t('events.organisedBy', { agency: e.organiser.name })}</Text>
          </Card>
        ))}
      </SimpleGrid>
      {creating && <CreateEventDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}
