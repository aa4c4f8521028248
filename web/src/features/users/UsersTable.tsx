import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PDesk, PUser } from '../../../../common';
import { useFormat } from '../../i18n/format';

function Status({ user }: { user: PUser }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge color="gray" variant="light">{t('users.statusDisabled')}</Badge>;
  if (!user.enrolled) return <Badge color="yellow" variant="light">{t('users.statusPending')}</Badge>;
  return <Badge color="teal" variant="light">{t('users.statusActive')}</Badge>;
}

export function UsersTable({ users, desks, onEdit, onReset }: { users: PUser[]; desks: PDesk[]; onEdit: (u: PUser) => void; onReset: (u: PUser) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const deskName = new Map(desks.map((d) => [d.id, d.name]));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-label={t('users.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.name')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.desks')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-testid="user-row">
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {u.displayName}
                  </Text>
                  <Text size="xs" c="dimmed" className="ltr-value" title={`${t('users.created')}: ${f.date(u.createdAt)}`}>
                    {u.email}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.roles.map((r) => (
                    <Badge key={r} size="sm" variant="light" radius="sm">
                      {t(`roles.${r}`, { defaultValue: r })}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td miw={150}>
                {u.deskIds.length ? (
                  <Group gap={4}>
                    {u.deskIds.map((id) => (
                      <Badge key={id} size="sm" variant="default" radius="sm" fw={500}>
                        {deskName.get(id) ?? '—'}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Status user={u} />
                  <Text size="xs" c={u.totpEnabled ? 'teal.8' : 'dimmed'} className="nowrap">
                    {t('users.twoFactor')}: {u.totpEnabled ? t('account.totpOn') : t('account.totpOff')}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {u.abilities.update && (
                    <Button size="compact-sm" variant="subtle" onClick={() => onEdit(u)} aria-label={t('users.editNamed', { name: u.displayName })}>
                      {t('common.edit')}
                    </Button>
                  )}
                  {u.abilities.reset && (
                    <Button size="compact-sm" variant="subtle" color="orange" onClick={() => onReset(u)} aria-label={t('users.resetNamed', { name: u.displayName })}>
                      {t('users.reset')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
