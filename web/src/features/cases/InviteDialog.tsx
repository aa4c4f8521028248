import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PCase } from '../../../../common';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { usePartnerships } from '../partnerships/api';
import { useInvite } from './api';
import { iso } from './labels';

/** Invites a partner agency: only agencies in an active partnership with the owner are offered; the server checks again. */
export function InviteDialog({ c, onClose }: { c: PCase; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const partnerships = usePartnerships('active');
  const invite = useInvite(c.id);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const inCase = new Set(c.participants.filter((p) => p.status === 'active' || p.status === 'invited').map((p) => p.agency.id));
  const options = (partnerships.data?.partnerships ?? [])
    .filter((p) => !inCase.has(p.partner.id))
    .map((p) => ({ value: p.partner.id, label: `${iso(p.partner.name)} · ${f.country(p.partner.country)} — ${t(`frameworks.${p.framework}`)}` }));
  const err = invite.error;
  const noPartnership = err instanceof ApiError && err.code === 'partnership_required';
  const names = noPartnership ? ((err.details as { agencyNames?: string[] } | undefined)?.agencyNames ?? []) : [];

  return (
    <Modal opened onClose={onClose} title={t('cases.inviteTitle')} size="lg">
      <Stack gap="sm">
        {noPartnership ? (
          <Alert color="red" variant="light" role="alert">
            {t('errors.partnership_required_named', { a: iso(names[0] ?? ''), b: iso(names[1] ?? '') })}
          </Alert>
        ) : (
          <ErrorAlert error={err} />
        )}
        <Text size="sm" c="dimmed">
          {t('cases.inviteIntro')}
        </Text>
        <Select
          label={t('cases.inviteAgency')}
          placeholder={t('cases.inviteAgencyPlaceholder')}
          data={options}
          value={agencyId}
          onChange={setAgencyId}
          searchable
          nothingFoundMessage={t('cases.noPartners')}
        />
        {partnerships.data && options.length === 0 && (
          <Alert variant="light" color="gray">
            {t('cases.noPartners')}
          </Alert>
        )}
        <Textarea label={t('cases.inviteNote')} description={t('cases.inviteNoteHelp')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxRows={6} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!agencyId} loading={invite.isPending} onClick={() => agencyId && invite.mutate({ agencyId, note }, { onSuccess: onClose })}>
            {t('cases.inviteSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
