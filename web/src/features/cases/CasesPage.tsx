import { Anchor, Badge, Button, Card, Chip, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, CRIME_AREAS, type TCaseListQuery } from '../../../../common';
import { useSession } from '../../api/session';
import { IconAlert, IconBriefcase, IconPlus } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { useCases, useMyTasks } from './api';
import { InvitationsCard } from './InvitationsCard';
import { CaseStatusBadge, CrimeAreaBadges, OverdueBadge, RestrictedBadge } from './labels';

/** My tasks whose day has passed, each a link to its case. */
function MyOverdueTasks() {
  const { t } = useTranslation();
  const f = useFormat();
  const tasks = useMyTasks(true);
  if (!tasks.data?.length) return null;
  return (
    <Card withBorder radius="md" padding="md" mb="md" data-testid="my-overdue" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
      <Group gap="xs" mb="xs">
        <IconAlert color="var(--mantine-color-red-7)" />
        <Title order={2}>{t('cases.myOverdue', { count: tasks.data.length })}</Title>
      </Group>
      <Stack gap={4}>
        {tasks.data.map((task) => (
          <Group key={task.id} gap="xs" wrap="nowrap">
            <Badge size="sm" color="red" variant="light" className="nowrap">
              {f.date(`${task.dueOn}T12:00:00Z`)}
            </Badge>
            <Text size="sm" lineClamp={1}>
              <Anchor component={Link} to={`/cases/${task.caseId}#task-${task.id}`} size="sm">
                <bdi>{task.title}</bdi>
              </Anchor>{' '}
              <Text span c="dimmed" size="sm">
                · <bdi>{task.caseTitle}</bdi>
              </Text>
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** The cases the user may see, with filters kept in the address (status, crime area, mine, overdue). */
export function CasesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filters: TCaseListQuery = {
    status: (params.get('status') as TCaseListQuery['status']) ?? undefined,
    crimeArea: (params.get('crimeArea') as TCaseListQuery['crimeArea']) ?? undefined,
    mine: params.get('mine') === 'true' ? 'true' : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
  };
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const cases = useCases(filters);

  return (
    <RequireAbility allowed={me.abilities.workCases === true}>
      <PageHeader
        title={t('cases.title')}
        description={t('cases.intro')}
        actions={
          <Button component={Link} to="/cases/new" leftSection={<IconPlus size={16} />}>
            {t('cases.new')}
          </Button>
        }
      />
      <InvitationsCard />
      <MyOverdueTasks />
      <Card withBorder radius="md" padding="md">
        <Group gap="sm" mb="sm" wrap="wrap" align="flex-end">
          <SegmentedControl
            size="xs"
            aria-label={t('cases.status')}
            value={filters.status ?? 'all'}
            onChange={(v) => set('status', v === 'all' ? null : v)}
            data={[{ value: 'all', label: t('cases.allStatuses') }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))]}
          />
          <Select
            size="xs"
            w={240}
            aria-label={t('cases.crimeArea')}
            placeholder={t('cases.allCrimeAreas')}
            clearable
            value={filters.crimeArea ?? null}
            onChange={(v) => set('crimeArea', v)}
            data={CRIME_AREAS.map((a) => ({ value: a, label: t(`crimeAreas.${a}`) }))}
          />
          <Chip size="xs" checked={filters.mine === 'true'} onChange={(c) => set('mine', c ? 'true' : null)}>
            {t('cases.mine')}
          </Chip>
          <Chip size="xs" color="red" checked={filters.overdue === 'true'} onChange={(c) => set('overdue', c ? 'true' : null)}>
            {t('cases.withOverdue')}
          </Chip>
        </Group>
        {cases.isPending ? (
          <Loading />
        ) : cases.error ? (
          <ErrorAlert error={cases.error} />
        ) : cases.data.cases.length === 0 ? (
          <Empty title={t('cases.emptyTitle')} description={t('cases.emptyText')} icon={<IconBriefcase size={22} />} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label={t('cases.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.caseTitle')}</Table.Th>
                  <Table.Th>{t('cases.crimeAreas')}</Table.Th>
                  <Table.Th>{t('cases.agencies')}</Table.Th>
                  <Table.Th>{t('cases.tasks')}</Table.Th>
                  <Table.Th>{t('cases.status')}</Table.Th>
                  <Table.Th>{t('cases.lastActivity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.data.cases.map((c) => (
                  <Table.Tr key={c.id} data-testid="case-row">
                    <Table.Td maw={340}>
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/cases/${c.id}`} fw={600} size="sm">
                          <bdi>{c.title}</bdi>
                        </Anchor>
                        {c.restricted && (
                          <div>
                            <RestrictedBadge size="xs" />
                          </div>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <CrimeAreaBadges areas={c.crimeAreas} size="xs" />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {c.agencies.map((a) => (
                          <Text key={a.id} size="sm" lineClamp={1} title={a.name}>
                            <bdi>{a.name}</bdi>
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm" className="nowrap">
                          {t('cases.openTasks', { count: c.openTasks })}
                        </Text>
                        {c.overdueTasks > 0 && <OverdueBadge count={c.overdueTasks} />}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <CaseStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" className="nowrap" title={f.dateTime(c.updatedAt)}>
                        {f.relative(c.updatedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </RequireAbility>
  );
}
