import { Card, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PAuditEvent } from '../../../../common';
import { useFormat } from '../../i18n/format';

/** Events per day (UTC) among the loaded events, newest on the reading end. */
function perDay(events: PAuditEvent[]): { day: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) {
    const day = e.at.slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const days = [...counts.keys()].sort();
  const out: { day: string; count: number }[] = [];
  const first = new Date(`${days[0]}T00:00:00Z`);
  const last = new Date(`${days[days.length - 1]}T00:00:00Z`);
  for (let d = first; d <= last && out.length < 60; d = new Date(d.getTime() + 86_400_000)) {
    const key = d.toISOString().slice(0, 10);
    out.push({ day: key, count: counts.get(key) ?? 0 });
  }
  return out.slice(-30);
}

export function AuditChart({ events }: { events: PAuditEvent[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = perDay(events);
  const max = Math.max(1, ...data.map((d) => d.count));
  return (
    <Card withBorder radius="md" padding="sm" role="figure" aria-label={t('audit.chart')}>
      <Text size="xs" fw={600} c="dimmed" mb={6}>
        {t('audit.chart')}
      </Text>
      <Group gap={3} align="flex-end" h={64} wrap="nowrap">
        {data.map((d) => (
          <Tooltip key={d.day} label={`${f.dayShort(`${d.day}T00:00:00Z`)} · ${f.number(d.count)}`} withArrow>
            <div
              style={{
                flex: 1,
                maxWidth: 28,
                minWidth: 6,
                height: `${Math.max(3, (d.count / max) * 60)}px`,
                background: d.count ? 'var(--mantine-color-navy-5)' : 'var(--mantine-color-gray-2)',
                borderRadius: 2,
              }}
            />
          </Tooltip>
        ))}
      </Group>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {data[0] ? f.dayShort(`${data[0].day}T00:00:00Z`) : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {data.length ? f.dayShort(`${data[data.length - 1]?.day}T00:00:00Z`) : ''}
        </Text>
      </Group>
    </Card>
  );
}
