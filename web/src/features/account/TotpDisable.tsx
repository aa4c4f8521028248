import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/States';

export function TotpDisable({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const disable = useMutation({ mutationFn: (body: { password: string }) => api.post('/api/me/totp/disable', body) });
  const wrong = disable.error instanceof ApiError && disable.error.code === 'invalid_credentials';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    disable.mutate({ password }, { onSuccess: onDisabled });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <Text size="sm">{t('account.totpOnText')}</Text>
        {!wrong && <ErrorAlert error={disable.error} />}
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={wrong ? t('account.wrongPassword') : undefined}
        />
        <Group>
          <Button type="submit" color="red" variant="light" loading={disable.isPending} disabled={!password}>
            {t('account.totpDisable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
