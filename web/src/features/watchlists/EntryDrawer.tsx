import { Badge, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PWatchlistEntry } from '../../../../common';
import { ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { isolate } from '../screening/Explanation';
import { useEntry } from './api';

const KNOWN_EXTRA = new Set(['un_list_type', 'listed_on', 'dataid', 'comments1']);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h6" c="dimmed">{title}</Title>
      {children}
    </Stack>
  );
}

function country(f: ReturnType<typeof useFormat>, n: string) {
  return /^[A-Z]{2}$/.test(n) ? `${f.country(n)} (${n})` : n;
}

function EntryBody({ e }: { e: PWatchlistEntry }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = <Text size="sm" c="dimmed">{t('watchlistEntries.none')}</Text>;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light">{e.sourceId}</Badge>
        {e.kind && <Badge variant="outline" color="gray">{t(`watchlistEntries.kind.${e.kind}`)}</Badge>}
        {e.gender && <Badge variant="outline" color="gray">{t(`watchlistEntries.gender.${e.gender}`, { defaultValue: e.gender })}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {e.firstVersion === e.version
          ? t('watchlistEntries.since', { version: f.number(e.version), date: f.date(e.versionAt) })
          : t('watchlistEntries.sinceChanged', { first: f.number(e.firstVersion), version: f.number(e.version), date: f.date(e.versionAt) })}
      </Text>
      <Section title={t('watchlistEntries.names')}>
        <Table verticalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td><Text fw={600} dir="auto">{e.name}</Text></Table.Td>
              <Table.Td><Text size="xs" c="dimmed">{t('watchlistEntries.nameType.primary')}</Text></Table.Td>
            </Table.Tr>
            {e.aliases.map((a, i) => (
              <Table.Tr key={i}>
                <Table.Td><Text dir="auto">{a.name}</Text></Table.Td>
                <Table.Td><Text size="xs" c={a.type === 'weak_alias' ? 'orange' : 'dimmed'}>{t(`watchlistEntries.nameType.${a.type}`)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Section title={t('watchlistEntries.birthDates')}>
        {e.birthDates.length ? <Text size="sm">{f.list(e.birthDates.map(isolate))}</Text> : none}
      </Section>
      <Section title={t('watchlistEntries.nationalities')}>
        {e.nationalities.length ? <Text size="sm">{f.list(e.nationalities.map((n) => isolate(country(f, n))))}</Text> : none}
      </Section>
      <Section title={t('watchlistEntries.documents')}>
        {e.documents.length ? (
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('watchlistEntries.docNumber')}</Table.Th>
                <Table.Th>{t('watchlistEntries.docType')}</Table.Th>
                <Table.Th>{t('watchlistEntries.docCountry')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.documents.map((d, i) => (
                <Table.Tr key={i}>
                  <Table.Td><Text size="sm" ff="monospace" dir="ltr">{d.number}</Text></Table.Td>
                  <Table.Td><Text size="sm" dir="auto">{d.type ?? '—'}</Text></Table.Td>
                  <Table.Td><Text size="sm">{d.country ? country(f, d.country) : '—'}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : none}
      </Section>
      {Object.keys(e.extra).length > 0 && (
        <Section title={t('watchlistEntries.details')}>
          <Stack gap={6}>
            {Object.entries(e.extra).map(([k, v]) => (
              <div key={k}>
                <Text size="xs" c="dimmed">{KNOWN_EXTRA.has(k) ? t(`watchlistEntries.extra.${k}`) : k}</Text>
                <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{v}</Text>
              </div>
            ))}
          </Stack>
        </Section>
      )}
    </Stack>
  );
}

/** One entry of a list with every field its source gave, opened from the entries table or from a screening candidate. */
export function EntryDrawer({ listId, sourceId, onClose }: { listId: string; sourceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const entry = useEntry(listId, sourceId);
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={entry.data ? <Text fw={700} dir="auto">{entry.data.entry.name}</Text> : t('watchlistEntries.entry')}>
      {entry.isPending ? <Loading /> : entry.error ? <ErrorAlert error={entry.error} /> : <EntryBody e={entry.data.entry} />}
    </Drawer>
  );
}
