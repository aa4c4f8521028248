import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PMessage } from '../../../../common';
import { formatFileSize, fileKind } from './fileSize';
import { IconDownload, IconPaperclip } from './icons';

/** The files of a message, each with its kind, size and a download (audited on the server). */
export function Attachments({ message }: { message: PMessage }) {
  const { t, i18n } = useTranslation();
  if (message.attachments.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="attachments-title">
      <Title order={2} id="attachments-title" mb={4}>
        {t('attachments.listTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('attachments.listHelp')}
      </Text>
      <Stack gap={6}>
        {message.attachments.map((a) => (
          <Group key={a.id} gap="sm" wrap="nowrap" justify="space-between" data-testid="attachment-row">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconPaperclip size={16} style={{ flexShrink: 0 }} />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate="end" dir="auto">
                  {a.filename}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`attachments.kinds.${fileKind(a.mediaType)}`)} · {formatFileSize(a.size, i18n.language)}
                </Text>
              </Stack>
            </Group>
            <Button
              component="a"
              href={`/api/messages/${encodeURIComponent(message.id)}/attachments/${encodeURIComponent(a.id)}`}
              download={a.filename}
              variant="light"
              size="xs"
              leftSection={<IconDownload size={14} />}
              aria-label={t('attachments.downloadNamed', { name: a.filename })}
            >
              {t('attachments.download')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
