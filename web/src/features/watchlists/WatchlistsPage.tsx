import { Alert, Anchor, Badge, Button, Card, Drawer, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { PWatchlist } from '../../../../common';
import { useSession } from '../../api/session';
import { IconPlus } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { IconList } from '../screening/icons';
import { useSetThreshold, useWatchlist, useWatchlists } from './api';
import { DeleteWatchlistModal } from './DeleteWatchlistModal';
import { ImportModal } from './ImportModal';
import { isolate } from '../screening/Explanation';

function Versions({ list, onClose }: { list: PWatchlist; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const detail = useWatchlist(list.id);
  const setThreshold = useSetThreshold();
  const [th, setTh] = useState<number | string>(list.alertThreshold === null ? '' : Math.round(list.alertThreshold * 100));
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={list.name}>
      <Stack gap="md">
        {list.abilities.update && (
          <Group align="flex-end" gap="sm">
            <NumberInput label={t('watchlists.threshold')} description={t('watchlists.thresholdHint')} min={1} max={100} suffix=" %" value={th} onChange={setTh} w={220} />
            <Button variant="light" loading={setThreshold.isPending} onClick={() => setThreshold.mutate({ id: list.id, alertThreshold: th === '' ? null : Number(th) / 100 })}>{t('common.save')}</Button>
          </Group>
        )}
        {setThreshold.error && <ErrorAlert error={setThreshold.error} />}
        {detail.isPending ? <Loading /> : detail.error ? <ErrorAlert error={detail.error} /> : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('watchlists.version')}</Table.Th>
                <Table.Th>{t('watchlists.date')}</Table.Th>
                <Table.Th ta="end">{t('watchlists.entries')}</Table.Th>
                <Table.Th ta="end">{t('watchlists.added')}</Table.Th>
                <Table.Th ta="end">{t('watchlists.removed')}</Table.Th>
                <Table.Th ta="end">{t('watchlists.changed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.data.versions.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td><Text fw={600}>v{f.number(v.version)}</Text><Text size="xs" c="dimmed">{t(`watchlists.format.${v.format}`)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{f.dateTime(v.createdAt)}</Text></Table.Td>
                  <Table.Td ta="end">{f.number(v.entries)}</Table.Td>
                  <Table.Td ta="end"><Text c={v.added ? 'teal' : 'dimmed'} size="sm">{v.added ? `+${f.number(v.added)}` : '0'}</Text></Table.Td>
                  <Table.Td ta="end"><Text c={v.removed ? 'red' : 'dimmed'} size="sm">{v.removed ? `−${f.number(v.removed)}` : '0'}</Text></Table.Td>
                  <Table.Td ta="end"><Text c={v.changed ? 'orange' : 'dimmed'} size="sm">{v.changed ? `~${f.number(v.changed)}` : '0'}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Drawer>
  );
}

/** Watchlists: the global lists and the agency's own, their versions, and imports (administrators). */
export function WatchlistsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession();
  const lists = useWatchlists();
  const [importing, setImporting] = useState<{ list: PWatchlist | null } | null>(null);
  const [open, setOpen] = useState<PWatchlist | null>(null);
  const [deleting, setDeleting] = useState<PWatchlist | null>(null);
  const [deleted, setDeleted] = useState<string | null>((useLocation().state as { deleted?: string } | null)?.deleted ?? null);
  const ab = lists.data?.abilities;
  return (
    <RequireAbility allowed={me.abilities.manageWatchlists === true}>
      <PageHeader
        title={t('watchlists.title')}
        description={t('watchlists.intro')}
        actions={ab && (ab.importAgency || ab.importGlobal) ? <Button leftSection={<IconPlus size={16} />} onClick={() => setImporting({ list: null })}>{t('watchlists.import')}</Button> : undefined}
      />
      {deleted && <Alert color="teal" variant="light" mb="md" withCloseButton onClose={() => setDeleted(null)}>{t('watchlistEntries.deleted', { name: isolate(deleted) })}</Alert>}
      <Card withBorder radius="md" padding="md">
        {lists.isPending ? <Loading /> : lists.error ? <ErrorAlert error={lists.error} /> : lists.data.watchlists.length === 0 ? (
          <Empty title={t('watchlists.emptyTitle')} description={t('watchlists.emptyText')} icon={<IconList size={22} />} />
        ) : (
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('watchlists.name')}</Table.Th>
                <Table.Th>{t('watchlists.scopeLabel')}</Table.Th>
                <Table.Th ta="end">{t('watchlists.entries')}</Table.Th>
                <Table.Th>{t('watchlists.version')}</Table.Th>
                <Table.Th>{t('watchlists.threshold')}</Table.Th>
                <Table.Th>{t('watchlists.updated')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.data.watchlists.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td><Anchor component={Link} to={`/watchlists/${w.id}`} fw={600}>{w.name}</Anchor></Table.Td>
                  <Table.Td><Badge variant="light" color={w.scope === 'global' ? 'indigo' : 'teal'}>{t(`watchlists.scope.${w.scope}`)}</Badge></Table.Td>
                  <Table.Td ta="end">{f.number(w.entries)}</Table.Td>
                  <Table.Td>v{f.number(w.currentVersion)}</Table.Td>
                  <Table.Td>{w.alertThreshold === null ? <Text size="sm" c="dimmed">{t('watchlists.defaultThreshold')}</Text> : `${f.number(Math.round(w.alertThreshold * 100))} %`}</Table.Td>
                  <Table.Td><Text size="sm">{f.dateTime(w.updatedAt)}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="light" component={Link} to={`/watchlists/${w.id}`}>{t('watchlistEntries.open')}</Button>
                      <Button size="xs" variant="light" onClick={() => setOpen(w)}>{t('watchlists.versions')}</Button>
                      {w.abilities.import && <Button size="xs" variant="subtle" onClick={() => setImporting({ list: w })}>{t('watchlists.newVersion')}</Button>}
                      {w.abilities.delete && <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(w)}>{t('watchlistEntries.delete')}</Button>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {importing && ab && (
        <ImportModal opened onClose={() => setImporting(null)} list={importing.list} canGlobal={ab.importGlobal} canAgency={ab.importAgency} limitBytes={lists.data?.uploadLimitBytes ?? 0} />
      )}
      {open && <Versions list={open} onClose={() => setOpen(null)} />}
      {deleting && <DeleteWatchlistModal list={deleting} onClose={() => setDeleting(null)} onDeleted={() => { setDeleted(deleting.name); setDeleting(null); }} />}
    </RequireAbility>
  );
}
