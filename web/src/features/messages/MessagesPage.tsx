import { Button, Card, Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { EMPTY_FILTER, useMessages, type Box, type MessageFilter } from './api';
import { IconEye, IconMail } from './icons';
import { MessageFilters } from './MessageFilters';
import { MessageList } from './MessageList';

const BOXES: Box[] = ['inbox', 'sent', 'all'];

/** The filter lives in the address, so that back from a message returns to the same list. */
function filterFrom(params: URLSearchParams): MessageFilter {
  const box = params.get('box');
  return {
    box: BOXES.includes(box as Box) ? (box as Box) : 'inbox',
    unread: params.get('unread') === '1',
    urgent: params.get('urgent') === '1',
    overdue: params.get('overdue') === '1',
    caseId: params.get('case') ?? '',
    agencyId: params.get('agency') ?? '',
    crimeArea: params.get('area') ?? '',
    q: params.get('q') ?? '',
  };
}

function paramsFrom(f: MessageFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.box !== 'inbox') out.box = f.box;
  if (f.unread) out.unread = '1';
  if (f.urgent) out.urgent = '1';
  if (f.overdue) out.overdue = '1';
  if (f.caseId) out.case = f.caseId;
  if (f.agencyId) out.agency = f.agencyId;
  if (f.crimeArea) out.area = f.crimeArea;
  if (f.q) out.q = f.q;
  return out;
}

/** Inbox, sent items and search across every message the user may see. */
export function MessagesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const list = useMessages(filter);
  const setFilter = (next: MessageFilter) => setParams(paramsFrom(next));
  const filtered = filter.unread || filter.urgent || filter.overdue || filter.caseId || filter.agencyId || filter.crimeArea || filter.q;
  const messages = list.data ?? [];
  const unread = messages.filter((m) => m.unread).length;

  return (
    <RequireAbility allowed={me.permissions.includes('case.work')}>
      <PageHeader
        title={t(`messages.box.${filter.box}`)}
        description={t('messages.intro', { agency: me.agency.name })}
        actions={
          me.permissions.includes('desk.red-readers') ? (
            <Button component={Link} to="/red-readers" variant="default" leftSection={<IconEye size={16} />}>
              {t('messages.red.title')}
            </Button>
          ) : undefined
        }
      />
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <SegmentedControl
          size="sm"
          value={filter.box}
          onChange={(v) => setFilter({ ...filter, box: v as Box })}
          data={BOXES.map((b) => ({ value: b, label: t(`messages.box.${b}`) }))}
          aria-label={t('messages.boxLabel')}
        />
        {list.data && (
          <Text size="xs" c="dimmed" aria-live="polite">
            {t('messages.counts', { n: f.number(messages.length), unread: f.number(unread) })}
          </Text>
        )}
      </Group>
      <MessageFilters value={filter} onChange={setFilter} />
      <Card withBorder radius="md" padding={0} style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} />
        ) : messages.length === 0 ? (
          <Empty
            icon={<IconMail size={22} />}
            title={filtered ? t('messages.emptyFilteredTitle') : t(`messages.empty.${filter.box}`)}
            description={filtered ? t('messages.emptyFilteredText') : t('messages.emptyText')}
            action={
              filtered ? (
                <Button size="xs" variant="default" onClick={() => setFilter({ ...EMPTY_FILTER, box: filter.box })}>
                  {t('messages.filter.clear')}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <MessageList messages={messages} label={t(`messages.box.${filter.box}`)} />
        )}
      </Card>
    </RequireAbility>
  );
}
