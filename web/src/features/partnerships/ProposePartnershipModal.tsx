import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EU_2023_977_DEADLINES, PARTNERSHIP_FRAMEWORKS, ZProposePartnershipRequest, type PartnershipFramework } from '../../../../common';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { useFormat } from '../../i18n/format';
import { validate } from '../../i18n/validate';
import { useAgencies } from '../agencies/api';
import { useProposePartnership } from './api';

/** An agency administrator proposes a partnership: the partner, the legal framework, deadlines and conditions. */
export function ProposePartnershipModal({ exclude, onClose }: { exclude: Set<string>; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession();
  const agencies = useAgencies();
  const propose = useProposePartnership();
  const [partnerAgencyId, setPartner] = useState<string | null>(null);
  const [framework, setFramework] = useState<PartnershipFramework>('bilateral');
  const [instrument, setInstrument] = useState('');
  const [urgentHours, setUrgent] = useState<number | string>(24);
  const [normalHours, setNormal] = useState<number | string>(240);
  const [transferConditions, setConditions] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const eu = framework === 'eu-2023-977';
  const options = (agencies.data ?? [])
    .filter((a) => a.id !== me.agency.id && a.type !== 'platform' && !a.disabled && !exclude.has(a.id))
    .map((a) => ({ value: a.id, label: `${a.name} · ${f.country(a.country)}` }));
  const refused = propose.error instanceof ApiError && propose.error.code === 'framework_not_allowed';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(t, ZProposePartnershipRequest, {
      partnerAgencyId: partnerAgencyId ?? '', framework, instrument, transferConditions,
      ...(eu ? {} : { urgentHours: urgentHours === '' ? undefined : Number(urgentHours), normalHours: normalHours === '' ? undefined : Number(normalHours) }),
    });
    setErrors(v.errors ?? {});
    if (v.data) propose.mutate(v.data, { onSuccess: onClose, onError: (err) => setErrors(fieldErrorsFromError(t, err)) });
  };

  return (
    <Modal opened onClose={onClose} title={t('partnerships.proposeTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {refused ? (
            <Alert color="red" variant="light" role="alert">
              {t(`errors.framework_not_allowed_${framework}`, { defaultValue: t('errors.framework_not_allowed') })}
            </Alert>
          ) : (
            <ErrorAlert error={propose.error} />
          )}
          <Select label={t('partnerships.partner')} data={options} value={partnerAgencyId} onChange={setPartner} error={errors.partnerAgencyId} searchable />
          <Select
            label={t('partnerships.framework')}
            description={t(`frameworkHelp.${framework}`)}
            data={PARTNERSHIP_FRAMEWORKS.map((x) => ({ value: x, label: t(`frameworks.${x}`) }))}
            value={framework}
            onChange={(v) => v && setFramework(v as PartnershipFramework)}
            error={refused ? ' ' : errors.framework}
            allowDeselect={false}
          />
          <TextInput label={t('partnerships.instrument')} description={t('partnerships.instrumentHelp')} value={instrument} onChange={(e) => setInstrument(e.currentTarget.value)} error={errors.instrument} />
          {eu ? (
            <Alert variant="light" color="navy">
              <Text size="sm">
                {t('partnerships.directiveDeadlines', { direct: EU_2023_977_DEADLINES.urgentDirectHours, indirect: EU_2023_977_DEADLINES.urgentIndirectHours / 24, normal: EU_2023_977_DEADLINES.normalHours / 24 })}
              </Text>
            </Alert>
          ) : (
            <SimpleGrid cols={2}>
              <NumberInput label={t('partnerships.urgentHours')} min={1} max={8760} value={urgentHours} onChange={setUrgent} error={errors.urgentHours} />
              <NumberInput label={t('partnerships.normalHours')} min={1} max={8760} value={normalHours} onChange={setNormal} error={errors.normalHours} />
            </SimpleGrid>
          )}
          <Textarea label={t('partnerships.conditions')} description={t('partnerships.conditionsHelp')} value={transferConditions} onChange={(e) => setConditions(e.currentTarget.value)} error={errors.transferConditions} autosize minRows={3} maxRows={8} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={propose.isPending}>
              {t('partnerships.proposeSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
