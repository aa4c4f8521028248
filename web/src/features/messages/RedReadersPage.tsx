import { Alert, Badge, Button, Card, CloseButton, Group, MultiSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDesk } from '../../../../common';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { IconAlert } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useAgencyDesks, useRedReaders, useSetRedReaders, type RedReader } from './api';
import { detailErrors } from './errors';
import { IconEye } from './icons';

interface Person {
  id: string;
  name: string;
  email?: string;
}

/** One desk's standing TLP:RED readers: remove one, or add from the people the page knows. */
function DeskReaders({ desk, people }: { desk: PDesk; people: Person[] }) {
  const { t } = useTranslation();
  const readers = useRedReaders(desk.id);
  const save = useSetRedReaders(desk.id);
  const [adding, setAdding] = useState<string[]>([]);
  const current = readers.data ?? [];
  const candidates = people.filter((p) => !current.some((r) => r.userId === p.id));
  const put = (ids: string[]) => save.mutate(ids, { onSuccess: () => setAdding([]) });
  const fieldError = detailErrors(t, save.error).userIds;

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={desk.name}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2}>{desk.name}</Title>
        <Badge variant="light" color={current.length ? 'red' : 'gray'} radius="sm">
          {t('messages.red.count', { n: current.length })}
        </Badge>
      </Group>
      {readers.isPending ? (
        <Loading />
      ) : readers.error ? (
        <ErrorAlert error={readers.error} />
      ) : (
        <Stack gap="xs">
          {current.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('messages.red.none')}
            </Text>
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {current.map((r: RedReader) => (
                <Group key={r.userId} component="li" justify="space-between" wrap="nowrap" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {r.displayName}
                    </Text>
                    <Text size="xs" c="dimmed" className="ltr-value">
                      {r.email}
                    </Text>
                  </div>
                  <CloseButton size="sm" aria-label={t('messages.red.remove', { name: r.displayName })} disabled={save.isPending} onClick={() => put(current.filter((x) => x.userId !== r.userId).map((x) => x.userId))} />
                </Group>
              ))}
            </Stack>
          )}
          {candidates.length > 0 && (
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <MultiSelect
                size="xs"
                style={{ flex: 1 }}
                label={t('messages.red.add')}
                placeholder={t('messages.red.choose')}
                data={candidates.map((p) => ({ value: p.id, label: p.name }))}
                value={adding}
                onChange={setAdding}
                searchable
                error={fieldError}
              />
              <Button size="xs" disabled={adding.length === 0} loading={save.isPending} onClick={() => put([...current.map((r) => r.userId), ...adding])}>
                {t('messages.red.save')}
              </Button>
            </Group>
          )}
          {save.error && !fieldError && <ErrorAlert error={save.error} />}
        </Stack>
      )}
    </Card>
  );
}

/**
 * Supervisors keep each desk's standing list of TLP:RED readers before anything arrives: a TLP:RED message is readable
 * only by the readers its desk had when it was sent, and nobody is added to a message later.
 */
export function RedReadersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const allowed = me.permissions.includes('desk.red-readers');
  const desks = useAgencyDesks(null);
  const active = (desks.data ?? []).filter((d) => !d.disabled);
  // Who can be named: the agency's colleagues who work cases (the server lists them for supervisors).
  const colleagues = useQuery({
    queryKey: ['red-reader-candidates'],
    queryFn: async () => (await api.get<{ candidates: { id: string; displayName: string; email: string }[] }>('/api/red-reader-candidates')).candidates,
    enabled: allowed,
  });
  const named = useQueries({
    queries: active.map((d) => ({ queryKey: ['red-readers', d.id], queryFn: async () => (await api.get<{ readers: RedReader[] }>(`/api/desks/${encodeURIComponent(d.id)}/red-readers`)).readers, enabled: allowed })),
  });
  const people = new Map<string, Person>();
  for (const c of colleagues.data ?? []) people.set(c.id, { id: c.id, name: c.displayName, email: c.email });
  for (const q of named) for (const r of q.data ?? []) people.set(r.userId, { id: r.userId, name: r.displayName, email: r.email });
  const list = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <RequireAbility allowed={allowed}>
      <PageHeader title={t('messages.red.title')} description={t('messages.red.intro', { agency: me.agency.name })} />
      {!colleagues.data && (
        <Alert color="gray" variant="light" icon={<IconAlert />} mb="md">
          {t('messages.red.knownOnly')}
        </Alert>
      )}
      {desks.isPending ? (
        <Loading />
      ) : desks.error ? (
        <ErrorAlert error={desks.error} />
      ) : active.length === 0 ? (
        <Empty icon={<IconEye size={22} />} title={t('messages.red.noDesks')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {active.map((d) => (
            <DeskReaders key={d.id} desk={d} people={list} />
          ))}
        </SimpleGrid>
      )}
    </RequireAbility>
  );
}
