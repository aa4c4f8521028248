import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PUser } from '../../../../common';
import { api } from '../../api/client';
import type { EnrolmentLink } from '../../api/types';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ErrorAlert } from '../../components/States';
import { USERS_KEY } from './api';

/** Resets a user's password or second factor; the user re-enrols through a new one-time link. */
export function ResetUserModal({ user, onClose }: { user: PUser; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'password' | 'totp'>('password');
  const reset = useMutation({
    mutationFn: () => api.post<EnrolmentLink>(`/api/users/${encodeURIComponent(user.id)}/reset`, { kind }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: USERS_KEY }),
  });

  return (
    <Modal opened onClose={onClose} title={t('users.resetTitle', { name: user.displayName })} size="lg">
      {reset.data ? (
        <Stack gap="md">
          {reset.data.enrolmentUrl ? (
            <OneTimeSecret label={t('users.enrolmentLink')} value={reset.data.enrolmentUrl} hint={t('users.enrolmentHint', { email: user.email })} />
          ) : (
            <Alert color="teal" variant="light" role="status">
              {t('users.totpCleared', { name: user.displayName })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('users.resetIntro')}</Text>
          <ErrorAlert error={reset.error} />
          <Radio.Group value={kind} onChange={(v) => setKind(v === 'totp' ? 'totp' : 'password')} label={t('users.resetKind')}>
            <Stack gap={8} mt={6}>
              <Radio value="password" label={t('users.resetPassword')} />
              <Radio value="totp" label={t('users.resetTotp')} />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={reset.isPending} onClick={() => reset.mutate()}>
              {t('users.resetSubmit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
