import { Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ZEnrolRequest } from '../../../../common';
import { api } from '../../api/client';
import type { EnrolmentInfo } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { validate } from '../../i18n/validate';
import { AuthFrame } from './AuthFrame';

/** The page an enrolment link opens: the person sets their name and password, then signs in. */
export function EnrolPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useParams().token ?? '';
  const path = `/api/enrol/${encodeURIComponent(token)}`;
  const info = useQuery({ queryKey: ['enrol', token], queryFn: () => api.get<EnrolmentInfo>(path), retry: false });
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const enrol = useMutation({ mutationFn: (body: unknown) => api.post(path, body) });

  useEffect(() => {
    if (info.data?.displayName) setDisplayName((v) => v || (info.data?.displayName ?? ''));
  }, [info.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZEnrolRequest, { displayName, password });
    const errs: FieldErrors = v.errors ?? {};
    if (password !== confirm) errs.confirm = t('validation.mismatch');
    setErrors(errs);
    if (!v.data || errs.confirm) return;
    enrol.mutate(v.data, {
      onSuccess: () => void navigate(`/login?enrolled=1&email=${encodeURIComponent(info.data?.email ?? '')}`, { replace: true }),
      onError: (err) => setErrors(fieldErrorsFromError(t, err)),
    });
  };

  return (
    <AuthFrame>
      {info.isPending ? (
        <Loading />
      ) : info.error ? (
        <Stack>
          <Title order={2}>{t('enrol.title')}</Title>
          <ErrorAlert error={info.error} />
          <Text size="sm" c="dimmed">
            {t('enrol.invalidHelp')}
          </Text>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={2}>{t('enrol.title')}</Title>
              <Text size="sm" c="dimmed" mt={4}>
                {t(info.data.purpose === 'password-reset' ? 'enrol.resetIntro' : 'enrol.intro', { agency: info.data.agencyName })}
              </Text>
            </div>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('auth.email')}:
              </Text>
              <Text size="sm" fw={600} className="ltr-value">
                {info.data.email}
              </Text>
            </Group>
            <ErrorAlert error={enrol.error} />
            <TextInput
              label={t('enrol.displayName')}
              required
              autoComplete="name"
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={errors.displayName}
            />
            <PasswordInput
              label={t('enrol.newPassword')}
              description={t('account.passwordRules')}
              required
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            <PasswordInput
              label={t('enrol.confirmPassword')}
              required
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={errors.confirm}
            />
            <Button type="submit" loading={enrol.isPending} fullWidth>
              {t('enrol.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
