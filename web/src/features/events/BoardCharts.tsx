import { Card, SimpleGrid, Text, Title, useDirection } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PBoard } from '../../../../common';
import { useFormat } from '../../i18n/format';

const CATEGORY_COLOR: Record<string, string> = {
  'crowd-safety': '#1971c2', 'terrorist-threat': '#c92a2a', 'cyber-attack': '#7048e8', 'human-trafficking': '#d6336c', hooliganism: '#e8590c', drugs: '#2f9e44', other: '#868e96',
};

/**
 * Incidents by category and by hour, drawn with recharts (numbers and hours in the interface language). The charts lay
 * out left to right (SVG text would otherwise flip its anchors under dir=rtl); in Arabic the axes are mirrored instead.
 */
export function BoardCharts({ board }: { board: PBoard }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { dir } = useDirection();
  const rtl = dir === 'rtl';
  const cats = board.byCategory.map((c) => ({ key: c.category, name: t(`events.category.${c.category}`), count: c.count }));
  const hour = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const times = board.overTime.map((h) => ({ name: hour.format(new Date(h.hour)), count: h.count }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder radius="md" padding="md" data-testid="chart-category">
        <Title order={3} size="h5" mb="xs">{t('events.board.byCategory')}</Title>
        <div dir="ltr" style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer>
            <BarChart data={cats} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} reversed={rtl} tickFormatter={(v: number) => f.number(v)} />
              <YAxis type="category" dataKey="name" width={150} orientation={rtl ? 'right' : 'left'} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => [f.number(Number(v)), t('events.board.incidents')]} />
              <Bar dataKey="count" isAnimationActive={false}>
                {cats.map((c) => <Cell key={c.key} fill={CATEGORY_COLOR[c.key] ?? '#868e96'} />)}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>
      <Card withBorder radius="md" padding="md" data-testid="chart-time">
        <Title order={3} size="h5" mb="xs">{t('events.board.overTime')}</Title>
        {times.length === 0 ? (
          <Text c="dimmed" size="sm">{t('events.board.noIncidents')}</Text>
        ) : (
          <div dir="ltr" style={{ width: '100%', height: 240 }}>
            <ResponsiveContainer>
              <BarChart data={times} margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" reversed={rtl} tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} orientation={rtl ? 'right' : 'left'} tickFormatter={(v: number) => f.number(v)} />
                <Tooltip formatter={(v) => [f.number(Number(v)), t('events.board.incidents')]} />
                <Bar dataKey="count" fill="#1c7ed6" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </Card>
    </SimpleGrid>
  );
}
