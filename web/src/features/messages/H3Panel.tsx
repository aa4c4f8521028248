import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PMessage } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useAcknowledgeH3 } from './api';
import { IconShield } from './icons';

/**
 * An H3 message's restriction, which each reader acknowledges before the content shows. The acknowledgement is
 * recorded and audited; the body arrives from the server only after it.
 */
export function H3Panel({ message }: { message: PMessage }) {
  const { t } = useTranslation();
  const ack = useAcknowledgeH3(message.id);
  return (
    <Alert color="grape" variant="light" icon={<IconShield />} title={t('messages.h3.title', { agency: message.senderAgencyName })} role="region" aria-label={t('messages.h3.title', { agency: message.senderAgencyName })}>
      <Stack gap="sm">
        <Text size="sm">{t('messages.h3.intro')}</Text>
        <Text size="sm" fw={600} dir="auto" style={{ whiteSpace: 'pre-wrap', borderInlineStart: '3px solid var(--mantine-color-grape-5)', paddingInlineStart: 10 }} data-testid="h3-text">
          {message.handlingText}
        </Text>
        <div>
          <Button color="grape" onClick={() => ack.mutate()} loading={ack.isPending}>
            {t('messages.h3.acknowledge')}
          </Button>
        </div>
        <Text size="xs" c="dimmed">
          {t('messages.h3.recorded')}
        </Text>
        {ack.error && <ErrorAlert error={ack.error} />}
      </Stack>
    </Alert>
  );
}
