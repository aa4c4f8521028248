import { Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDesk } from '../../../../common';
import { useSession } from '../../api/session';
import { IconDesk, IconPlus } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { RequireAbility } from '../../components/RequireAuth';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useDesks } from '../users/api';
import { DeskFormModal } from './DeskFormModal';

/** Agency administration: the desks (units) messages and cases are addressed to. */
export function DesksPage() {
  const { t } = useTranslation();
  const me = useSession();
  const desks = useDesks();
  const [dialog, setDialog] = useState<{ desk: PDesk | null } | null>(null);

  return (
    <RequireAbility allowed={me.abilities.manageDesks === true}>
      <PageHeader
        title={t('desks.title')}
        description={t('desks.intro', { agency: me.agency.name })}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ desk: null })}>
            {t('desks.create')}
          </Button>
        }
      />
      <Card withBorder radius="md" padding="md">
        {desks.isPending ? (
          <Loading />
        ) : desks.error ? (
          <ErrorAlert error={desks.error} />
        ) : desks.data.length === 0 ? (
          <Empty title={t('desks.emptyTitle')} description={t('desks.emptyText')} icon={<IconDesk size={22} />} />
        ) : (
          <Table striped highlightOnHover aria-label={t('desks.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('desks.name')}</Table.Th>
                <Table.Th>{t('desks.code')}</Table.Th>
                <Table.Th>{t('desks.kind')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {desks.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {d.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" className="ltr-value">
                      {d.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.isNcb ? <Badge variant="light">{t('desks.ncb')}</Badge> : <Text size="sm">{t('desks.unit')}</Text>}</Table.Td>
                  <Table.Td>
                    <Badge color={d.disabled ? 'gray' : 'teal'} variant="light">
                      {d.disabled ? t('users.statusDisabled') : t('users.statusActive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      {d.abilities.update && (
                        <Button size="compact-sm" variant="subtle" onClick={() => setDialog({ desk: d })} aria-label={t('desks.editNamed', { name: d.name })}>
                          {t('common.edit')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {dialog && <DeskFormModal desk={dialog.desk} onClose={() => setDialog(null)} />}
    </RequireAbility>
  );
}
