import { Badge, Button, Card, FileInput, Grid, Group, Pagination, Progress, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_STATES, DOCUMENT_TYPES, LOSS_TYPES, type DocumentState, type DocumentType, type LossType } from '../../../../common';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { JobProgress } from '../screening/BatchScreening';
import { useCloseDocument, useDocuments, useImportJob, useRegisterDocument, useUploadDocuments, type DocumentFilters } from './api';

const LOSS_COLOR: Record<LossType, string> = { stolen: 'red', 'stolen-blank': 'grape', lost: 'orange', revoked: 'gray' };
const today = () => new Date().toISOString().slice(0, 10);

function RegisterForm({ issuer }: { issuer: string }) {
  const { t } = useTranslation();
  const reg = useRegisterDocument();
  const [number, setNumber] = useState('');
  const [type, setType] = useState<DocumentType>('passport');
  const [lossType, setLossType] = useState<LossType>('stolen');
  const [lossDate, setLossDate] = useState(today());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reg.mutate({ number: number.trim(), issuingState: issuer, type, lossType, lossDate }, { onSuccess: () => setNumber('') });
  };
  return (
    <Card withBorder radius="md" padding="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('documents.registerTitle')}</Title>
        <Text size="sm" c="dimmed">{t('documents.registerIntro', { issuer })}</Text>
        <TextInput label={t('documents.field.documentNumber')} value={number} onChange={(e) => { setNumber(e.currentTarget.value); reg.reset(); }} required dir="ltr" data-testid="register-number" />
        <Group grow gap="sm">
          <Select label={t('documents.field.documentType')} data={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documents.type.${v}`) }))} value={type} onChange={(v) => v && setType(v as DocumentType)} allowDeselect={false} />
          <Select label={t('documents.lossType')} data={LOSS_TYPES.map((v) => ({ value: v, label: t(`documents.loss.${v}`) }))} value={lossType} onChange={(v) => v && setLossType(v as LossType)} allowDeselect={false} />
        </Group>
        <TextInput type="date" label={t('documents.lossDate')} value={lossDate} max={today()} onChange={(e) => setLossDate(e.currentTarget.value)} required dir="ltr" />
        {reg.error && <ErrorAlert error={reg.error} />}
        {reg.isSuccess && <Text size="sm" c="teal.8" role="status">{t('documents.registered')}</Text>}
        <Button type="submit" loading={reg.isPending}>{t('documents.register')}</Button>
      </Stack>
    </Card>
  );
}

function UploadForm({ limit }: { limit: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const up = useUploadDocuments();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useImportJob(jobId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setSent(0);
    setJobId(null);
    up.mutate({ file, onProgress: setSent }, { onSuccess: (r) => { setFile(null); setJobId(r.job.id); } });
  };
  const result = job.data?.result as { rows: number; registered: number; alreadyRegistered: number } | null | undefined;
  return (
    <Card withBorder radius="md" padding="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('documents.uploadTitle')}</Title>
        <Text size="sm" c="dimmed">{t('documents.uploadIntro', { limit: f.number(Math.round(limit / 1024 / 1024)) })}</Text>
        <Text size="xs" ff="monospace" dir="ltr" c="dimmed">number,issuing_state,type,loss_type,date</Text>
        <FileInput placeholder={t('documents.chooseFile')} accept=".csv,text/csv" value={file} onChange={(v) => { setFile(v); up.reset(); }} clearable aria-label={t('documents.uploadTitle')} />
        {up.isPending && <Progress value={sent * 100} size="sm" aria-label={t('documents.uploading')} />}
        {up.error && <ErrorAlert error={up.error} />}
        {job.data && <JobProgress job={job.data} />}
        {job.data?.error && <Text size="sm" c="red.8">{job.data.error}</Text>}
        {result && <Text size="sm" c="teal.8" role="status">{t('documents.uploadDone', { registered: f.number(result.registered), already: f.number(result.alreadyRegistered) })}</Text>}
        <Button type="submit" variant="light" loading={up.isPending} disabled={!file}>{t('documents.upload')}</Button>
      </Stack>
    </Card>
  );
}

/** The active register at a glance: one bar, a section per loss type. */
function LossBar({ counts }: { counts: Record<LossType, number> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = LOSS_TYPES.reduce((n, k) => n + counts[k], 0);
  if (total === 0) return null;
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap={6}>
        <Text size="sm" fw={600}>{t('documents.activeTotal', { n: f.number(total) })}</Text>
        <Progress.Root size={18} aria-label={t('documents.activeTotal', { n: f.number(total) })}>
          {LOSS_TYPES.filter((k) => counts[k] > 0).map((k) => (
            <Tooltip key={k} label={`${t(`documents.loss.${k}`)}: ${f.number(counts[k])}`}>
              <Progress.Section value={(counts[k] / total) * 100} color={LOSS_COLOR[k]} />
            </Tooltip>
          ))}
        </Progress.Root>
        <Group gap="md">
          {LOSS_TYPES.map((k) => (
            <Group key={k} gap={6}>
              <Badge color={LOSS_COLOR[k]} variant="filled" size="xs" circle> </Badge>
              <Text size="xs">{t(`documents.loss.${k}`)} · {f.number(counts[k])}</Text>
            </Group>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

function DocumentTable() {
  const { t } = useTranslation();
  const f = useFormat();
  const [filters, setFilters] = useState<DocumentFilters>({ page: 1, state: 'active' });
  const list = useDocuments(filters);
  const close = useCloseDocument();
  const set = (patch: Partial<DocumentFilters>) => setFilters((x) => ({ ...x, ...patch, page: patch.page ?? 1 }));
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <TextInput label={t('documents.field.documentNumber')} value={filters.number ?? ''} onChange={(e) => set({ number: e.currentTarget.value || undefined })} dir="ltr" w={180} />
          <Select label={t('documents.state')} data={DOCUMENT_STATES.map((v) => ({ value: v, label: t(`documents.stateName.${v}`) }))} value={filters.state ?? null} onChange={(v) => set({ state: (v as DocumentState | null) ?? undefined })} clearable placeholder={t('documents.all')} w={160} />
          <Select label={t('documents.lossType')} data={LOSS_TYPES.map((v) => ({ value: v, label: t(`documents.loss.${v}`) }))} value={filters.lossType ?? null} onChange={(v) => set({ lossType: (v as LossType | null) ?? undefined })} clearable placeholder={t('documents.all')} w={170} />
          <Select label={t('documents.field.documentType')} data={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documents.type.${v}`) }))} value={filters.type ?? null} onChange={(v) => set({ type: (v as DocumentType | null) ?? undefined })} clearable placeholder={t('documents.all')} w={170} />
        </Group>
        {close.error && <ErrorAlert error={close.error} />}
        {list.isLoading ? <Loading /> : list.error ? <ErrorAlert error={list.error} /> : !list.data || list.data.documents.length === 0 ? (
          <Empty title={t('documents.emptyTitle')} description={t('documents.emptyText')} />
        ) : (
          <>
            <Text size="sm" c="dimmed">{t('documents.count', { n: f.number(list.data.total) })}</Text>
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('documents.field.documentNumber')}</Table.Th>
                    <Table.Th>{t('documents.field.documentType')}</Table.Th>
                    <Table.Th>{t('documents.lossType')}</Table.Th>
                    <Table.Th>{t('documents.lossDate')}</Table.Th>
                    <Table.Th>{t('documents.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.documents.map((d) => (
                    <Table.Tr key={d.id} data-testid="document-row">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}><bdi dir="ltr" style={{ fontFamily: 'ui-monospace, monospace' }}>{d.issuingState} {d.number}</bdi></Table.Td>
                      <Table.Td>{t(`documents.type.${d.type}`)}</Table.Td>
                      <Table.Td><Badge color={LOSS_COLOR[d.lossType]} variant="light">{t(`documents.loss.${d.lossType}`)}</Badge></Table.Td>
                      <Table.Td>{f.date(d.lossDate)}</Table.Td>
                      <Table.Td>{t(`documents.stateName.${d.state}`)}{d.closedAt && <Text span size="xs" c="dimmed"> · {f.date(d.closedAt)}</Text>}</Table.Td>
                      <Table.Td>
                        {d.abilities.close && (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button size="compact-xs" variant="light" color="teal" loading={close.isPending && close.variables?.id === d.id} onClick={() => close.mutate({ id: d.id, action: 'recovered' })}>{t('documents.markRecovered')}</Button>
                            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => { if (window.confirm(t('documents.removeConfirm'))) close.mutate({ id: d.id, action: 'removed' }); }}>{t('documents.remove')}</Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {list.data.total > list.data.pageSize && <Pagination total={Math.ceil(list.data.total / list.data.pageSize)} value={filters.page} onChange={(p) => set({ page: p })} size="sm" />}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** Registered documents: the agency's own register of stolen and lost documents of its country. */
export function RegisteredDocumentsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const head = useDocuments({ page: 1, state: 'active' });
  return (
    <RequireAbility allowed={me.permissions.includes('document.register')}>
      <PageHeader title={t('documents.registryTitle')} description={t('documents.registryIntro')} />
      <Stack gap="lg">
        {head.data && (head.data.abilities.register && head.data.issuingState ? (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 6 }}><RegisterForm issuer={head.data.issuingState} /></Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}><UploadForm limit={head.data.uploadLimitBytes} /></Grid.Col>
          </Grid>
        ) : <Card withBorder radius="md"><Empty title={t('documents.cannotRegister')} /></Card>)}
        {head.data && <LossBar counts={head.data.activeByLossType} />}
        <DocumentTable />
      </Stack>
    </RequireAbility>
  );
}
