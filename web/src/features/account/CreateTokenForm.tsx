import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZCreateTokenRequest } from '../../../../common';
import { api } from '../../api/client';
import type { ApiTokenRecord } from '../../api/types';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { useFormat } from '../../i18n/format';
import { validate } from '../../i18n/validate';
import { IconPlus } from '../../components/icons';

const DURATIONS = [7, 30, 90, 180, 366];

export function CreateTokenForm({ onCreated }: { onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation({ mutationFn: (body: unknown) => api.post<{ token: string; record: ApiTokenRecord }>('/api/me/tokens', body) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZCreateTokenRequest, { name, expiresInDays: Number(days) });
    setErrors(v.errors ?? {});
    if (!v.data) return;
    create.mutate(v.data, {
      onSuccess: (r) => {
        setName('');
        onCreated(r.token);
      },
      onError: (err) => setErrors(fieldErrorsFromError(t, err)),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={create.error} />
      <Group align="flex-start" gap="sm" mt={create.error ? 'sm' : 0}>
        <TextInput label={t('tokens.name')} placeholder={t('tokens.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} style={{ flex: 1, minWidth: 200 }} />
        <NativeSelect
          label={t('tokens.validity')}
          value={days}
          onChange={(e) => setDays(e.currentTarget.value)}
          data={DURATIONS.map((d) => ({ value: String(d), label: t('tokens.days', { n: f.number(d) }) }))}
          error={errors.expiresInDays}
        />
        <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconPlus size={16} />}>
          {t('tokens.create')}
        </Button>
      </Group>
    </form>
  );
}
