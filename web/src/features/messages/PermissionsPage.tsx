import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PMessagePermission } from '../../../../common';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { IconKey } from './icons';
import { useDecidePermission, usePermissions } from './onwardApi';

const STATUS_COLOR = { pending: 'yellow', granted: 'teal', refused: 'red' } as const;

/** Grant or refuse, with a note the requester reads. */
function DecideDialog({ p, decision, onClose }: { p: PMessagePermission; decision: 'grant' | 'refuse'; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecidePermission();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={decision === 'grant' ? t('onward.requests.grantTitle') : t('onward.requests.refuseTitle')}>
      <Stack gap="sm">
        <Text size="sm">
          {t(`onward.requests.summary.${p.kind}`, { requester: p.requesterAgencyName, target: p.targetAgencyName ?? '' })}
        </Text>
        <Text size="sm" c="dimmed" dir="auto">
          « {p.reason} »
        </Text>
        <Textarea
          label={decision === 'grant' ? t('onward.requests.conditions') : t('onward.requests.ground')}
          value={note}
          onChange={(e) => (setNote(e.currentTarget.value), setError(null))}
          error={error}
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
        />
        {decide.error && <ErrorAlert error={decide.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={decision === 'grant' ? 'teal' : 'red'}
            loading={decide.isPending}
            onClick={() => {
              if (decision === 'refuse' && note.trim().length < 3) return setError(t('onward.requests.groundNeeded'));
              decide.mutate({ id: p.id, decision, ...(note.trim() && { note: note.trim() }) }, { onSuccess: onClose });
            }}
          >
            {decision === 'grant' ? t('onward.requests.grant') : t('onward.requests.refuse')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PermissionTable({ box }: { box: 'incoming' | 'outgoing' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = usePermissions(box);
  const [deciding, setDeciding] = useState<{ p: PMessagePermission; decision: 'grant' | 'refuse' } | null>(null);
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} />;
  if (list.data.length === 0) return <Empty icon={<IconKey size={22} />} title={t(`onward.requests.empty.${box}`)} description={t(`onward.requests.emptyHelp.${box}`)} />;
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover aria-label={t(`onward.requests.${box}`)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{box === 'incoming' ? t('onward.requests.from') : t('onward.requests.provider')}</Table.Th>
              <Table.Th>{t('onward.requests.what')}</Table.Th>
              <Table.Th>{t('onward.requests.reason')}</Table.Th>
              <Table.Th>{t('onward.requests.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((p) => (
              <Table.Tr key={p.id} data-testid="permission-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {box === 'incoming' ? p.requesterAgencyName : p.originAgencyName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <time dateTime={p.createdAt}>{f.dateTime(p.createdAt)}</time>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.kind === 'disseminate' ? t('onward.requests.disseminateTo', { agency: p.targetAgencyName ?? '' }) : t('onward.requests.judicial')}</Text>
                  <Anchor component={Link} to={`/messages/${box === 'incoming' ? p.originMessageId : p.viaMessageId}`} size="xs">
                    {t('onward.requests.openMessage')}
                  </Anchor>
                </Table.Td>
                <Table.Td maw={280}>
                  <Text size="sm" dir="auto" lineClamp={3}>
                    {p.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[p.status]} variant="light">
                    {t(`onward.requests.state.${p.status}`)}
                  </Badge>
                  {p.decisionNote && (
                    <Text size="xs" c="dimmed" dir="auto" mt={2}>
                      {p.decisionNote}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {p.abilities.decide && (
                    <Group gap={6} wrap="nowrap">
                      <Button size="compact-sm" color="teal" variant="light" onClick={() => setDeciding({ p, decision: 'grant' })}>
                        {t('onward.requests.grant')}
                      </Button>
                      <Button size="compact-sm" color="red" variant="light" onClick={() => setDeciding({ p, decision: 'refuse' })}>
                        {t('onward.requests.refuse')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deciding && <DecideDialog p={deciding.p} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </>
  );
}

/** Permission requests: asked of my agency as the original provider (to decide), and asked by my agency (their state). */
export function PermissionsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [tab, setTab] = useState<string | null>('incoming');
  return (
    <RequireAbility allowed={me.permissions.includes('case.work') || me.permissions.includes('notice.approve')}>
      <PageHeader title={t('onward.requests.title')} description={t('onward.requests.intro')} />
      <Card withBorder radius="md" padding="md">
        <Tabs value={tab} onChange={setTab}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="incoming">{t('onward.requests.incoming')}</Tabs.Tab>
            <Tabs.Tab value="outgoing">{t('onward.requests.outgoing')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="incoming">{tab === 'incoming' && <PermissionTable box="incoming" />}</Tabs.Panel>
          <Tabs.Panel value="outgoing">{tab === 'outgoing' && <PermissionTable box="outgoing" />}</Tabs.Panel>
        </Tabs>
      </Card>
    </RequireAbility>
  );
}
