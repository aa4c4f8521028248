import { Button, Code, Group, Image, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZTotpConfirmRequest } from '../../../../common';
import { api } from '../../api/client';
import type { TotpSetup } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/States';
import { validate } from '../../i18n/validate';

/** Groups the base32 secret in fours so a person can type it. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function TotpEnrol({ onConfirmed, onCancel }: { onConfirmed: (codes: string[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const setup = useQuery({ queryKey: ['totp-setup'], queryFn: () => api.post<TotpSetup>('/api/me/totp/setup'), staleTime: Infinity, gcTime: 0, retry: false });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirm = useMutation({ mutationFn: (body: { code: string }) => api.post<{ recoveryCodes: string[] }>('/api/me/totp/confirm', body) });

  if (setup.isPending) return <Loading />;
  if (setup.error) return <ErrorAlert error={setup.error} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZTotpConfirmRequest, { code: code.replace(/\s+/g, '') });
    setError(v.errors?.code ? t('validation.sixDigits') : undefined);
    if (!v.data) return;
    confirm.mutate(v.data, { onSuccess: (r) => onConfirmed(r.recoveryCodes) });
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('account.totpScan')}</Text>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Paper withBorder p="xs" radius="md" bg="white">
          <Image src={setup.data.qrSvgDataUrl} alt={t('account.totpQrAlt')} w={168} h={168} />
        </Paper>
        <Stack gap={6} style={{ flex: 1, minWidth: 220 }}>
          <Text size="sm" c="dimmed">
            {t('account.totpManual')}
          </Text>
          <Code block dir="ltr" fz="md" aria-label={t('account.totpSecret')} data-testid="totp-secret" data-secret={setup.data.secret}>
            {grouped(setup.data.secret)}
          </Code>
        </Stack>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={320}>
          <ErrorAlert error={confirm.error} />
          <TextInput
            label={t('account.totpConfirmCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={error}
            classNames={{ input: 'ltr-value' }}
          />
          <Group gap="xs">
            <Button type="submit" loading={confirm.isPending}>
              {t('account.totpConfirm')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
