import { Anchor, Code, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PAuditEvent } from '../../../../common';
import { useFormat } from '../../i18n/format';

function short(id: string | null): string {
  return id ? (id.length > 13 ? `${id.slice(0, 8)}…` : id) : '';
}

export function AuditTable({ events, onActor }: { events: PAuditEvent[]; onActor: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label={t('audit.title')} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.object')}</Table.Th>
            <Table.Th>{t('audit.purpose')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => {
            const details = Object.keys(e.details ?? {}).length ? JSON.stringify(e.details) : '';
            return (
              <Table.Tr key={e.seq}>
                <Table.Td c="dimmed">{f.number(e.seq)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(e.at)}</Table.Td>
                <Table.Td>
                  {e.actorUserId ? (
                    <Anchor component="button" type="button" size="xs" ta="start" className="nowrap" onClick={() => onActor(e.actorUserId ?? '', e.actorName ?? short(e.actorUserId))} title={t('audit.filterActor')}>
                      {e.actorName ?? short(e.actorUserId)}
                    </Anchor>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('audit.system')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Code fz="xs">{e.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" className="ltr-value nowrap" title={e.objectId ?? undefined}>
                    {e.objectType ?? ''} {short(e.objectId)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{e.purpose ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" className="ltr-value">
                    {e.ip ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td maw={260}>
                  {details && (
                    <Tooltip label={details} multiline maw={420} withArrow>
                      <Text size="xs" ff="monospace" lineClamp={1} className="ltr-value">
                        {details}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
