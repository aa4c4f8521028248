import { Badge, Card, Group, Pagination, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { HIT_SOURCES, HIT_STATES, type HitSource, type HitState } from '../../../../common';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { HIT_PAGE_SIZE, HIT_SCOPES, useHits, type HitFilter, type HitScope } from './api';
import { HitCard } from './HitCard';

function filterFrom(p: URLSearchParams): HitFilter {
  const scope: HitScope = HIT_SCOPES.includes(p.get('scope') as HitScope) ? (p.get('scope') as HitScope) : 'ours';
  const state = p.get('state');
  const source = p.get('source');
  return {
    scope,
    // Our open hits first: they are the work to do. On our notices, every confirmed hit.
    state: HIT_STATES.includes(state as HitState) ? (state as HitState) : state === 'any' || scope === 'on-our-notices' ? '' : 'open',
    source: HIT_SOURCES.includes(source as HitSource) ? (source as HitSource) : '',
    jobId: p.get('job') ?? undefined,
    page: Math.max(1, Number(p.get('page')) || 1),
  };
}

function paramsFrom(f: HitFilter): Record<string, string> {
  const out: Record<string, string> = { scope: f.scope, state: f.state || 'any' };
  if (f.source) out.source = f.source;
  if (f.jobId) out.job = f.jobId;
  if (f.page > 1) out.page = String(f.page);
  return out;
}

/** Hits raised by our screening (to confirm or discard), and confirmed hits on our own notices and documents. */
export function HitsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const list = useHits(filter);
  const set = (patch: Partial<HitFilter>) => setParams(paramsFrom({ ...filter, page: 1, ...patch }));
  const counts = list.data?.counts;
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / HIT_PAGE_SIZE));

  return (
    <>
      <PageHeader title={t('hits.title')} description={t('hits.intro')} />
      <Tabs value={filter.scope} onChange={(v) => setParams(paramsFrom({ scope: (v as HitScope) ?? 'ours', state: v === 'ours' ? 'open' : '', source: '', page: 1 }))} mb="sm">
        <Tabs.List>
          {HIT_SCOPES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`hits.scope.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Text size="sm" c="dimmed" mb="sm">
        {t(`hits.scopeHelp.${filter.scope}`)}
      </Text>
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={filter.state || 'any'}
          onChange={(v) => set({ state: v === 'any' ? '' : (v as HitState) })}
          aria-label={t('hits.stateLabel')}
          data={[
            { value: 'any', label: t('hits.anyState') },
            ...HIT_STATES.map((s) => ({ value: s, label: counts ? `${t(`hits.state.${s}`)} (${f.number(counts[s] ?? 0)})` : t(`hits.state.${s}`) })),
          ]}
        />
        <Select label={t('hits.sourceLabel')} clearable value={filter.source || null} onChange={(v) => set({ source: (v as HitSource) ?? '' })} data={HIT_SOURCES.map((s) => ({ value: s, label: t(`hits.source.${s}`) }))} w={200} />
        {filter.jobId && (
          <Badge variant="light" size="lg" rightSection={<button type="button" aria-label={t('hits.clearJob')} onClick={() => set({ jobId: undefined })} style={{ border: 0, background: 'none', cursor: 'pointer' }}>×</button>}>
            {t('hits.oneList')}
          </Badge>
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.hits.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={t(`hits.empty.${filter.scope}`)} />
        </Card>
      ) : (
        <Stack gap="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {list.data.hits.map((h) => (
            <HitCard key={h.id} hit={h} linkToPage />
          ))}
          {pages > 1 && <Pagination value={filter.page} onChange={(page) => setParams(paramsFrom({ ...filter, page }))} total={pages} size="sm" />}
        </Stack>
      )}
    </>
  );
}
