import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { usersQuery } from '../users/api';
import type { NotificationRecord } from '../../api/types';
import { IconBell } from '../../components/icons';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useMarkRead, useNotifications } from './api';

/** The payload's plain values, for interpolation into the translated sentence. */
function values(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

function NotificationRow({ n, names }: { n: NotificationRecord; names: Map<string, string> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const markRead = useMarkRead();
  const key = n.kind.replace(/[.:]/g, '_');
  const vars = values(n.payload);
  // Payloads carry user ids only; names come from the user list the reader may already see.
  const nameOf = (id: string | undefined) => (id && names.get(id)) || t('notifications.someone');
  vars.name = nameOf(vars.userId);
  vars.by = nameOf(vars.by);
  return (
    <Group justify="space-between" wrap="nowrap" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="notification">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text c={n.readAt ? 'gray.5' : 'navy.7'} mt={2}>
          <IconBell size={16} />
        </Text>
        <Stack gap={0}>
          <Text size="sm" fw={n.readAt ? 400 : 600}>
            {t(`notifications.kinds.${key}`, { ...vars, defaultValue: t('notifications.kinds.generic', { kind: n.kind }) })}
          </Text>
          <Text size="xs" c="dimmed" title={f.dateTime(n.createdAt)}>
            {f.relative(n.createdAt)}
          </Text>
        </Stack>
      </Group>
      {n.readAt ? (
        <Badge variant="transparent" color="gray" size="sm">
          {t('notifications.read')}
        </Badge>
      ) : (
        <Button size="compact-xs" variant="subtle" loading={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
          {t('notifications.markRead')}
        </Button>
      )}
    </Group>
  );
}

export function NotificationList({ limit }: { limit?: number }) {
  const { t } = useTranslation();
  const me = useSession();
  const { data, isPending, error } = useNotifications();
  const users = useQuery({ ...usersQuery, enabled: me.abilities.manageUsers === true });
  const names = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  if (isPending) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  const list = limit ? data.slice(0, limit) : data;
  if (list.length === 0) return <Empty title={t('notifications.emptyTitle')} description={t('notifications.emptyText')} icon={<IconBell size={22} />} />;
  return (
    <Stack gap={0}>
      {list.map((n) => (
        <NotificationRow key={n.id} n={n} names={names} />
      ))}
    </Stack>
  );
}
