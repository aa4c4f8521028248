import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_ASSIGNABLE_ROLES, ZCreateUserRequest, ZUpdateUserRequest, type PDesk, type PUser } from '../../../../common';
import { api } from '../../api/client';
import type { EnrolmentLink } from '../../api/types';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { validate } from '../../i18n/validate';
import { USERS_KEY } from './api';

/** Creates a user (then hands over the one-time enrolment link) or edits one. */
export function UserFormModal({ user, desks, onClose }: { user: PUser | null; desks: PDesk[]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? ['officer']);
  const [deskIds, setDeskIds] = useState<string[]>(user?.deskIds ?? []);
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [link, setLink] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async (body: unknown): Promise<Partial<EnrolmentLink>> => {
      if (user) {
        await api.patch<PUser>(`/api/users/${encodeURIComponent(user.id)}`, body);
        return {};
      }
      return api.post<{ user: PUser } & EnrolmentLink>('/api/users', body);
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      if (r.enrolmentUrl) setLink(r.enrolmentUrl);
      else onClose();
    },
    onError: (err) => setErrors(fieldErrorsFromError(t, err)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = user
      ? validate(t, ZUpdateUserRequest, { displayName, roles, deskIds, ...(user.abilities.disable ? { disabled } : {}) })
      : validate(t, ZCreateUserRequest, { email, displayName, roles, deskIds });
    setErrors(v.errors ?? {});
    if (v.data) save.mutate(v.data);
  };

  const activeDesks = desks.filter((d) => !d.disabled || deskIds.includes(d.id));

  return (
    <Modal opened onClose={onClose} title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')} size="lg">
      {link ? (
        <Stack gap="md">
          <OneTimeSecret label={t('users.enrolmentLink')} value={link} hint={t('users.enrolmentHint', { email })} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={save.error} />
            <TextInput label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} disabled={!!user} error={errors.email} classNames={{ input: 'ltr-value' }} data-autofocus />
            <TextInput label={t('users.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={errors.displayName} />
            <Checkbox.Group label={t('users.roles')} value={roles} onChange={setRoles} error={errors.roles}>
              <SimpleGrid cols={{ base: 2, sm: 3 }} mt={6} spacing={8}>
                {AGENCY_ASSIGNABLE_ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox.Group label={t('users.desks')} value={deskIds} onChange={setDeskIds} error={errors.deskIds}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={8}>
                {activeDesks.map((d) => (
                  <Checkbox key={d.id} value={d.id} label={d.name} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            {user?.abilities.disable && (
              <Switch label={t('users.disabled')} description={t('users.disabledHelp')} checked={disabled} onChange={(e) => setDisabled(e.currentTarget.checked)} color="red" mt="xs" />
            )}
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {user ? t('common.save') : t('users.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
