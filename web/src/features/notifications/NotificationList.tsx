import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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

function NotificationRow({ n }: { n: NotificationRecord }) {
  const { t } = useTranslation();
  const f = useFormat();
  const markRead = useMarkRead();
  const key = n.kind.replace(/[.:]/g, '_');
  const vars = values(n.payload);
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
  const { data, isPending, error } = useNotifications();
  if (isPending) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  const list = limit ? data.slice(0, limit) : data;
  if (list.length === 0) return <Empty title={t('notifications.emptyTitle')} description={t('notifications.emptyText')} icon={<IconBell size={22} />} />;
  return (
    <Stack gap={0}>
      {list.map((n) => (
        <NotificationRow key={n.id} n={n} />
      ))}
    </Stack>
  );
}
