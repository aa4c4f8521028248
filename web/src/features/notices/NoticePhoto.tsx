import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PNotice, PNoticeSummary } from '../../../../common';
import { NOTICE_PHOTO_TYPES } from '../../../../common';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../i18n/errors';
import { noticePhotoUrl, useNoticePhotoUpload, useRemoveNoticePhoto } from './api';
import { IconNotice } from './icons';

const ACCEPT = NOTICE_PHOTO_TYPES.join(',');

/**
 * The subject's photo, or a plain placeholder when there is none (or it cannot be shown). The image comes from the
 * authorised API (the session cookie goes with it; every view is audited there); its size is set here by CSS.
 */
export function PhotoFrame({ notice, src, width, label }: { notice: Pick<PNoticeSummary, 'id' | 'name' | 'photo'>; src?: string | null; width: number; label?: string }) {
  const { t } = useTranslation();
  const url = src ?? noticePhotoUrl(notice);
  const [failed, setFailed] = useState<string | null>(null);
  const box = { width, height: Math.round(width * 1.25), borderRadius: 6, flexShrink: 0, background: 'var(--mantine-color-gray-1)', border: '1px solid var(--mantine-color-gray-3)' } as const;
  if (!url || failed === url) {
    return (
      <Stack align="center" justify="center" gap={4} style={box} data-photo="none" role="img" aria-label={label ?? t('notices.photo.none')}>
        <IconNotice size={Math.round(width / 3)} style={{ color: 'var(--mantine-color-gray-5)' }} />
        {width >= 100 && (
          <Text size="xs" c="dimmed" ta="center" px={4}>
            {failed === url && url ? t('notices.photo.unavailable') : t('notices.photo.none')}
          </Text>
        )}
      </Stack>
    );
  }
  return <img src={url} alt={t('notices.photo.alt', { name: notice.name })} data-photo="shown" onError={() => setFailed(url)} style={{ ...box, objectFit: 'cover', display: 'block' }} />;
}

/** A type refused by the browser's own pre-check, before anything is sent. */
const REFUSED_HERE = new ApiError(415, 'photo_type_refused', 'Not a JPEG, PNG or WebP image.');

/** Why an upload failed, in the reader's language: the refused type and the size limit are named. */
function photoErrorText(t: (k: string, o?: Record<string, unknown>) => string, text: (e: unknown) => string, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'photo_type_refused') return t('notices.photo.typeRefused');
    if (e.code === 'payload_too_large') {
      const mb = Array.isArray(e.details) ? (e.details as { maximum?: number }[])[0]?.maximum : undefined;
      return t('notices.photo.tooLarge', { mb: mb ?? 5 });
    }
  }
  return text(e);
}

/**
 * The photo of a notice the reader may edit: add, replace (with a preview and a progress bar while it uploads) or
 * remove, with clear errors. The server checks the type from the content and the size; the browser only pre-checks
 * the type to answer at once.
 */
export function NoticePhotoEditor({ notice, width = 160 }: { notice: PNotice; width?: number }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const upload = useNoticePhotoUpload(notice.id);
  const remove = useRemoveNoticePhoto(notice.id);
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  // The error itself is kept (not its words), so that it reads in the interface language of the moment.
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<(() => void) | null>(null);
  const resetRef = useRef<() => void>(null);
  useEffect(() => () => abort.current?.(), []);

  const choose = (file: File | null) => {
    resetRef.current?.();
    if (!file) return;
    setError(null);
    remove.reset();
    if (!(NOTICE_PHOTO_TYPES as readonly string[]).includes(file.type)) {
      setError(REFUSED_HERE);
      return;
    }
    // A local preview while it uploads (a data: address: the page's content security policy allows those for images).
    const reader = new FileReader();
    reader.onload = () => setPreview(typeof reader.result === 'string' ? reader.result : null);
    reader.readAsDataURL(file);
    setProgress(0);
    const run = upload(file, setProgress);
    abort.current = run.abort;
    run.done.then(
      () => setError(null),
      (e: unknown) => {
        if (!(e instanceof ApiError && e.code === 'aborted')) setError(e);
      },
    ).finally(() => {
      abort.current = null;
      setProgress(null);
      setPreview(null);
    });
  };

  const uploading = progress !== null;
  const has = notice.photo !== null;
  return (
    <Stack gap={6} style={{ width: Math.max(width, 180) }} data-testid="photo-editor">
      <PhotoFrame notice={notice} src={uploading ? preview ?? undefined : undefined} width={width} />
      {uploading && (
        <Stack gap={2}>
          <Progress value={Math.round((progress ?? 0) * 100)} size="sm" aria-label={t('notices.photo.uploading', { percent: Math.round((progress ?? 0) * 100) })} />
          <Group justify="space-between" gap={4}>
            <Text size="xs" c="dimmed">{t('notices.photo.uploading', { percent: Math.round((progress ?? 0) * 100) })}</Text>
            <Button size="compact-xs" variant="subtle" onClick={() => abort.current?.()}>{t('notices.photo.cancel')}</Button>
          </Group>
        </Stack>
      )}
      {!uploading && (
        <Group gap={6}>
          <FileButton onChange={choose} accept={ACCEPT} resetRef={resetRef}>
            {(props) => <Button size="xs" variant="light" {...props} data-action="photo-choose">{has ? t('notices.photo.replace') : t('notices.photo.add')}</Button>}
          </FileButton>
          {has && (
            <Button size="xs" variant="subtle" color="red" loading={remove.isPending} onClick={() => { setError(null); remove.mutate(); }} data-action="photo-remove">
              {t('notices.photo.remove')}
            </Button>
          )}
        </Group>
      )}
      {(error ?? remove.error) !== null && (
        <Text size="xs" c="red.8" role="alert" data-photo-error>
          {photoErrorText(t, text, error ?? remove.error)}
        </Text>
      )}
      <Text size="xs" c="dimmed">{t('notices.photo.help')}</Text>
    </Stack>
  );
}
