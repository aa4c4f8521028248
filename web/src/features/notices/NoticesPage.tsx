import { Accordion, Button, Card, Group, Pagination, Select, SimpleGrid, Tabs, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NOTICE_COLOURS, NOTICE_KINDS, NOTICE_STATES, type NoticeColour, type NoticeKind, type NoticeState } from '../../../../common';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { NOTICE_SCOPES, PAGE_SIZE, useNotices, type NoticeFilter, type NoticeScope } from './api';
import { NoticeCard } from './NoticeCard';
import { ColourLegend, Swatch } from './labels';

const pick = <T extends string>(values: readonly T[], v: string | null): T | '' => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : '');

/** The filter lives in the address, so that back from a notice returns to the same gallery page. */
function filterFrom(p: URLSearchParams): NoticeFilter {
  return {
    scope: pick(NOTICE_SCOPES, p.get('scope')) || 'all',
    colour: pick<NoticeColour>(NOTICE_COLOURS, p.get('colour')),
    kind: pick<NoticeKind>(NOTICE_KINDS, p.get('kind')),
    state: pick<NoticeState>(NOTICE_STATES, p.get('state')),
    q: p.get('q') ?? '',
    page: Math.max(1, Number(p.get('page')) || 1),
  };
}

function paramsFrom(f: NoticeFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.scope !== 'all') out.scope = f.scope;
  if (f.colour) out.colour = f.colour;
  if (f.kind) out.kind = f.kind;
  if (f.state) out.state = f.state;
  if (f.q) out.q = f.q;
  if (f.page > 1) out.page = String(f.page);
  return out;
}

/** The notice gallery: colour badges, filters, scope tabs and a legend of what each colour means. */
export function NoticesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const list = useNotices(filter);
  const [q, setQ] = useState(filter.q);
  const set = (patch: Partial<NoticeFilter>) => setParams(paramsFrom({ ...filter, page: 1, ...patch }));

  // Search as one types, without a request per key.
  useEffect(() => {
    if (q === filter.q) return;
    const h = setTimeout(() => setParams(paramsFrom({ ...filter, q, page: 1 })), 350);
    return () => clearTimeout(h);
  }, [q]);

  const abilities = list.data?.abilities;
  const scopes = NOTICE_SCOPES.filter((s) => s === 'all' || s === 'mine' || (s === 'approval' && abilities?.approve) || (s === 'review' && abilities?.review) || s === filter.scope);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(filter.colour || filter.kind || filter.state || filter.q);

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        description={t('notices.intro')}
        actions={
          abilities?.create ? (
            <Button component={Link} to="/notices/new">
              {t('notices.new')}
            </Button>
          ) : undefined
        }
      />
      <Accordion variant="contained" radius="md" mb="md">
        <Accordion.Item value="legend">
          <Accordion.Control>
            <Group gap={4}>
              {NOTICE_COLOURS.map((c) => (
                <Swatch key={c} colour={c} size={12} />
              ))}
              <Text size="sm" ms="xs">
                {t('notices.legend')}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <ColourLegend />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Tabs value={filter.scope} onChange={(v) => set({ scope: (v as NoticeScope) ?? 'all' })} mb="sm">
        <Tabs.List>
          {scopes.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`notices.scope.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <TextInput label={t('notices.search')} placeholder={t('notices.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: '2 1 240px' }} type="search" />
        <Select
          label={t('notices.colourLabel')}
          clearable
          value={filter.colour || null}
          onChange={(v) => set({ colour: (v as NoticeColour) ?? '' })}
          data={NOTICE_COLOURS.map((c) => ({ value: c, label: t(`notices.colour.${c}`) }))}
          renderOption={({ option }) => (
            <Group gap="xs" wrap="nowrap">
              <Swatch colour={option.value as NoticeColour} />
              {option.label}
            </Group>
          )}
          style={{ flex: '1 1 160px' }}
        />
        <Select label={t('notices.kindLabel')} clearable value={filter.kind || null} onChange={(v) => set({ kind: (v as NoticeKind) ?? '' })} data={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notices.kind.${k}`) }))} style={{ flex: '1 1 140px' }} />
        <Select label={t('notices.stateLabel')} clearable value={filter.state || null} onChange={(v) => set({ state: (v as NoticeState) ?? '' })} data={NOTICE_STATES.map((s) => ({ value: s, label: t(`notices.state.${s}`) }))} style={{ flex: '1 1 140px' }} />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.notices.length === 0 ? (
        <Card withBorder radius="md">
          <Empty
            title={filtered ? t('notices.emptyFiltered') : t(`notices.empty.${filter.scope}`)}
            action={
              filtered ? (
                <Button size="xs" variant="default" onClick={() => { setQ(''); setParams(paramsFrom({ scope: filter.scope, colour: '', kind: '', state: '', q: '', page: 1 })); }}>
                  {t('notices.clearFilters')}
                </Button>
              ) : undefined
            }
          />
        </Card>
      ) : (
        <>
          <Text size="xs" c="dimmed" mb="xs" aria-live="polite">
            {t('notices.count', { count: total, n: f.number(total) })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            {list.data.notices.map((n) => (
              <NoticeCard key={n.id} n={n} />
            ))}
          </SimpleGrid>
          {pages > 1 && <Pagination mt="md" value={filter.page} onChange={(page) => setParams(paramsFrom({ ...filter, page }))} total={pages} size="sm" />}
        </>
      )}
    </>
  );
}
