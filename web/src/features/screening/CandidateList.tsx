import { Anchor, Badge, Box, Card, Collapse, Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PCandidate } from '../../../../common';
import { useFormat } from '../../i18n/format';
import { Explanation, isolate } from './Explanation';
import { CandidateNotice } from '../hits/CandidateNotice';

function scoreColor(c: PCandidate): string {
  if (c.alert) return 'red';
  if (c.score >= 0.6) return 'orange';
  return 'gray';
}

/** One candidate: name, list, score bar and, on demand, why it scored so. */
export function CandidateCard({ c, open: initiallyOpen = false }: { c: PCandidate; open?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(initiallyOpen);
  const pct = Math.round(c.score * 100);
  return (
    <Card withBorder radius="md" padding="sm" style={c.alert ? { borderInlineStartWidth: 4, borderInlineStartColor: 'var(--mantine-color-red-6)' } : undefined}>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} style={{ width: '100%' }}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} dir="auto">{c.name}</Text>
              {c.alert && <Badge color="red" size="sm">{t('screening.alert')}</Badge>}
            </Group>
            {c.matchedName !== c.name && (
              <Text size="xs" c="dimmed" dir="auto">
                {t('screening.matchedName', { name: isolate(c.matchedName) })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {[
                `${c.watchlist.name} · ${c.id}`,
                c.birthDates.length ? t('screening.born', { dates: f.list(c.birthDates.slice(0, 3).map(isolate)) }) : null,
                c.nationalities.length ? f.list(c.nationalities.slice(0, 3).map((n) => (/^[A-Z]{2}$/.test(n) ? f.country(n) : n))) : null,
              ].filter((x): x is string => Boolean(x)).map(isolate).join(' · ')}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end" style={{ minWidth: 110 }}>
            <Text fw={700} c={scoreColor(c)} aria-label={t('screening.score')}>
              {f.number(pct)}%
            </Text>
            <Progress value={pct} color={scoreColor(c)} size="sm" w={100} aria-hidden />
            <Text size="xs" c="blue">{open ? t('screening.hideWhy') : t('screening.showWhy')}</Text>
          </Stack>
        </Group>
      </UnstyledButton>
      {!c.notice && !c.document && (
        // A watchlist candidate comes only from a list the user may screen against, hence read: open the entry. A list
        // deleted since these results were kept has no entry left to open.
        c.watchlist.deleted ? (
          <Badge color="gray" variant="light" size="sm" mt={6}>{t('watchlistEntries.listDeleted')}</Badge>
        ) : (
          <Anchor component={Link} to={`/watchlists/${c.watchlist.id}?entry=${encodeURIComponent(c.id)}`} size="xs" mt={6} display="inline-block">
            {t('watchlistEntries.openEntry')}
          </Anchor>
        )
      )}
      {(c.notice || c.hitId) && <CandidateNotice c={c} />}
      <Collapse expanded={open}>
        <Box mt="sm" px="sm" py="xs" bg="var(--mantine-color-gray-0)" style={{ borderRadius: 6 }}>
          <Explanation items={c.explanation} />
        </Box>
      </Collapse>
    </Card>
  );
}

export function CandidateList({ candidates }: { candidates: PCandidate[] }) {
  return (
    <Stack gap="xs">
      {candidates.map((c, i) => (
        <CandidateCard key={`${c.watchlist.id}:${c.id}`} c={c} open={i === 0 && c.alert} />
      ))}
    </Stack>
  );
}
