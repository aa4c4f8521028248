import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PAgency } from '../../../../common';
import { useFormat } from '../../i18n/format';

export function AgenciesTable({ agencies, onEdit, onLink }: { agencies: PAgency[]; onEdit: (a: PAgency) => void; onLink: (a: PAgency) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover aria-label={t('agencies.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agencies.name')}</Table.Th>
            <Table.Th>{t('agencies.country')}</Table.Th>
            <Table.Th>{t('agencies.type')}</Table.Th>
            <Table.Th>{t('agencies.languages')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {a.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" className="ltr-value">
                    {a.code}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.country(a.country)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`agencyTypes.${a.type}`, { defaultValue: a.type })}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.list(a.languages.map((l) => f.language(l)))}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={a.disabled ? 'gray' : 'teal'} variant="light">
                  {a.disabled ? t('users.statusDisabled') : t('users.statusActive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {a.abilities.issueEnrolment && (
                    <Button size="compact-sm" variant="subtle" onClick={() => onLink(a)} aria-label={t('agencies.linkNamed', { name: a.name })}>
                      {t('agencies.enrolmentLink')}
                    </Button>
                  )}
                  {a.abilities.update && (
                    <Button size="compact-sm" variant="subtle" onClick={() => onEdit(a)} aria-label={t('agencies.editNamed', { name: a.name })}>
                      {t('common.edit')}
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
