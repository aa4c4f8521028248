import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PPartnership } from '../../../../common';
import { useSession } from '../../api/session';
import { IconHandshake, IconPlus } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { iso } from '../cases/labels';
import { usePartnershipAction, usePartnerships, type PartnershipAction } from './api';
import { ProposePartnershipModal } from './ProposePartnershipModal';

const STATUS_COLORS: Record<string, string> = { proposed: 'yellow', active: 'teal', declined: 'red', suspended: 'orange', ended: 'gray' };
const ACTIONS: PartnershipAction[] = ['accept', 'decline', 'suspend', 'resume', 'end'];

/** Deadlines in words: hours under a day, days beyond. */
function useDuration() {
  const { t } = useTranslation();
  return (h: number) => (h % 24 === 0 && h >= 24 ? t('partnerships.days', { count: h / 24 }) : t('partnerships.hours', { count: h }));
}

function Deadlines({ p }: { p: PPartnership }) {
  const { t } = useTranslation();
  const d = useDuration();
  const lines =
    p.framework === 'eu-2023-977'
      ? [t('partnerships.urgentDirect', { d: d(p.deadlines.urgentDirectHours ?? 8) }), t('partnerships.urgentIndirect', { d: d(p.deadlines.urgentIndirectHours ?? 72) }), t('partnerships.normal', { d: d(p.deadlines.normalHours) })]
      : [t('partnerships.urgent', { d: d(p.deadlines.urgentHours) }), t('partnerships.normal', { d: d(p.deadlines.normalHours) })];
  return (
    <Stack gap={0}>
      {lines.map((l) => (
        <Text key={l} size="xs" className="nowrap">
          {l}
        </Text>
      ))}
    </Stack>
  );
}

function ConfirmAction({ p, action, onClose }: { p: PPartnership; action: PartnershipAction; onClose: () => void }) {
  const { t } = useTranslation();
  const act = usePartnershipAction();
  const [reason, setReason] = useState('');
  const danger = action === 'decline' || action === 'end' || action === 'suspend';
  return (
    <Modal opened onClose={onClose} title={t(`partnerships.confirm.${action}`, { agency: iso(p.partner.name) })}>
      <Stack gap="sm">
        <ErrorAlert error={act.error} />
        <Text size="sm">{t(`partnerships.explain.${action}`, { agency: iso(p.partner.name) })}</Text>
        <Textarea label={t('partnerships.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} loading={act.isPending} onClick={() => act.mutate({ id: p.id, action, reason: reason.trim() || undefined }, { onSuccess: onClose })}>
            {t(`partnerships.actions.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Partnerships of the agency. Administrators propose, answer, suspend, resume and end them; everyone else sees the
 * active ones: the agencies they may work with, under which framework and conditions.
 */
export function PartnershipsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession();
  const list = usePartnerships();
  const [proposing, setProposing] = useState(false);
  const [confirm, setConfirm] = useState<{ p: PPartnership; action: PartnershipAction } | null>(null);
  const manage = me.abilities.managePartnerships === true;
  const rows = list.data?.partnerships ?? [];
  const live = new Set(rows.filter((p) => ['proposed', 'active', 'suspended'].includes(p.status)).map((p) => p.partner.id));

  return (
    <RequireAbility allowed={me.abilities.readPartnerships === true}>
      <PageHeader
        title={t('partnerships.title')}
        description={manage ? t('partnerships.introAdmin') : t('partnerships.intro', { agency: iso(me.agency.name) })}
        actions={
          list.data?.abilities.propose && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setProposing(true)}>
              {t('partnerships.propose')}
            </Button>
          )
        }
      />
      <Card withBorder radius="md" padding="md">
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} />
        ) : rows.length === 0 ? (
          <Empty title={t('partnerships.emptyTitle')} description={manage ? t('partnerships.emptyTextAdmin') : t('partnerships.emptyText')} icon={<IconHandshake size={22} />} />
        ) : (
          <Table.ScrollContainer minWidth={980}>
            <Table striped highlightOnHover verticalSpacing={8} aria-label={t('partnerships.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partnerships.partner')}</Table.Th>
                  <Table.Th>{t('partnerships.framework')}</Table.Th>
                  <Table.Th>{t('partnerships.deadlines')}</Table.Th>
                  <Table.Th>{t('partnerships.conditions')}</Table.Th>
                  <Table.Th>{t('partnerships.status')}</Table.Th>
                  {manage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id} data-testid="partnership-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        <bdi>{p.partner.name}</bdi>
                      </Text>
                      <Text size="xs" c="dimmed">
                        {f.country(p.partner.country)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={240}>
                      <Badge variant="light" radius="sm" color={p.framework === 'eu-2023-977' ? 'blue' : p.framework === 'interpol' ? 'indigo' : 'gray'}>
                        {t(`frameworks.${p.framework}`)}
                      </Badge>
                      {p.instrument && (
                        <Text size="xs" c="dimmed" mt={2} dir="auto">
                          {p.instrument}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Deadlines p={p} />
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Tooltip label={p.transferConditions} multiline w={360} disabled={!p.transferConditions} withArrow>
                        <Text size="xs" lineClamp={2} dir="auto">
                          {p.transferConditions || '—'}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        <Badge color={STATUS_COLORS[p.status]} variant="light" radius="sm">
                          {t(`partnershipStatus.${p.status}`)}
                        </Badge>
                        {p.status === 'proposed' && (
                          <Text size="xs" c="dimmed">
                            {p.proposedByUs ? t('partnerships.awaitingThem') : t('partnerships.awaitingUs')}
                          </Text>
                        )}
                        {p.statusReason && (
                          <Text size="xs" c="dimmed" fs="italic" lineClamp={2} dir="auto">
                            {p.statusReason}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed" className="nowrap">
                          {p.activatedAt && p.status === 'active' ? t('partnerships.since', { date: f.date(p.activatedAt) }) : f.date(p.updatedAt)}
                        </Text>
                      </Stack>
                    </Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {ACTIONS.filter((a) => p.abilities[a]).map((a) => (
                            <Button
                              key={a}
                              size="compact-sm"
                              variant={a === 'accept' || a === 'resume' ? 'filled' : 'subtle'}
                              color={a === 'decline' || a === 'end' ? 'red' : a === 'suspend' ? 'orange' : undefined}
                              onClick={() => setConfirm({ p, action: a })}
                              aria-label={t(`partnerships.actionNamed.${a}`, { agency: p.partner.name })}
                            >
                              {t(`partnerships.actions.${a}`)}
                            </Button>
                          ))}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {proposing && <ProposePartnershipModal exclude={live} onClose={() => setProposing(false)} />}
      {confirm && <ConfirmAction p={confirm.p} action={confirm.action} onClose={() => setConfirm(null)} />}
    </RequireAbility>
  );
}
