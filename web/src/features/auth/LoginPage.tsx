import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isLocale, type PMe } from '../../../../common';
import { ApiError, api, setCsrfToken } from '../../api/client';
import { ME_KEY, useMe } from '../../api/session';
import { ErrorAlert } from '../../components/States';
import { changeLocale } from '../../i18n';
import { AuthFrame } from './AuthFrame';

/** Where to go after login: only a path inside the app, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = step === 'totp' ? { email, password, totp: totp.replace(/\s+/g, '') } : { email, password };
      // The login answer is the same record as GET /api/me, with the new session's CSRF token.
      const me = await api.post<PMe>('/api/auth/login', body);
      setCsrfToken(me.csrfToken);
      if (isLocale(me.user.locale)) await changeLocale(me.user.locale);
      qc.setQueryData(ME_KEY, me);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required' && step === 'password') {
        setStep('totp');
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2}>{step === 'password' ? t('auth.loginTitle') : t('auth.totpTitle')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {step === 'password' ? t('auth.loginIntro') : t('auth.totpIntro')}
            </Text>
          </div>
          {params.get('enrolled') && !error && (
            <Alert color="teal" variant="light" role="status">
              {t('enrol.done')}
            </Alert>
          )}
          <ErrorAlert error={error} />
          {step === 'password' ? (
            <>
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="username"
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                classNames={{ input: 'ltr-value' }}
              />
              <PasswordInput
                label={t('auth.password')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
            </>
          ) : (
            <TextInput
              label={t('auth.totpCode')}
              description={t('auth.totpCodeHelp')}
              autoComplete="one-time-code"
              inputMode="text"
              autoFocus
              maxLength={32}
              value={totp}
              onChange={(e) => setTotp(e.currentTarget.value)}
              classNames={{ input: 'ltr-value' }}
            />
          )}
          <Button type="submit" loading={busy} fullWidth>
            {step === 'password' ? t('auth.login') : t('auth.verify')}
          </Button>
          {step === 'totp' && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setStep('password');
                setTotp('');
                setError(null);
              }}
            >
              {t('common.back')}
            </Anchor>
          )}
        </Stack>
      </form>
    </AuthFrame>
  );
}
