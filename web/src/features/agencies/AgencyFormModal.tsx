import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_LANGUAGES, AGENCY_TYPES, ZCreateAgencyRequest, ZUpdateAgencyRequest, type PAgency } from '../../../../common';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { useFormat } from '../../i18n/format';
import { validate } from '../../i18n/validate';
import { AGENCIES_KEY } from './api';

export function AgencyFormModal({ agency, onClose }: { agency: PAgency | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [code, setCode] = useState(agency?.code ?? '');
  const [name, setName] = useState(agency?.name ?? '');
  const [country, setCountry] = useState(agency?.country ?? '');
  const [type, setType] = useState<string>(agency?.type ?? 'police');
  const [languages, setLanguages] = useState<string[]>(agency?.languages ?? []);
  const [disabled, setDisabled] = useState(agency?.disabled ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: unknown) => (agency ? api.patch(`/api/agencies/${encodeURIComponent(agency.id)}`, body) : api.post('/api/agencies', body)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: AGENCIES_KEY });
      onClose();
    },
    onError: (err) => setErrors(fieldErrorsFromError(t, err)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = agency
      ? validate(t, ZUpdateAgencyRequest, { name, country, type, languages, disabled })
      : validate(t, ZCreateAgencyRequest, { code, name, country, type, languages });
    setErrors(v.errors ?? {});
    if (v.data) save.mutate(v.data);
  };

  const countryName = /^[A-Za-z]{2}$/.test(country) ? f.country(country.toUpperCase()) : undefined;

  return (
    <Modal opened onClose={onClose} title={agency ? t('agencies.editTitle', { name: agency.name }) : t('agencies.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput label={t('agencies.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('agencies.code')}
              description={t('desks.codeHelp')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errors.code}
              disabled={!!agency}
              classNames={{ input: 'ltr-value' }}
            />
            <TextInput
              label={t('agencies.countryCode')}
              description={countryName ?? t('agencies.countryHelp')}
              value={country}
              maxLength={2}
              onChange={(e) => setCountry(e.currentTarget.value)}
              error={errors.country}
              classNames={{ input: 'ltr-value' }}
            />
            <NativeSelect
              label={t('agencies.type')}
              value={type}
              onChange={(e) => setType(e.currentTarget.value)}
              error={errors.type}
              data={AGENCY_TYPES.map((ty) => ({ value: ty, label: t(`agencyTypes.${ty}`) }))}
            />
          </SimpleGrid>
          <Checkbox.Group label={t('agencies.languages')} value={languages} onChange={setLanguages} error={errors.languages}>
            <SimpleGrid cols={{ base: 2, sm: 5 }} mt={6} spacing={8}>
              {AGENCY_LANGUAGES.map((l) => (
                <Checkbox key={l} value={l} label={f.language(l)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {agency && <Switch label={t('agencies.disabled')} checked={disabled} onChange={(e) => setDisabled(e.currentTarget.checked)} color="red" />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {agency ? t('common.save') : t('agencies.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
