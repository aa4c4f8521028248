import { Alert, Badge, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OnwardRefusal, PMessage, POnwardTarget } from '../../../../common';
import { ApiError } from '../../api/client';
import { ErrorAlert, Loading } from '../../components/States';
import { IconAlert } from '../../components/icons';
import { useCases } from '../cases/api';
import { IconForward, IconKey } from './icons';
import { useOnwardOptions, usePassOn, useRequestPermission } from './onwardApi';

/** Asking the original provider for permission to pass this on to one agency (H2), with the reason. */
function AskPermission({ message, target }: { message: PMessage; target: POnwardTarget }) {
  const { t } = useTranslation();
  const ask = useRequestPermission(message.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (target.permission === 'pending') return <Badge color="yellow" variant="light">{t('onward.permission.pending')}</Badge>;
  if (!message.abilities.requestPermission) return null;
  if (!open) {
    return (
      <Button size="compact-xs" variant="light" leftSection={<IconKey size={12} />} onClick={() => setOpen(true)}>
        {target.permission === 'refused' ? t('onward.permission.askAgain') : t('onward.permission.ask')}
      </Button>
    );
  }
  return (
    <Stack gap={4} w="100%">
      <Textarea
        size="xs"
        label={t('onward.permission.reason')}
        description={t('onward.permission.reasonHelp')}
        value={reason}
        onChange={(e) => (setReason(e.currentTarget.value), setError(null))}
        error={error}
        autosize
        minRows={2}
        maxLength={2000}
      />
      <Group gap="xs">
        <Button
          size="compact-xs"
          loading={ask.isPending}
          onClick={() => {
            if (reason.trim().length < 3) return setError(t('onward.permission.reasonNeeded'));
            ask.mutate({ kind: 'disseminate', targetAgencyId: target.agencyId, reason: reason.trim() }, { onSuccess: () => setOpen(false) });
          }}
        >
          {t('onward.permission.send')}
        </Button>
        <Button size="compact-xs" variant="default" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
      {ask.error && <ErrorAlert error={ask.error} />}
    </Stack>
  );
}

/** One agency of the chosen case: a box to tick when allowed, otherwise the server's reasons in words. */
function TargetRow({ message, target, checked, onToggle }: { message: PMessage; target: POnwardTarget; checked: boolean; onToggle: (on: boolean) => void }) {
  const { t } = useTranslation();
  const allowed = target.partnership && target.reasons.length === 0;
  return (
    <Stack gap={4} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="onward-target">
      <Group justify="space-between" wrap="nowrap">
        <Checkbox label={target.agencyName} checked={checked} disabled={!allowed} onChange={(e) => onToggle(e.currentTarget.checked)} styles={{ label: { fontWeight: 500 } }} />
        {allowed ? (
          <Badge color="teal" variant="light">{target.permission === 'granted' ? t('onward.permission.granted') : t('onward.allowed')}</Badge>
        ) : (
          <Badge color="red" variant="light">{t('onward.refused')}</Badge>
        )}
      </Group>
      {!target.partnership && (
        <Text size="xs" c="red.8" ps={30}>
          {t('onward.noPartnership', { agency: target.agencyName })}
        </Text>
      )}
      {target.reasons.map((r: OnwardRefusal) => (
        <Text key={r} size="xs" c="red.8" ps={30}>
          {t(`onward.reasons.${r}`)}
          {r === 'h2_needs_permission' && target.permission === 'refused' && ` ${t('onward.permission.wasRefused')}`}
        </Text>
      ))}
      {target.partnership && target.reasons.length === 1 && target.reasons[0] === 'h2_needs_permission' && (
        <Group ps={30}>
          <AskPermission message={message} target={target} />
        </Group>
      )}
    </Stack>
  );
}

/**
 * Passing a message on as a copy that keeps the provider's codes: choose one of your cases, see for each of its
 * agencies whether the TLP × handling-code rules allow it (and why not), ask the provider where H2 needs it.
 */
export function PassOnModal({ message, onClose }: { message: PMessage; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cases = useCases({ status: 'open' });
  const [caseId, setCaseId] = useState<string | null>(message.caseId);
  const options = useOnwardOptions(message.id, caseId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [purpose, setPurpose] = useState('');
  const [missing, setMissing] = useState(false);
  const pass = usePassOn(message.id);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!caseId || chosen.length === 0) return setMissing(true);
    pass.mutate(
      { caseId, recipients: chosen.map((agencyId) => ({ agencyId })), ...(note.trim() && { note: note.trim() }), ...(purpose.trim() && { purpose: purpose.trim() }) },
      { onSuccess: (r) => (onClose(), void navigate(`/messages/${r.id}`)) },
    );
  };
  const refusal = pass.error instanceof ApiError && pass.error.code === 'onward_refused';

  return (
    <Modal opened onClose={onClose} size={720} title={t('onward.title')} closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate aria-label={t('onward.title')}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('onward.intro')}
          </Text>
          <Select
            label={t('onward.case')}
            description={t('onward.caseHelp')}
            data={(cases.data?.cases ?? []).map((c) => ({ value: c.id, label: c.title }))}
            value={caseId}
            onChange={(v) => (setCaseId(v), setChosen([]), setMissing(false))}
            searchable
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('onward.recipients')}
            </Text>
            {options.isPending && caseId ? (
              <Loading />
            ) : options.error ? (
              <ErrorAlert error={options.error} />
            ) : (options.data ?? []).length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('onward.noAgencies')}
              </Text>
            ) : (
              (options.data ?? []).map((target) => (
                <TargetRow
                  key={target.agencyId}
                  message={message}
                  target={target}
                  checked={chosen.includes(target.agencyId)}
                  onToggle={(on) => (setChosen(on ? [...chosen, target.agencyId] : chosen.filter((id) => id !== target.agencyId)), setMissing(false))}
                />
              ))
            )}
            {missing && (
              <Text size="xs" c="red.8" mt={4} role="alert">
                {t('onward.chooseOne')}
              </Text>
            )}
          </div>
          <Textarea label={t('onward.note')} description={t('onward.noteHelp')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
          <TextInput label={t('onward.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} maxLength={500} />
          {refusal && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
              {t('onward.refusedNow')}
            </Alert>
          )}
          {pass.error && !refusal && <ErrorAlert error={pass.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pass.isPending} leftSection={<IconForward size={16} />}>
              {t('onward.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
