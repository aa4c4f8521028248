import { Alert, Anchor, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PHit } from '../../../../common';
import { IconAlert } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { ColourBadge, StateBadge, isolate } from '../notices/labels';
import { DecideForm } from './DecideForm';
import { HitStateBadge, SourceBadge } from './labels';

/** The fields of a screened record, in a stable order; the name first. */
const QUERY_ORDER = ['name', 'birth_date', 'birthDate', 'nationality', 'gender', 'document_number', 'document', 'document_country', 'documentCountry'];

function QueryFields({ q }: { q: Record<string, unknown> }) {
  const { t } = useTranslation();
  const keys = Object.keys(q).sort((a, b) => (QUERY_ORDER.indexOf(a) + 1 || 99) - (QUERY_ORDER.indexOf(b) + 1 || 99));
  return (
    <Stack gap={2}>
      {keys.map((k) => (
        <Group key={k} gap={6} wrap="nowrap" align="baseline">
          <Text size="xs" c="dimmed" miw={110}>
            {t(`hits.field.${k}`, { defaultValue: k })}
          </Text>
          <Text size="sm" fw={k === 'name' ? 650 : 400} dir="auto">
            {String(q[k])}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * A hit: what was screened, what it matched with that record's CURRENT status, the score, and the decision.
 * The arrest banner shows only when the server says so (a published Red notice); otherwise a lapsed notice is greyed out.
 */
export function HitCard({ hit, linkToPage = false }: { hit: PHit; linkToPage?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [deciding, setDeciding] = useState<'confirm' | 'discard' | null>(null);
  const pct = Math.round(hit.score * 100);
  const n = hit.notice;
  const lapsed = n !== null && n.state !== 'published';
  return (
    <Card withBorder radius="md" padding="md" data-hit={hit.id} data-notice={n?.id} style={hit.arrestAlert ? { borderInlineStartWidth: 6, borderInlineStartColor: 'var(--mantine-color-red-7)' } : undefined}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <HitStateBadge state={hit.state} />
            <SourceBadge source={hit.source} />
            <Text size="xs" c="dimmed">
              {t(`hits.origin.${hit.origin}`)} · {f.dateTime(hit.createdAt)}
              {hit.context.row !== null ? ` · ${t('hits.row', { n: f.number(hit.context.row) })}` : ''}
            </Text>
          </Group>
          {linkToPage && (
            <Anchor component={Link} to={`/hits/${hit.id}`} size="sm">
              {t('hits.open')}
            </Anchor>
          )}
        </Group>

        {hit.arrestAlert && (
          <Alert color="red" variant="filled" icon={<IconAlert />} title={t('hits.arrestTitle')} role="alert" data-arrest-alert>
            {/* The screening side is told what to do; the requesting NCB (which never sees the screened record) who found the person. */}
            {hit.query ? t('hits.arrestText', { agency: isolate(n?.requestingAgency.name ?? '') }) : t('hits.arrestTextRequester', { agency: isolate(hit.screeningAgency.name) })}
          </Alert>
        )}
        {lapsed && (
          <Alert color="gray" variant="light" title={<Text td="line-through" inherit>{t('hits.lapsedTitle', { state: t(`notices.state.${n.state}`) })}</Text>} data-no-arrest>
            {t('hits.lapsedText')}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Stack gap={4}>
            <Title order={3} size="h5" c="dimmed">
              {t('hits.screened')}
            </Title>
            {hit.query ? <QueryFields q={hit.query} /> : <Text size="sm" c="dimmed">{t('hits.queryHidden', { agency: isolate(hit.screeningAgency.name) })}</Text>}
          </Stack>
          <Stack gap={4}>
            <Title order={3} size="h5" c="dimmed">
              {t('hits.matched')}
            </Title>
            <Text fw={650} dir="auto" td={lapsed ? 'line-through' : undefined} c={lapsed ? 'dimmed' : undefined}>
              {hit.matchedName}
            </Text>
            {n && (
              <Group gap={6} wrap="wrap">
                <ColourBadge colour={n.colour} />
                <StateBadge state={n.state} />
                <Anchor component={Link} to={`/notices/${n.id}`} size="sm">
                  {n.reference ?? t(`notices.kind.${n.kind}`)}
                </Anchor>
              </Group>
            )}
            {n && <Text size="xs" c="dimmed">{t('notices.requestedBy', { agency: isolate(n.requestingAgency.name) })}</Text>}
            {hit.watchlist && (
              <Group gap={6} wrap="wrap">
                <Text size="sm">{t('hits.onList', { list: isolate(hit.watchlist.name), id: isolate(hit.watchlist.entryId) })}</Text>
                {hit.watchlist.deleted ? (
                  <Badge color="gray" variant="light" size="sm">{t('watchlistEntries.listDeleted')}</Badge>
                ) : (
                  <Anchor component={Link} to={`/watchlists/${hit.watchlist.id}?entry=${encodeURIComponent(hit.watchlist.entryId)}`} size="sm">{t('watchlistEntries.openEntry')}</Anchor>
                )}
              </Group>
            )}
            {hit.document && (
              <Text size="sm">
                {t('hits.documentLine', { number: isolate(hit.document.number), state: isolate(hit.document.issuingState), loss: t(`hits.loss.${hit.document.lossType}`, { defaultValue: hit.document.lossType }), agency: isolate(hit.document.registeringAgency.name) })}
              </Text>
            )}
          </Stack>
          <Stack gap={4}>
            <Title order={3} size="h5" c="dimmed">
              {t('hits.score')}
            </Title>
            <Group gap="xs" wrap="nowrap">
              <Progress value={pct} color={pct >= 85 ? 'red' : pct >= 60 ? 'orange' : 'gray'} size="lg" style={{ flex: 1 }} aria-hidden />
              <Text fw={700}>{f.number(pct)}%</Text>
            </Group>
            {hit.state !== 'open' && (
              <Text size="sm">
                {t(hit.state === 'confirmed' ? 'hits.confirmedBy' : 'hits.discardedBy', { who: isolate(hit.decidedBy?.name ?? hit.screeningAgency.name), when: f.dateTime(hit.decidedAt) })}
              </Text>
            )}
            {hit.reason && <Text size="sm" dir="auto" fs="italic">“{hit.reason}”</Text>}
            {(hit.context.location || hit.context.encounteredAt) && (
              <Text size="xs" c="dimmed">
                {[hit.context.location, hit.context.encounteredAt ? f.dateTime(hit.context.encounteredAt) : null].filter(Boolean).map(isolate).join(' · ')}
              </Text>
            )}
          </Stack>
        </SimpleGrid>

        {hit.message && (
          <Group gap="xs">
            <Badge color="teal" variant="light">{t('hits.notified')}</Badge>
            <Anchor component={Link} to={`/messages/${hit.message.id}`} size="sm">
              {t('hits.openMessage')}
            </Anchor>
            <Anchor component={Link} to={`/cases/${hit.message.caseId}`} size="sm">
              {t('hits.openCase')}
            </Anchor>
          </Group>
        )}
        {hit.notifyProblem && (
          <Alert color="orange" variant="light" title={t('hits.notifyProblem')}>
            {hit.notifyProblem}
          </Alert>
        )}

        {hit.abilities.decide && !deciding && (
          <Group gap="xs">
            <Button color="red" onClick={() => setDeciding('confirm')}>
              {t('hits.decision.confirm')}
            </Button>
            <Button variant="default" onClick={() => setDeciding('discard')}>
              {t('hits.decision.discard')}
            </Button>
          </Group>
        )}
        {deciding && <DecideForm hit={hit} decision={deciding} onDone={() => setDeciding(null)} onCancel={() => setDeciding(null)} />}
      </Stack>
    </Card>
  );
}
