import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiTokenRecord } from '../../api/types';
import { IconKey } from '../../components/icons';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { Empty, ErrorAlert, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { CreateTokenForm } from './CreateTokenForm';
import { Section } from './Section';

const KEY = ['tokens'] as const;

/** API tokens for machine clients: listed, created (shown once), revoked. */
export function TokensSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: async () => {
      const r = await api.get<{ tokens: ApiTokenRecord[] }>('/api/me/tokens');
      return r.tokens;
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });

  return (
    <Section title={t('tokens.title')} description={t('tokens.intro')}>
      <Stack gap="md">
        {created && <OneTimeSecret label={t('tokens.newToken')} value={created} />}
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            void qc.invalidateQueries({ queryKey: KEY });
          }}
        />
        <ErrorAlert error={revoke.error} />
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} />
        ) : list.data.length === 0 ? (
          <Empty title={t('tokens.emptyTitle')} description={t('tokens.emptyText')} icon={<IconKey size={22} />} />
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.created')}</Table.Th>
                  <Table.Th>{t('tokens.expires')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((tok) => (
                  <Table.Tr key={tok.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {tok.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.date(tok.createdAt)}</Table.Td>
                    <Table.Td>{f.date(tok.expiresAt)}</Table.Td>
                    <Table.Td>{tok.lastUsedAt ? f.dateTime(tok.lastUsedAt) : t('tokens.never')}</Table.Td>
                    <Table.Td ta="end">
                      {tok.revoked || !tok.abilities.revoke ? (
                        <Badge color="gray" variant="light">
                          {t('tokens.revoked')}
                        </Badge>
                      ) : (
                        <Group justify="flex-end">
                          <Button
                            size="compact-sm"
                            color="red"
                            variant="subtle"
                            aria-label={t('tokens.revokeNamed', { name: tok.name })}
                            loading={revoke.isPending && revoke.variables === tok.id}
                            onClick={() => {
                              if (window.confirm(t('tokens.revokeConfirm', { name: tok.name }))) revoke.mutate(tok.id);
                            }}
                          >
                            {t('tokens.revoke')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Section>
  );
}
