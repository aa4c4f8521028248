import { Anchor, Badge, Button, Card, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ENTRIES_PAGE_SIZE, WATCHLIST_ENTRY_KINDS } from '../../../../common';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { isolate } from '../screening/Explanation';
import { IconList } from '../screening/icons';
import { useEntries, type EntryFilter } from './api';
import { DeleteWatchlistModal } from './DeleteWatchlistModal';
import { EntryDrawer } from './EntryDrawer';

function filterFrom(p: URLSearchParams): EntryFilter {
  const kind = p.get('kind') ?? '';
  return { q: p.get('q') ?? '', kind: (WATCHLIST_ENTRY_KINDS as readonly string[]).includes(kind) ? kind : '', page: Math.max(1, Number(p.get('page')) || 1) };
}

function paramsFrom(f: EntryFilter, entry: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.q) out.q = f.q;
  if (f.kind) out.kind = f.kind;
  if (f.page > 1) out.page = String(f.page);
  if (entry) out.entry = entry;
  return out;
}

/**
 * A watchlist's current entries: search a name in any script (or the source's id), filter by kind, page through,
 * open one; delete the list for whoever keeps it. Reached from the Watchlists page and from screening candidates.
 */
export function WatchlistEntriesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useSession();
  // Officers reach a list from their screening results; administrators also from the Watchlists page.
  const back = me.abilities.manageWatchlists === true ? { to: '/admin/watchlists', label: t('watchlistEntries.back') } : { to: '/screening', label: t('watchlistEntries.backScreening') };
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const entry = params.get('entry');
  const [typed, setTyped] = useState(filter.q);
  const [deleting, setDeleting] = useState(false);
  const list = useEntries(id, filter);
  const set = (patch: Partial<EntryFilter>, e: string | null = null) => setParams(paramsFrom({ ...filter, page: 1, ...patch }, e), { replace: true });

  // The search runs once typing pauses (every keystroke is not a request, nor an audited read).
  useEffect(() => {
    if (typed.trim() === filter.q) return;
    const h = setTimeout(() => set({ q: typed.trim() }), 350);
    return () => clearTimeout(h);
  }, [typed]);

  const w = list.data?.watchlist;
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / ENTRIES_PAGE_SIZE));
  return (
    <>
      <Anchor component={Link} to={back.to} size="sm">{back.label}</Anchor>
      <PageHeader
        title={w?.name ?? t('watchlistEntries.entries')}
        description={w ? t('watchlistEntries.intro', { count: f.number(w.entries), version: f.number(w.currentVersion), date: f.dateTime(w.updatedAt) }) : undefined}
        actions={w?.abilities.delete ? <Button color="red" variant="light" onClick={() => setDeleting(true)}>{t('watchlistEntries.delete')}</Button> : undefined}
      />
      {w && (
        <Group gap="xs" mb="sm">
          <Badge variant="light" color={w.scope === 'global' ? 'indigo' : 'teal'}>{t(`watchlists.scope.${w.scope}`)}</Badge>
        </Group>
      )}
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('watchlistEntries.search')}
          placeholder={t('watchlistEntries.searchHint')}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          dir="auto"
          w={360}
          maxLength={200}
        />
        <Select
          label={t('watchlistEntries.kindLabel')}
          clearable
          placeholder={t('watchlistEntries.anyKind')}
          value={filter.kind || null}
          onChange={(v) => set({ kind: v ?? '' })}
          data={WATCHLIST_ENTRY_KINDS.map((k) => ({ value: k, label: t(`watchlistEntries.kind.${k}`) }))}
          w={200}
        />
        {list.data && <Text size="sm" c="dimmed" pb={6}>{t('watchlistEntries.found', { count: f.number(list.data.total) })}</Text>}
      </Group>
      <Card withBorder radius="md" padding="md">
        {list.isPending ? <Loading /> : list.error ? <ErrorAlert error={list.error} /> : list.data.entries.length === 0 ? (
          <Empty title={t('watchlistEntries.empty')} icon={<IconList size={22} />} />
        ) : (
          <Stack gap="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('watchlistEntries.sourceId')}</Table.Th>
                  <Table.Th>{t('watchlistEntries.name')}</Table.Th>
                  <Table.Th>{t('watchlistEntries.kindLabel')}</Table.Th>
                  <Table.Th>{t('watchlistEntries.born')}</Table.Th>
                  <Table.Th>{t('watchlistEntries.nationalities')}</Table.Th>
                  <Table.Th ta="end">{t('watchlistEntries.aliases')}</Table.Th>
                  <Table.Th>{t('watchlists.version')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.entries.map((e) => (
                  <Table.Tr key={e.sourceId} style={{ cursor: 'pointer' }} onClick={() => setParams(paramsFrom(filter, e.sourceId))}>
                    <Table.Td><Text size="sm" ff="monospace" dir="ltr">{e.sourceId}</Text></Table.Td>
                    <Table.Td>
                      <Anchor component="button" type="button" fw={600} dir="auto" onClick={(ev) => { ev.stopPropagation(); setParams(paramsFrom(filter, e.sourceId)); }}>{e.name}</Anchor>
                    </Table.Td>
                    <Table.Td><Text size="sm">{e.kind ? t(`watchlistEntries.kind.${e.kind}`) : '—'}</Text></Table.Td>
                    <Table.Td><Text size="sm">{e.birthDates.length ? f.list(e.birthDates.slice(0, 2).map(isolate)) : '—'}</Text></Table.Td>
                    <Table.Td><Text size="sm">{e.nationalities.length ? f.list(e.nationalities.slice(0, 3).map((n) => isolate(/^[A-Z]{2}$/.test(n) ? f.country(n) : n))) : '—'}</Text></Table.Td>
                    <Table.Td ta="end">{f.number(e.aliases)}</Table.Td>
                    <Table.Td>v{f.number(e.version)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {pages > 1 && <Pagination value={filter.page} onChange={(page) => setParams(paramsFrom({ ...filter, page }, null))} total={pages} size="sm" />}
          </Stack>
        )}
      </Card>
      {entry && <EntryDrawer listId={id} sourceId={entry} onClose={() => setParams(paramsFrom(filter, null))} />}
      {deleting && w && <DeleteWatchlistModal list={w} onClose={() => setDeleting(false)} onDeleted={() => void navigate('/admin/watchlists', { replace: true, state: { deleted: w.name } })} />}
    </>
  );
}
