import { Alert, Button, FileInput, Group, Modal, Progress, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PWatchlist } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { JobProgress } from '../screening/BatchScreening';
import { IconUpload } from '../screening/icons';
import { useImport, useJob } from './api';

/** Imports a file as a new list, or as the next version of `list`; shows the job's progress until it ends. */
export function ImportModal({ opened, onClose, list, canGlobal, canAgency, limitBytes }: { opened: boolean; onClose: () => void; list: PWatchlist | null; canGlobal: boolean; canAgency: boolean; limitBytes: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const imp = useImport();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'global' | 'agency'>(canAgency ? 'agency' : 'global');
  const [sent, setSent] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const close = () => {
    setFile(null);
    setName('');
    setJobId(null);
    imp.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    imp.mutate({ file, name: name.trim(), scope, listId: list?.id ?? null, onProgress: setSent }, { onSuccess: (r) => setJobId(r.job.id) });
  };
  const result = job.data?.result as { version?: number; entries?: number; added?: number; removed?: number; changed?: number } | null | undefined;
  return (
    <Modal opened={opened} onClose={close} title={list ? t('watchlists.newVersionOf', { name: list.name }) : t('watchlists.import')} size="lg">
      {jobId ? (
        <Stack gap="sm">
          {job.data && <JobProgress job={job.data} />}
          {job.data?.state === 'succeeded' && result && (
            <Alert color="teal" variant="light" title={t('watchlists.imported', { version: result.version })}>
              {t('watchlists.summary', { entries: f.number(result.entries ?? 0), added: f.number(result.added ?? 0), removed: f.number(result.removed ?? 0), changed: f.number(result.changed ?? 0) })}
            </Alert>
          )}
          {job.data?.state === 'failed' && <Alert color="red" variant="light" title={t('watchlists.failed')}>{job.data.error}</Alert>}
          <Group justify="flex-end"><Button onClick={close}>{t('common.done')}</Button></Group>
        </Stack>
      ) : (
        <Stack gap="sm" component="form" onSubmit={submit}>
          <Text size="sm" c="dimmed">{t('watchlists.formats', { limit: f.number(Math.round(limitBytes / 1024 / 1024)) })}</Text>
          <FileInput label={t('watchlists.file')} placeholder={t('screening.chooseFile')} value={file} onChange={setFile} leftSection={<IconUpload size={16} />} required clearable />
          {!list && <TextInput label={t('watchlists.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />}
          {!list && canGlobal && canAgency && (
            <SegmentedControl value={scope} onChange={(v) => setScope(v as 'global' | 'agency')} data={[{ value: 'agency', label: t('watchlists.scope.agency') }, { value: 'global', label: t('watchlists.scope.global') }]} />
          )}
          <Text size="xs" c="dimmed">{scope === 'global' && !list ? t('watchlists.globalHint') : t('watchlists.agencyHint')}</Text>
          {imp.isPending && <Progress value={sent * 100} size="sm" aria-label={t('screening.uploading')} />}
          {imp.error && <ErrorAlert error={imp.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button type="submit" loading={imp.isPending} disabled={!file}>{t('watchlists.startImport')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
