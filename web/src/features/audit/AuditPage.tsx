import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { IconAudit, IconDownload } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { AuditChart } from './AuditChart';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { EMPTY_FILTER, exportUrl, useAudit, type AuditFilter } from './api';

/** The agency's audit trail for supervisors, data-protection officers and administrators. */
export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession();
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_FILTER);
  const audit = useAudit(filter);
  const events = audit.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <RequireAbility allowed={me.abilities.readAudit === true}>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.intro', { agency: me.agency.name })}
        actions={
          <Button component="a" href={exportUrl(filter)} download="tansiq-audit.jsonl" variant="light" leftSection={<IconDownload size={16} />}>
            {t('audit.export')}
          </Button>
        }
      />
      <Stack gap="md">
        <AuditFilters value={filter} onChange={setFilter} />
        {events.length > 0 && <AuditChart events={events} />}
        <Card withBorder radius="md" padding="md">
          {audit.isPending ? (
            <Loading />
          ) : audit.error ? (
            <ErrorAlert error={audit.error} />
          ) : events.length === 0 ? (
            <Empty title={t('audit.emptyTitle')} description={t('audit.emptyText')} icon={<IconAudit size={22} />} />
          ) : (
            <>
              <AuditTable events={events} onActor={(actorUserId, actor) => setFilter({ ...filter, actorUserId, actor })} />
              <Group justify="space-between" mt="sm">
                <Text size="xs" c="dimmed">
                  {t('audit.shown', { n: f.number(events.length) })}
                </Text>
                {audit.hasNextPage && (
                  <Button variant="default" size="xs" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                    {t('audit.loadMore')}
                  </Button>
                )}
              </Group>
            </>
          )}
        </Card>
      </Stack>
    </RequireAbility>
  );
}
