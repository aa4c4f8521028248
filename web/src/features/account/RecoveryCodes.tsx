import { Alert, Button, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconCheck, IconCopy, IconDownload } from '../../components/icons';
import { downloadText } from '../../components/download';

/** Recovery codes, shown once: copy them, download them, then close. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const text = codes.join('\n') + '\n';
  return (
    <Stack gap="sm">
      <Alert color="teal" variant="light" title={t('account.totpEnabledTitle')}>
        {t('account.recoveryIntro')}
      </Alert>
      <Paper withBorder p="md" radius="md" bg="gray.0" aria-label={t('account.recoveryCodes')} role="region">
        <SimpleGrid cols={2} spacing={6} dir="ltr">
          {codes.map((c) => (
            <Text key={c} ff="monospace" size="sm" data-testid="recovery-code">
              {c}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => downloadText('tansiq-recovery-codes.txt', text)}>
          {t('common.download')}
        </Button>
        <Button onClick={onDone}>{t('account.recoverySaved')}</Button>
      </Group>
    </Stack>
  );
}
