import { Badge, Button, Card, FileInput, Group, Pagination, Progress, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IconDownload } from '../../components/icons';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { downloadUrl, useBatchAction, useBatchResults, useBatches, useUploadBatch, type PBatch } from './api';
import { CandidateCard } from './CandidateList';
import { IconList, IconUpload } from './icons';

const STATE_COLOR: Record<string, string> = { queued: 'gray', running: 'blue', succeeded: 'teal', failed: 'red', cancelled: 'orange' };

export function JobProgress({ job }: { job: { state: string; progress: { done: number; total: number | null } } }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { done, total } = job.progress;
  const value = total ? Math.min(100, (done / total) * 100) : job.state === 'succeeded' ? 100 : 0;
  return (
    <Stack gap={2}>
      <Progress value={value} color={STATE_COLOR[job.state]} animated={job.state === 'running'} size="md" aria-label={t('screening.progress')} />
      <Text size="xs" c="dimmed">
        {total !== null ? t('screening.progressOf', { done: f.number(done), total: f.number(total) }) : t(`jobs.state.${job.state}`)}
      </Text>
    </Stack>
  );
}

function UploadForm({ onUploaded }: { onUploaded: (b: PBatch) => void }) {
  const { t } = useTranslation();
  const upload = useUploadBatch();
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState('');
  const [sent, setSent] = useState(0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setSent(0);
    upload.mutate({ file, purpose: purpose.trim(), onProgress: setSent }, { onSuccess: (r) => { setFile(null); onUploaded(r.batch); } });
  };
  return (
    <Card withBorder radius="md" padding="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('screening.batchIntro')}</Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput label={t('screening.listFile')} placeholder={t('screening.chooseFile')} accept=".csv,text/csv" value={file} onChange={setFile} leftSection={<IconUpload size={16} />} required style={{ flex: '1 1 240px' }} clearable />
          <TextInput label={t('screening.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} required minLength={3} style={{ flex: '1 1 240px' }} />
          <Button type="submit" loading={upload.isPending} disabled={!file}>{t('screening.screenList')}</Button>
        </Group>
        {upload.isPending && <Progress value={sent * 100} size="sm" aria-label={t('screening.uploading')} />}
        {upload.error && <ErrorAlert error={upload.error} />}
      </Stack>
    </Card>
  );
}

function Results({ batch }: { batch: PBatch }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<'all' | 'alerts'>('all');
  const results = useBatchResults(batch.id, page, filter === 'alerts');
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil((filter === 'alerts' ? data.alerts : data.total) / data.pageSize)) : 1;
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Stack gap={0}>
          <Text fw={600}>{batch.fileName ?? t('screening.list')}</Text>
          {data && <Text size="sm" c="dimmed">{t('screening.resultsSummary', { rows: f.number(data.total), alerts: f.number(data.alerts) })}</Text>}
        </Stack>
        <Group gap="xs">
          <SegmentedControl size="xs" value={filter} onChange={(v) => { setFilter(v as 'all' | 'alerts'); setPage(1); }} data={[{ value: 'all', label: t('screening.allRows') }, { value: 'alerts', label: t('screening.alertsOnly') }]} />
          <Button component="a" href={downloadUrl(batch.id, 'csv')} size="xs" variant="light" leftSection={<IconDownload size={14} />}>CSV</Button>
          <Button component="a" href={downloadUrl(batch.id, 'jsonl')} size="xs" variant="light" leftSection={<IconDownload size={14} />}>JSON</Button>
        </Group>
      </Group>
      {results.isPending ? <Loading /> : results.error ? <ErrorAlert error={results.error} /> : !data || data.rows.length === 0 ? (
        <Empty title={t('screening.noResults')} />
      ) : (
        <Stack gap="sm">
          {data.rows.map((r) => (
            <Card key={r.row} withBorder radius="sm" padding="xs" bg={r.alert ? 'var(--mantine-color-red-0)' : undefined}>
              <Group justify="space-between" mb={r.candidates.length ? 6 : 0} wrap="wrap">
                <Group gap="xs">
                  <Text size="xs" c="dimmed">#{f.number(r.row)}</Text>
                  <Text fw={600} dir="auto">{String(r.query.name)}</Text>
                  {Object.entries(r.query).filter(([k]) => k !== 'name').slice(0, 4).map(([k, v]) => (
                    <Badge key={k} variant="outline" color="gray" size="sm" tt="none">{k}: {String(v)}</Badge>
                  ))}
                </Group>
                {r.alert ? <Badge color="red">{t('screening.alert')}</Badge> : <Badge color="teal" variant="light">{t('screening.clear')}</Badge>}
              </Group>
              {r.candidates.slice(0, r.alert ? 3 : 1).map((c) => <CandidateCard key={`${c.watchlist.id}:${c.id}`} c={c} />)}
            </Card>
          ))}
          {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} size="sm" />}
        </Stack>
      )}
    </Card>
  );
}

/** A list of people screened as a job: upload, live progress, then the results page by page, alerts first. */
export function BatchScreening() {
  const { t } = useTranslation();
  const f = useFormat();
  const batches = useBatches();
  const action = useBatchAction();
  const [selected, setSelected] = useState<string | null>(null);
  const list = batches.data?.batches ?? [];
  const current = list.find((b) => b.id === selected) ?? null;
  return (
    <Stack gap="md">
      <UploadForm onUploaded={(b) => setSelected(b.id)} />
      <Card withBorder radius="md" padding="md">
        {batches.isPending ? <Loading /> : batches.error ? <ErrorAlert error={batches.error} /> : list.length === 0 ? (
          <Empty title={t('screening.noBatches')} icon={<IconList size={22} />} />
        ) : (
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('screening.list')}</Table.Th>
                <Table.Th>{t('screening.uploaded')}</Table.Th>
                <Table.Th w={260}>{t('screening.progress')}</Table.Th>
                <Table.Th>{t('screening.outcome')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((b) => (
                <Table.Tr key={b.id} bg={b.id === selected ? 'var(--mantine-color-blue-0)' : undefined}>
                  <Table.Td><Text size="sm" fw={500}>{b.fileName ?? '—'}</Text></Table.Td>
                  <Table.Td><Text size="sm">{f.dateTime(b.createdAt)}</Text></Table.Td>
                  <Table.Td><JobProgress job={b} /></Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLOR[b.state]} variant="light">{t(`jobs.state.${b.state}`)}</Badge>
                    {b.state === 'succeeded' && b.result && (
                      <Text size="xs" c={Number(b.result.alerts) > 0 ? 'red' : 'dimmed'}>{t('screening.alertsCount', { count: Number(b.result.alerts) })}</Text>
                    )}
                    {b.error && <Text size="xs" c="red">{b.error}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant={b.id === selected ? 'filled' : 'light'} onClick={() => setSelected(b.id)} disabled={b.state === 'queued'}>{t('screening.open')}</Button>
                      {b.abilities.cancel && <Button size="xs" variant="subtle" color="orange" onClick={() => action.mutate({ id: b.id, action: 'cancel' })}>{t('common.cancel')}</Button>}
                      {!b.abilities.cancel && b.abilities.delete && <Button size="xs" variant="subtle" color="red" onClick={() => { action.mutate({ id: b.id, action: 'delete' }); if (selected === b.id) setSelected(null); }}>{t('screening.delete')}</Button>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {current && <Results key={current.id} batch={current} />}
    </Stack>
  );
}
