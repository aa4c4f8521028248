import { Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PNoticeSummary } from '../../../../common';
import { useFormat } from '../../i18n/format';
import { PhotoFrame } from './NoticePhoto';
import { COLOUR_STYLE, ColourBadge, INACTIVE_STATES, KindBadge, StateBadge, isolate } from './labels';

/** A country code shows as its name; anything else as typed. */
export function useCountryName() {
  const f = useFormat();
  return (v: string) => (/^[A-Z]{2}$/.test(v) ? f.country(v) : v);
}

/** One notice in the gallery: the colour on the leading edge, the subject, the state and who requested it. */
export function NoticeCard({ n }: { n: PNoticeSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const country = useCountryName();
  const inactive = INACTIVE_STATES.includes(n.state);
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      component={Link}
      to={`/notices/${n.id}`}
      data-notice={n.id}
      aria-label={`${t(`notices.colour.${n.colour}`)} — ${n.name}`}
      style={{ borderInlineStartWidth: 6, borderInlineStartColor: COLOUR_STYLE[n.colour].bg, opacity: inactive ? 0.7 : 1, height: '100%' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap={6} wrap="wrap">
            <ColourBadge colour={n.colour} />
            <KindBadge kind={n.kind} size="xs" />
          </Group>
          <StateBadge state={n.state} size="xs" />
        </Group>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {n.photo && <PhotoFrame notice={n} width={44} />}
          <Text fw={650} dir="auto" lineClamp={2} td={inactive ? 'line-through' : undefined}>
            {n.name}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {[
            n.reference,
            n.birthDates.length ? t('notices.bornOn', { dates: f.list(n.birthDates.slice(0, 2).map(isolate)) }) : null,
            n.nationalities.length ? f.list(n.nationalities.slice(0, 3).map(country)) : null,
          ]
            .filter((x): x is string => Boolean(x))
            .join(' · ')}
        </Text>
        <Text size="sm" lineClamp={2} dir="auto">
          {n.offence}
        </Text>
        <Text size="xs" c="dimmed" mt="auto">
          {t('notices.requestedBy', { agency: isolate(n.requestingAgency.name) })}
          {' · '}
          {n.publishedAt ? t('notices.publishedOn', { date: f.date(n.publishedAt) }) : t('notices.updatedOn', { date: f.date(n.updatedAt) })}
        </Text>
      </Stack>
    </Card>
  );
}
