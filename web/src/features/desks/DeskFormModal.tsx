import { Button, Checkbox, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZCreateDeskRequest, ZUpdateDeskRequest, type PDesk } from '../../../../common';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { validate } from '../../i18n/validate';
import { DESKS_KEY } from '../users/api';

export function DeskFormModal({ desk, onClose }: { desk: PDesk | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(desk?.name ?? '');
  const [code, setCode] = useState(desk?.code ?? '');
  const [isNcb, setIsNcb] = useState(desk?.isNcb ?? false);
  const [disabled, setDisabled] = useState(desk?.disabled ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: unknown) => (desk ? api.patch(`/api/desks/${encodeURIComponent(desk.id)}`, body) : api.post('/api/desks', body)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: DESKS_KEY });
      onClose();
    },
    onError: (err) => setErrors(fieldErrorsFromError(t, err)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = desk ? validate(t, ZUpdateDeskRequest, { name, disabled }) : validate(t, ZCreateDeskRequest, { name, code, isNcb });
    setErrors(v.errors ?? {});
    if (v.data) save.mutate(v.data);
  };

  return (
    <Modal opened onClose={onClose} title={desk ? t('desks.editTitle', { name: desk.name }) : t('desks.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput label={t('desks.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
          <TextInput
            label={t('desks.code')}
            description={t('desks.codeHelp')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
            disabled={!!desk}
            classNames={{ input: 'ltr-value' }}
          />
          {desk ? (
            <Switch label={t('desks.disabled')} checked={disabled} onChange={(e) => setDisabled(e.currentTarget.checked)} color="red" />
          ) : (
            <Checkbox label={t('desks.isNcb')} checked={isNcb} onChange={(e) => setIsNcb(e.currentTarget.checked)} />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {desk ? t('common.save') : t('desks.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
