import { Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PMessageReceipt } from '../../../../common';
import { useFormat } from '../../i18n/format';
import { RequestStateBadge } from './labels';
import { relativeTo, useNow } from './time';

/** A request's deadline as a countdown; past it and still open, in red. */
export function Deadline({ receipt }: { receipt: PMessageReceipt }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const now = useNow();
  if (!receipt.dueAt) return <Text size="xs" c="dimmed">—</Text>;
  const open = receipt.requestState !== null && ['sent', 'acknowledged', 'extended', 'overdue'].includes(receipt.requestState);
  const when = relativeTo(i18n.language, receipt.dueAt, now);
  const late = open && new Date(receipt.dueAt).getTime() < now;
  return (
    <Tooltip label={f.dateTime(receipt.dueAt)}>
      <Text size="xs" c={late ? 'red.8' : open ? undefined : 'dimmed'} fw={late ? 700 : 400} className="nowrap">
        {!open ? f.dateTime(receipt.dueAt) : late ? t('messages.receipt.overdueSince', { when }) : t('messages.receipt.dueIn', { when })}
      </Text>
    </Tooltip>
  );
}

/**
 * Receipts per agency and desk: the sender's agency sees every recipient, a recipient only its own. Never the people
 * who read it (the server does not send them).
 */
export function Receipts({ receipts }: { receipts: PMessageReceipt[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const requests = receipts.some((r) => r.requestState !== null);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('messages.receipt.title')} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('messages.receipt.recipient')}</Table.Th>
            <Table.Th>{t('messages.receipt.read')}</Table.Th>
            <Table.Th>{t('messages.receipt.acknowledged')}</Table.Th>
            {requests && <Table.Th>{t('messages.receipt.state')}</Table.Th>}
            {requests && <Table.Th>{t('messages.receipt.deadline')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {receipts.map((r) => (
            <Table.Tr key={`${r.agencyId}/${r.deskId ?? ''}`} data-overdue={r.requestState === 'overdue' || undefined}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {r.agencyName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.deskName ?? t('messages.wholeAgency')} · {t(`messages.framework.${r.framework}`, { defaultValue: r.framework })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={r.readAt ? undefined : 'dimmed'}>
                  {r.readAt ? f.dateTime(r.readAt) : t('messages.receipt.notYet')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={r.acknowledgedAt ? undefined : 'dimmed'}>
                  {r.acknowledgedAt ? f.dateTime(r.acknowledgedAt) : t('messages.receipt.notYet')}
                </Text>
              </Table.Td>
              {requests && (
                <Table.Td>
                  {r.requestState ? (
                    <Stack gap={2} align="flex-start">
                      <RequestStateBadge state={r.requestState} size="xs" />
                      {r.accessClass && (
                        <Text size="xs" c="dimmed">
                          {t(`messages.accessClass.${r.accessClass}`)}
                        </Text>
                      )}
                      {r.refusalGround && (
                        <Text size="xs" c="dimmed" dir="auto">
                          {t('messages.receipt.ground', { ground: r.refusalGround })}
                        </Text>
                      )}
                      {r.clarification && (
                        <Text size="xs" c="dimmed" dir="auto">
                          {t('messages.receipt.clarificationAsked', { when: f.dateTime(r.clarification.askedAt), question: r.clarification.question })}
                        </Text>
                      )}
                      {r.clarification?.clockStopped && (
                        <Text size="xs" c="grape.8" fw={600}>
                          {t('messages.receipt.clockStopped')}
                        </Text>
                      )}
                      {r.clarification?.answeredAt && (
                        <Text size="xs" c="dimmed">
                          {t('messages.receipt.clarificationAnswered', { when: f.dateTime(r.clarification.answeredAt) })}
                        </Text>
                      )}
                      {r.clockStoppedSeconds > 0 && (
                        <Text size="xs" c="dimmed">
                          {t('messages.receipt.clockStoppedFor', { hours: (r.clockStoppedSeconds / 3600).toFixed(1) })}
                        </Text>
                      )}
                      {r.answeredAt && (
                        <Text size="xs" c="dimmed">
                          {t('messages.receipt.answeredAt', { when: f.dateTime(r.answeredAt) })}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Text size="xs" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              )}
              {requests && (
                <Table.Td>
                  <Deadline receipt={r} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
