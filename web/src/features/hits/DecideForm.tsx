import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZDecideHitRequest, type PHit } from '../../../../common';
import { ErrorAlert } from '../../components/States';
import { fieldErrorsFromError, type FieldErrors } from '../../i18n/errors';
import { validate } from '../../i18n/validate';
import { useDecideHit } from './api';

/** Local date and time as the browser's datetime-local input wants it. */
function nowLocal(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Confirm or discard a hit with the reason, and where and when the person was met (sent with a confirmed hit). */
export function DecideForm({ hit, decision, onDone, onCancel }: { hit: PHit; decision: 'confirm' | 'discard'; onDone: (h: PHit) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideHit(hit.id);
  const [reason, setReason] = useState('');
  const [location, setLocation] = useState(hit.context.location ?? '');
  const [at, setAt] = useState(hit.context.encounteredAt ? hit.context.encounteredAt.slice(0, 16) : nowLocal());
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const encounteredAt = at ? new Date(at).toISOString() : undefined;
    const v = validate(t, ZDecideHitRequest, { decision, reason, location: location.trim() || undefined, encounteredAt });
    setErrors(v.errors ?? {});
    if (v.data) decide.mutate(v.data, { onSuccess: (r) => onDone(r.hit), onError: (err) => setErrors(fieldErrorsFromError(t, err)) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label={t('hits.reason')}
          description={decision === 'confirm' ? t('hits.reasonConfirmHelp') : t('hits.reasonDiscardHelp')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          required
          data-autofocus
        />
        {decision === 'confirm' && (
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('hits.location')} description={t('hits.locationHelp')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} />
            <TextInput label={t('hits.encounteredAt')} type="datetime-local" value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.encounteredAt} />
          </Group>
        )}
        {decide.error && !Object.keys(errors).length && <ErrorAlert error={decide.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={decision === 'confirm' ? 'red' : 'gray'} loading={decide.isPending}>
            {t(`hits.decision.${decision}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
