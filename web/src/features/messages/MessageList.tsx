import { Anchor, Box, Group, Stack, Table, Text, Tooltip, VisuallyHidden, useDirection } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PMessageSummary } from '../../../../common';
import { useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { EvaluationBadge, HandlingBadge, OverdueBadge, RequestBadge, RequestStateBadge, TlpChip, UrgentBadge } from './labels';
import { listDate } from './time';

/** Who a message is from, or (for one's own agency's messages) whom it went to. */
function Correspondent({ m, mine }: { m: PMessageSummary; mine: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (mine) {
    const to = f.list(m.receipts.map((r) => (r.deskName ? `${r.agencyName} · ${r.deskName}` : r.agencyName)));
    return (
      <Text size="sm" lineClamp={1} title={to}>
        <Text span size="xs" c="dimmed">
          {t('messages.toShort')}{' '}
        </Text>
        {to}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm" lineClamp={1} fw={m.unread ? 700 : 400}>
        {m.senderAgencyName}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {m.senderDeskName}
      </Text>
    </Stack>
  );
}

/** The request's state as the viewer sees it: one's own receipt, or the worst of the recipients'. */
function RequestCell({ m }: { m: PMessageSummary }) {
  if (m.overdue) return <OverdueBadge size="xs" />;
  if (!m.isRequest) return null;
  const states = m.receipts.map((r) => r.requestState).filter((s) => s !== null);
  const state = (['sent', 'acknowledged', 'extended', 'refused', 'answered'] as const).find((s) => states.includes(s));
  return state ? <RequestStateBadge state={state} size="xs" /> : <RequestBadge size="xs" />;
}

/**
 * A dense list of messages, newest first, for the inbox, sent items, search results and a case's thread: unread in bold,
 * TLP and handling code first, then subject and case, correspondent, state and date.
 */
export function MessageList({ messages, showCase = true, label }: { messages: PMessageSummary[]; showCase?: boolean; label: string }) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { dir } = useDirection();
  const when = listDate(i18n.language);
  const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' });

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover aria-label={label} verticalSpacing={5} className="message-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={14}>
              <VisuallyHidden>{t('messages.col.unread')}</VisuallyHidden>
            </Table.Th>
            <Table.Th w={150}>{t('messages.col.marking')}</Table.Th>
            <Table.Th>{t('messages.col.subject')}</Table.Th>
            <Table.Th w={230}>{t('messages.col.correspondent')}</Table.Th>
            <Table.Th w={130}>{t('messages.col.state')}</Table.Th>
            <Table.Th w={90} ta="end">
              {t('messages.col.date')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => {
            const mine = m.senderAgencyId === me.agency.id;
            return (
              <Table.Tr key={m.id} data-unread={m.unread || undefined} onClick={() => void navigate(`/messages/${m.id}`)} style={{ cursor: 'pointer' }}>
                <Table.Td px={4}>
                  {m.unread && (
                    <Tooltip label={t('messages.unread')}>
                      <Box w={8} h={8} bg="navy.6" style={{ borderRadius: 8 }} aria-label={t('messages.unread')} role="img" />
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <TlpChip tlp={m.tlp} size="xs" />
                    <HandlingBadge code={m.handlingCode} size="xs" />
                    <EvaluationBadge reliability={m.sourceReliability} accuracy={m.infoAccuracy} size="xs" />
                  </Group>
                </Table.Td>
                <Table.Td maw={0}>
                  <Group gap={6} wrap="nowrap">
                    {m.priority === 'urgent' && <UrgentBadge size="xs" />}
                    <Anchor component={Link} to={`/messages/${m.id}`} size="sm" c="inherit" fw={m.unread ? 700 : 500} lineClamp={1} onClick={(e) => e.stopPropagation()}>
                      {m.parentId ? `${dir === 'rtl' ? '↲' : '↳'} ${m.subject}` : m.subject}
                    </Anchor>
                  </Group>
                  {showCase && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {m.caseTitle}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td maw={0}>
                  <Correspondent m={m} mine={mine} />
                </Table.Td>
                <Table.Td>
                  <RequestCell m={m} />
                </Table.Td>
                <Table.Td ta="end">
                  <Tooltip label={full.format(new Date(m.createdAt))}>
                    <Text size="xs" fw={m.unread ? 700 : 400} className="nowrap">
                      <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
                    </Text>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
