import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZChangePasswordRequest, type TChangePasswordRequest } from '../../../../common';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { validate } from '../../i18n/validate';
import { Section } from './Section';

export function PasswordSection() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = useMutation({ mutationFn: (body: TChangePasswordRequest) => api.post('/api/me/password', body) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZChangePasswordRequest, { currentPassword, newPassword });
    const errs: FieldErrors = v.errors ?? {};
    if (newPassword !== confirm) errs.confirm = t('validation.mismatch');
    if (!currentPassword) errs.currentPassword = t('validation.required');
    setErrors(errs);
    if (!v.data || Object.keys(errs).length) return;
    change.mutate(v.data, {
      onSuccess: () => {
        setCurrent('');
        setNew('');
        setConfirm('');
      },
      onError: (err) =>
        setErrors(err instanceof ApiError && err.code === 'invalid_credentials' ? { currentPassword: t('account.wrongPassword') } : fieldErrorsFromError(t, err)),
    });
  };

  return (
    <Section title={t('account.passwordTitle')} description={t('account.passwordIntro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          {change.isSuccess && (
            <Alert color="teal" variant="light" role="status">
              {t('account.passwordChanged')}
            </Alert>
          )}
          {Object.keys(errors).length === 0 && <ErrorAlert error={change.error} />}
          <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} error={errors.currentPassword} />
          <PasswordInput label={t('account.newPassword')} description={t('account.passwordRules')} autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} error={errors.newPassword} />
          <PasswordInput label={t('account.confirmPassword')} autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={errors.confirm} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
