import { ActionIcon, Button, FileButton, Group, Input, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errors';
import { formatFileSize, fileKind } from './fileSize';
import { IconPaperclip, IconX } from './icons';
import type { Upload } from './uploads';

/** Why an upload failed, in the reader's language (size limit and refused type named; anything else translated by code). */
function UploadError({ u }: { u: Upload }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!u.error) return null;
  const limit = Array.isArray(u.error.details) ? (u.error.details as { maximum?: number }[])[0]?.maximum : undefined;
  const message = u.error.code === 'payload_too_large' ? t('attachments.tooLarge', { mb: limit ?? 50 }) : u.error.code === 'attachment_type_refused' ? t('attachments.typeRefused') : text(u.error);
  return (
    <Text size="xs" c="red.8" role="alert">
      {message}
    </Text>
  );
}

/**
 * The compose form's files: each uploads (encrypted on arrival) as soon as it is chosen, with a progress bar; a
 * failed one says why; the message is sent with the finished ones.
 */
export function AttachmentPicker({ uploads, onAdd, onRemove }: { uploads: Upload[]; onAdd: (files: File[]) => void; onRemove: (u: Upload) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Input.Wrapper label={t('attachments.title')} description={t('attachments.help')}>
      <Stack gap={6} mt={6}>
        {uploads.map((u) => (
          <Group key={u.key} gap="sm" wrap="nowrap" align="center" data-testid="upload-row">
            <IconPaperclip size={16} style={{ flexShrink: 0 }} />
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="sm" truncate="end" dir="auto" fw={500}>
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {u.attachment ? `${t(`attachments.kinds.${fileKind(u.attachment.mediaType)}`)} · ` : ''}
                  {formatFileSize(u.size, i18n.language)}
                </Text>
              </Group>
              {u.state === 'uploading' && (
                <Progress value={u.progress * 100} size="sm" animated aria-label={t('attachments.uploading', { name: u.name })} />
              )}
              {u.state === 'done' && (
                <Text size="xs" c="teal.8">
                  {t('attachments.ready')}
                </Text>
              )}
              <UploadError u={u} />
            </Stack>
            <ActionIcon variant="subtle" color="gray" onClick={() => onRemove(u)} aria-label={t('attachments.remove', { name: u.name })}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        <FileButton onChange={(files) => onAdd(files)} multiple>
          {(props) => (
            <Button {...props} variant="default" size="xs" leftSection={<IconPaperclip size={14} />} style={{ alignSelf: 'flex-start' }}>
              {t('attachments.add')}
            </Button>
          )}
        </FileButton>
      </Stack>
    </Input.Wrapper>
  );
}
