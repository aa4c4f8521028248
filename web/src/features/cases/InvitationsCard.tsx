import { Alert, Button, Card, Checkbox, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PCaseInvitation } from '../../../../common';
import { useSession } from '../../api/session';
import { ErrorAlert } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useAnswerInvitation, useColleagues, useInvitations } from './api';
import { CrimeAreaBadges, iso, RestrictedBadge } from './labels';

/** Accepting: the desk that will handle the case, and who of the agency is named (required for a joint team). */
function AcceptModal({ invitation, onClose }: { invitation: PCaseInvitation; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const colleagues = useColleagues();
  const answer = useAnswerInvitation();
  const [deskId, setDeskId] = useState<string | null>(me.desks[0]?.id ?? null);
  const [members, setMembers] = useState<string[]>(invitation.restricted ? [me.user.id] : []);
  const missing = invitation.restricted && members.length === 0;

  // mutateAsync: the list of invitations refreshes (and this dialog goes away) before a per-call onSuccess would run.
  const submit = async () => {
    const r = await answer.mutateAsync({ caseId: invitation.caseId, answer: 'accept', body: { deskId: deskId ?? undefined, memberIds: members } }).catch(() => null);
    if (!r) return;
    onClose();
    if ('visible' in r && r.visible) void navigate(`/cases/${r.caseId}`);
  };

  return (
    <Modal opened onClose={onClose} title={t('invitations.acceptTitle', { title: iso(invitation.title) })} size="lg">
      <Stack gap="sm">
        <ErrorAlert error={answer.error} />
        <Text size="sm">{t('invitations.acceptIntro', { agency: iso(invitation.ownerAgency.name) })}</Text>
        <Select label={t('cases.desk')} description={t('invitations.deskHelp')} data={me.desks.map((d) => ({ value: d.id, label: d.name }))} value={deskId} onChange={setDeskId} allowDeselect={false} />
        <Checkbox.Group
          label={t('cases.members')}
          description={invitation.restricted ? t('invitations.membersRequired') : t('invitations.membersOptional')}
          value={members}
          onChange={setMembers}
          error={missing ? t('invitations.nameOne') : undefined}
        >
          <Stack gap={6} mt={6}>
            {(colleagues.data ?? []).map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.id === me.user.id ? t('cases.meNamed', { name: c.displayName }) : c.displayName} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={answer.isPending} disabled={missing}>
            {t('invitations.accept')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Invitations of the agency to partners' cases: what the invitation says (not the case), accept or decline. */
export function InvitationsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const invitations = useInvitations();
  const answer = useAnswerInvitation();
  const [accepting, setAccepting] = useState<PCaseInvitation | null>(null);
  if (!invitations.data?.length) return null;
  return (
    <Card withBorder radius="md" padding="md" mb="md" data-testid="invitations">
      <Title order={2} mb={4}>
        {t('invitations.title', { count: invitations.data.length })}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('invitations.intro')}
      </Text>
      <ErrorAlert error={answer.error} />
      <Stack gap="sm">
        {invitations.data.map((i) => (
          <Alert key={i.caseId} variant="light" color="yellow" radius="md" data-testid="invitation" title={<bdi>{i.title}</bdi>} styles={{ title: { fontSize: 'var(--mantine-font-size-md)' } }}>
            <Stack gap={6}>
              <Text size="sm">{t('invitations.from', { agency: iso(i.ownerAgency.name), date: f.dateTime(i.invitedAt) })}</Text>
              <Group gap={6}>
                <CrimeAreaBadges areas={i.crimeAreas} size="xs" />
                {i.restricted && <RestrictedBadge size="xs" />}
              </Group>
              {i.note && (
                <Text size="sm" fs="italic" dir="auto">
                  {i.note}
                </Text>
              )}
              {i.abilities.accept && (
                <Group gap="xs" mt={4}>
                  <Button size="compact-sm" onClick={() => setAccepting(i)} aria-label={t('invitations.acceptNamed', { title: i.title })}>
                    {t('invitations.accept')}
                  </Button>
                  <Button size="compact-sm" variant="default" loading={answer.isPending && answer.variables?.caseId === i.caseId} onClick={() => answer.mutate({ caseId: i.caseId, answer: 'decline' })} aria-label={t('invitations.declineNamed', { title: i.title })}>
                    {t('invitations.decline')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        ))}
      </Stack>
      {accepting && <AcceptModal invitation={accepting} onClose={() => setAccepting(null)} />}
    </Card>
  );
}
