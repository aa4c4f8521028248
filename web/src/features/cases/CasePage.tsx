import { Alert, Anchor, Badge, Button, Card, Grid, Group, Menu, Modal, MultiSelect, Stack, Text, Title, useDirection } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PAgencyRef, PCase } from '../../../../common';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { IconAlert, IconHandshake, IconPlus } from '../../components/icons';
import { RequireAbility } from '../../components/RequireAuth';
import { ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../home/NotFoundPage';
import { useCase, useCasePeople, useLeaveCase, useNameMembers, useRemoveMember, useUpdateCase } from './api';
import { InviteDialog } from './InviteDialog';
import { CaseStatusBadge, CrimeAreaBadges, iso, ParticipantStatusBadge, RestrictedBadge } from './labels';
import { TasksCard } from './TasksCard';
import { TimelineCard } from './TimelineCard';
import { CaseMessages } from '../messages/CaseMessages';

const NEXT_STATUS: Record<string, string[]> = { open: ['closed'], closed: ['open', 'archived'], archived: [] };

function StatusMenu({ c }: { c: PCase }) {
  const { t } = useTranslation();
  const update = useUpdateCase(c.id);
  const moves = NEXT_STATUS[c.status] ?? [];
  if (!c.abilities.changeStatus || moves.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={update.isPending}>
          {t('cases.changeStatus')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {moves.map((s) => (
          <Menu.Item key={s} onClick={() => update.mutate({ status: s as PCase['status'] })}>
            {t(`cases.statusAction.${s}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function ParticipantsCard({ c }: { c: PCase }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [inviting, setInviting] = useState(false);
  return (
    <Card withBorder radius="md" padding="md" id="participants">
      <Group justify="space-between" mb="sm">
        <Title order={2}>{t('cases.participants')}</Title>
        {c.abilities.invite && (
          <Button size="compact-sm" variant="light" leftSection={<IconHandshake size={14} />} onClick={() => setInviting(true)}>
            {t('cases.invite')}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {c.participants.map((p) => (
          <Group key={p.agency.id} id={`participant-${p.agency.id}`} justify="space-between" wrap="nowrap" align="flex-start" data-testid="participant">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                <bdi>{p.agency.name}</bdi>
              </Text>
              <Text size="xs" c="dimmed">
                {f.country(p.agency.country)}
                {p.deskName ? ` · ${iso(p.deskName)}` : ''}
                {p.role === 'owner' ? ` · ${t('cases.owner')}` : ''}
              </Text>
            </Stack>
            <ParticipantStatusBadge status={p.status} />
          </Group>
        ))}
      </Stack>
      {inviting && <InviteDialog c={c} onClose={() => setInviting(false)} />}
    </Card>
  );
}

function MembersCard({ c, agencies }: { c: PCase; agencies: Map<string, PAgencyRef> }) {
  const { t } = useTranslation();
  const me = useSession();
  const [naming, setNaming] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const people = useCasePeople(c.id, naming);
  const name = useNameMembers(c.id);
  const remove = useRemoveMember(c.id);
  const byAgency = new Map<string, PCase['members']>();
  for (const m of c.members) byAgency.set(m.agencyId, [...(byAgency.get(m.agencyId) ?? []), m]);
  return (
    <Card withBorder radius="md" padding="md" id="members">
      <Group justify="space-between" mb={4}>
        <Title order={2}>{t('cases.members')}</Title>
        {c.abilities.nameMembers && (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setNaming(true)}>
            {t('cases.nameMembers')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {c.restricted ? t('cases.membersIntroRestricted') : t('cases.membersIntro')}
      </Text>
      <ErrorAlert error={remove.error} />
      {c.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.noMembers')}
        </Text>
      ) : (
        <Stack gap="sm">
          {[...byAgency.entries()].map(([agencyId, members]) => (
            <Stack key={agencyId} gap={4}>
              <Text size="xs" fw={600} c="dimmed">
                <bdi>{agencies.get(agencyId)?.name ?? ''}</bdi>
              </Text>
              {members.map((m) => (
                <Group key={m.userId} id={`member-${m.userId}`} justify="space-between" wrap="nowrap" data-testid="member">
                  <Text size="sm">
                    <bdi>{m.displayName}</bdi>
                    {m.userId === me.user.id ? ` (${t('cases.you')})` : ''}
                  </Text>
                  {m.abilities.remove && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(m.userId)} aria-label={t('cases.removeMemberNamed', { name: m.displayName })}>
                      {t('cases.removeMember')}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
      {naming && (
        <Modal opened onClose={() => setNaming(false)} title={t('cases.nameMembersTitle')}>
          <Stack gap="sm">
            <ErrorAlert error={name.error} />
            <Text size="sm" c="dimmed">
              {t('cases.nameMembersIntro')}
            </Text>
            <MultiSelect label={t('cases.colleagues')} data={(people.data?.nameable ?? []).map((p) => ({ value: p.id, label: p.displayName }))} value={chosen} onChange={setChosen} searchable />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </Button>
              <Button disabled={chosen.length === 0} loading={name.isPending} onClick={() => name.mutate(chosen, { onSuccess: () => (setChosen([]), setNaming(false)) })}>
                {t('cases.nameSubmit')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Card>
  );
}

function LeaveButton({ c }: { c: PCase }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const leave = useLeaveCase(c.id);
  const [confirm, setConfirm] = useState(false);
  if (!c.abilities.leave) return null;
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setConfirm(true)}>
        {t('cases.leave')}
      </Button>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('cases.leaveTitle')}>
        <Stack>
          <ErrorAlert error={leave.error} />
          <Text size="sm">{t('cases.leaveText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={leave.isPending} onClick={() => void leave.mutateAsync().then(() => navigate('/cases'), () => undefined)}>
              {t('cases.leaveSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** One case: summary, participants and members, tasks with due days and overdue flags, and the timeline. */
export function CasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession();
  const { id = '' } = useParams();
  const { dir } = useDirection();
  const c = useCase(id);
  if (!me.abilities.workCases) return <RequireAbility allowed={false}>{null}</RequireAbility>;
  if (c.isPending) return <Loading />;
  // A case the user may not see does not exist for them (the API answers 404 the same way).
  if (c.error instanceof ApiError && c.error.status === 404) return <NotFoundPage />;
  if (c.error) return <ErrorAlert error={c.error} />;
  const data = c.data;
  const agencies = new Map(data.participants.map((p) => [p.agency.id, p.agency]));
  agencies.set(data.ownerAgency.id, data.ownerAgency);
  const overdue = data.tasks.filter((x) => x.overdue).length;

  return (
    <>
      <Anchor component={Link} to="/cases" size="sm" mb="xs" display="inline-block">
        {dir === 'rtl' ? '→' : '←'} {t('cases.backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="sm">
        <Stack gap={6} maw={760}>
          <Title order={1}>
            <bdi>{data.title}</bdi>
          </Title>
          <Group gap={6}>
            <CaseStatusBadge status={data.status} />
            {data.restricted && <RestrictedBadge />}
            <CrimeAreaBadges areas={data.crimeAreas} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('cases.ownedBy', { agency: iso(data.ownerAgency.name), desk: iso(data.desk.name), date: f.date(data.createdAt) })}
          </Text>
        </Stack>
        <Group gap="xs">
          <LeaveButton c={data} />
          <StatusMenu c={data} />
        </Group>
      </Group>
      {overdue > 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />} mb="md" data-testid="overdue-alert">
          <Anchor href="#tasks" c="red.9" size="sm">
            {t('cases.overdueAlert', { count: overdue })}
          </Anchor>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Card withBorder radius="md" padding="md" id="summary">
              <Title order={2} mb="xs">
                {t('cases.summary')}
              </Title>
              {data.summary ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                  {data.summary}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('cases.noSummary')}
                </Text>
              )}
            </Card>
            <CaseMessages caseId={data.id} case={data} />
            <TasksCard c={data} agencies={agencies} />
            <TimelineCard c={data} agencies={agencies} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ParticipantsCard c={data} />
            <MembersCard c={data} agencies={agencies} />
            <Card withBorder radius="md" padding="sm" bg="gray.0">
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge size="xs" variant="light" color="gray" radius="sm">
                  {t('cases.audited')}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('cases.auditedHelp')}
                </Text>
              </Group>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
