import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Modal, Pagination, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, useDirection } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ACCREDITATION_CATEGORIES, type AccreditationDecision, type PAccreditation, type PAccreditationPage, type PEvent } from '../../../../common';
import { IconAlert } from '../../components/icons';
import { ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useAccreditation, useDecide, useUploadAccreditation } from './api';
import { useFieldErrors } from './fieldErrors';
import { DECISION_COLOR } from './labels';

const DECISIONS = ['approve', 'refer', 'deny', 'pending'] as const;

function Upload({ event }: { event: PEvent }) {
  const { t } = useTranslation();
  const upload = useUploadAccreditation(event.id);
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState(t('events.accreditation.defaultPurpose', { event: event.name }));
  const [sent, setSent] = useState(0);
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb={4}>{t('events.accreditation.upload')}</Title>
      <Text size="xs" c="dimmed" mb="sm">{t('events.accreditation.columns')}</Text>
      <Stack gap="xs">
        <ErrorAlert error={upload.error} />
        <Group align="flex-end" grow>
          <FileInput label={t('events.accreditation.file')} accept=".csv,text/csv" value={file} onChange={setFile} clearable />
          <TextInput label={t('events.accreditation.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
        </Group>
        {upload.isPending && <Progress value={sent * 100} size="sm" aria-label={t('events.accreditation.uploading')} />}
        <Group justify="flex-end">
          <Button disabled={!file || purpose.trim().length < 3} loading={upload.isPending} onClick={() => file && upload.mutate({ file, purpose: purpose.trim(), onProgress: setSent }, { onSuccess: () => setFile(null) })}>
            {t('events.accreditation.screen')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SummaryChart({ page }: { page: PAccreditationPage }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { dir } = useDirection();
  const cats = [...new Set([...ACCREDITATION_CATEGORIES.filter((c) => page.summary.byCategory.some((b) => b.category === c)), ...page.summary.byCategory.map((b) => b.category)])];
  const data = cats.map((c) => {
    const row: Record<string, string | number> = { name: t(`events.accreditationCategory.${c}`, { defaultValue: c }) };
    for (const d of DECISIONS) row[d] = page.summary.byCategory.find((b) => b.category === c && b.decision === d)?.count ?? 0;
    return row;
  });
  return (
    <Card withBorder radius="md" padding="md" data-testid="accreditation-summary">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">{t('events.accreditation.summary')}</Title>
        <Text size="sm">{t('events.accreditation.totals', { total: f.number(page.summary.total), referred: f.number(page.summary.referred) })}</Text>
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">{t('events.accreditation.noPeople')}</Text>
      ) : (
        <div dir="ltr" style={{ width: '100%', height: 260 }}>
          <ResponsiveContainer>
            <BarChart data={data} margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" reversed={dir === 'rtl'} tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} orientation={dir === 'rtl' ? 'right' : 'left'} tickFormatter={(v: number) => f.number(v)} />
              <Tooltip formatter={(v, name) => [f.number(Number(v)), t(`events.decision.${String(name)}`)]} />
              <Legend formatter={(name) => t(`events.decision.${String(name)}`)} />
              {DECISIONS.map((d) => <Bar key={d} dataKey={d} stackId="a" fill={DECISION_COLOR[d]} isAnimationActive={false} />)}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

function DecideDialog({ eventId, person, onClose }: { eventId: string; person: PAccreditation; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecide(eventId);
  const [decision, setDecision] = useState<AccreditationDecision>(person.proposal);
  const [reason, setReason] = useState(person.decisionReason ?? '');
  const fields = useFieldErrors(decide.error);
  return (
    <Modal opened onClose={onClose} title={t('events.accreditation.decideTitle', { name: person.name })}>
      <Stack gap="sm">
        <ErrorAlert error={fields.rest ? decide.error : null} />
        <SegmentedControl value={decision} onChange={(v) => setDecision(v as AccreditationDecision)} data={(['approve', 'refer', 'deny'] as const).map((d) => ({ value: d, label: t(`events.decision.${d}`) }))} />
        <Textarea label={t('events.accreditation.reason')} description={decision === 'approve' ? undefined : t('events.accreditation.reasonRequired')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxLength={2000} error={fields.of('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('events.cancel')}</Button>
          <Button loading={decide.isPending} onClick={() => decide.mutate({ personId: person.id, decision, reason: reason.trim() }, { onSuccess: onClose })}>{t('events.accreditation.record')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PersonRow({ p, onDecide }: { p: PAccreditation; onDecide: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const top = p.candidates[0] as { name?: string; score?: number; watchlist?: { name?: string } } | undefined;
  return (
    <Table.Tr data-testid="accreditation-row">
      <Table.Td>
        <Text size="sm" fw={600}><bdi>{p.name}</bdi></Text>
        <Text size="xs" c="dimmed">{[p.birthDate, p.nationality ? f.country(p.nationality) : null, p.organisation].filter(Boolean).join(' · ')}</Text>
      </Table.Td>
      <Table.Td>{t(`events.accreditationCategory.${p.category}`, { defaultValue: p.category })}</Table.Td>
      <Table.Td>
        <Badge color={p.proposal === 'refer' ? 'orange' : 'green'} variant="light">{t(`events.proposal.${p.proposal}`)}</Badge>
        {p.proposal === 'refer' && top && (top.score ?? 0) > 0 && (
          <Text size="xs" mt={2}>
            {t('events.accreditation.hit', { name: top.name ?? '', list: top.watchlist?.name ?? '', score: f.number(Math.round((top.score ?? 0) * 100)) })}
          </Text>
        )}
        {p.documentHits.map((d) => (
          <Text key={d.id} size="xs" mt={2} c="red">{t('events.accreditation.documentHit', { type: t(`events.lossType.${d.lossType}`, { defaultValue: d.lossType }), agency: d.agency.name })}</Text>
        ))}
        {p.hits.map((h) => (
          <Text key={h.id} size="xs" mt={2} data-testid="accreditation-hit">
            {h.abilities.open ? (
              <Anchor component={Link} to={`/hits/${h.id}`} size="xs" fw={600}>{t(`events.accreditation.hitLink.${h.state}`)}</Anchor>
            ) : (
              <Text span size="xs" c="dimmed">{t(`events.accreditation.hitState.${h.state}`)}</Text>
            )}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        {p.decision ? (
          <Stack gap={0}>
            <Badge color={p.decision === 'approve' ? 'green' : p.decision === 'refer' ? 'orange' : 'red'}>{t(`events.decision.${p.decision}`)}</Badge>
            {p.decidedBy && <Text size="xs" c="dimmed"><bdi>{p.decidedBy.name}</bdi></Text>}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">{t('events.decision.pending')}</Text>
        )}
      </Table.Td>
      <Table.Td>{p.abilities.decide && <Button size="compact-sm" variant="light" onClick={onDecide}>{t('events.accreditation.decide')}</Button>}</Table.Td>
    </Table.Tr>
  );
}

/** Accreditation: upload and follow lists, the summary chart, people referrals first, and the committee's decisions. */
export function AccreditationPanel({ event }: { event: PEvent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState('all');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<PAccreditation | null>(null);
  const q = useAccreditation(event.id, true, { status, page });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const d = q.data;
  return (
    <Stack gap="md">
      <Alert color={d.summary.purged ? 'gray' : 'blue'} variant="light" icon={<IconAlert />} data-testid="retention">
        {d.summary.purged ? t('events.accreditation.purged') : t('events.accreditation.retention', { date: f.date(`${d.summary.purgeOn}T00:00:00Z`), days: event.retentionDays })}
      </Alert>
      {event.abilities.uploadAccreditation && !d.summary.purged && <Upload event={event} />}
      <SimpleGrid cols={{ base: 1, md: d.lists.length ? 2 : 1 }} spacing="md">
        <SummaryChart page={d} />
        {d.lists.length > 0 && (
          <Card withBorder radius="md" padding="md">
            <Title order={2} size="h4" mb="sm">{t('events.accreditation.lists')}</Title>
            <Stack gap="sm">
              {d.lists.map((l) => (
                <Stack key={l.id} gap={2} data-testid="accreditation-list">
                  <Group justify="space-between">
                    <Text size="sm" fw={600}><bdi>{l.fileName ?? t('events.accreditation.unnamed')}</bdi></Text>
                    <Text size="xs" c="dimmed"><bdi>{l.agency.name}</bdi> · {f.dateTime(l.createdAt)}</Text>
                  </Group>
                  {l.job && l.job.state !== 'succeeded' ? (
                    <>
                      <Progress value={l.job.progress.total ? (100 * l.job.progress.done) / l.job.progress.total : 0} animated={l.job.state === 'running'} color={l.job.state === 'failed' ? 'red' : 'blue'} aria-label={t('events.accreditation.progress')} />
                      <Text size="xs">{l.job.state === 'failed' ? (l.job.error ?? t('events.accreditation.failed')) : t('events.accreditation.screening', { done: f.number(l.job.progress.done), total: f.number(l.job.progress.total ?? 0) })}</Text>
                    </>
                  ) : (
                    <Text size="xs">{t('events.accreditation.screened', { n: f.number(l.people) })}</Text>
                  )}
                </Stack>
              ))}
            </Stack>
          </Card>
        )}
      </SimpleGrid>
      {!d.summary.purged && (
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">{t('events.accreditation.people')}</Title>
            <SegmentedControl size="xs" value={status} onChange={(v) => { setStatus(v); setPage(1); }} data={[{ value: 'all', label: t('events.accreditation.filterAll') }, { value: 'refer', label: t('events.accreditation.filterRefer') }, { value: 'pending', label: t('events.accreditation.filterPending') }]} />
          </Group>
          {d.people.length === 0 ? (
            <Text size="sm" c="dimmed">{t('events.accreditation.noPeople')}</Text>
          ) : (
            <Table verticalSpacing="xs" data-testid="accreditation-people">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('events.accreditation.person')}</Table.Th>
                  <Table.Th>{t('events.accreditation.category')}</Table.Th>
                  <Table.Th>{t('events.accreditation.proposal')}</Table.Th>
                  <Table.Th>{t('events.accreditation.decision')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.people.map((p) => <PersonRow key={p.id} p={p} onDecide={() => setDeciding(p)} />)}
              </Table.Tbody>
            </Table>
          )}
          {d.total > d.pageSize && <Pagination mt="sm" value={page} onChange={setPage} total={Math.ceil(d.total / d.pageSize)} />}
        </Card>
      )}
      {deciding && <DecideDialog eventId={event.id} person={deciding} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}
