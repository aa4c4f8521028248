import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZEnrolmentLinkRequest, type PAgency, type TEnrolmentLinkRequest } from '../../../../common';
import { api } from '../../api/client';
import type { EnrolmentLink } from '../../api/types';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { useFormat } from '../../i18n/format';
import { validate } from '../../i18n/validate';

/** Issues the one-time link with which an agency's first administrator enrols. */
export function EnrolmentLinkModal({ agency, onClose }: { agency: PAgency; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const issue = useMutation({
    mutationFn: (body: TEnrolmentLinkRequest) => api.post<EnrolmentLink>(`/api/agencies/${encodeURIComponent(agency.id)}/enrolment-links`, body),
    onError: (err) => setErrors(fieldErrorsFromError(t, err)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZEnrolmentLinkRequest, { email, displayName: displayName.trim() || undefined });
    setErrors(v.errors ?? {});
    if (v.data) issue.mutate(v.data);
  };

  return (
    <Modal opened onClose={onClose} title={t('agencies.linkTitle', { name: agency.name })} size="lg">
      {issue.data ? (
        <Stack gap="md">
          <OneTimeSecret label={t('users.enrolmentLink')} value={issue.data.enrolmentUrl ?? ''} hint={t('users.enrolmentHint', { email })} />
          {issue.data.expiresAt && (
            <Text size="sm" c="dimmed">
              {t('agencies.linkExpires', { date: f.dateTime(issue.data.expiresAt) })}
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('agencies.linkIntro')}</Text>
            <ErrorAlert error={issue.error} />
            <TextInput label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} classNames={{ input: 'ltr-value' }} data-autofocus />
            <TextInput label={t('users.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={errors.displayName} />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={issue.isPending}>
                {t('agencies.linkSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
