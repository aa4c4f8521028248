import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PMessage } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { useRequestPermission } from './onwardApi';

/** H1: asking the original provider to allow use of the information in judicial proceedings, with the reason. */
export function JudicialUseModal({ message, onClose }: { message: PMessage; onClose: () => void }) {
  const { t } = useTranslation();
  const ask = useRequestPermission(message.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t('onward.judicial.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('onward.judicial.intro')}
        </Text>
        {sent ? (
          <Text size="sm" c="teal.8" role="status">
            {t('onward.judicial.sent')}
          </Text>
        ) : (
          <Textarea label={t('onward.judicial.reason')} value={reason} onChange={(e) => (setReason(e.currentTarget.value), setError(null))} error={error} autosize minRows={3} maxLength={2000} data-autofocus />
        )}
        {ask.error && <ErrorAlert error={ask.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {sent ? t('onward.judicial.close') : t('common.cancel')}
          </Button>
          {!sent && (
            <Button
              loading={ask.isPending}
              onClick={() => {
                if (reason.trim().length < 3) return setError(t('onward.permission.reasonNeeded'));
                ask.mutate({ kind: 'judicial', reason: reason.trim() }, { onSuccess: () => setSent(true) });
              }}
            >
              {t('onward.permission.send')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
