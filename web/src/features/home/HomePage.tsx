import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { NotificationList } from '../notifications/NotificationList';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** Who am I, where, with which rights; and what is new for me. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useSession();
  const f = useFormat();

  return (
    <>
      <PageHeader title={t('home.greeting', { name: me.user.displayName })} description={t('home.intro')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder radius="md" padding="lg">
          <Title order={2} mb="sm">
            {t('home.profile')}
          </Title>
          <Stack gap="sm">
            <Field label={t('auth.email')}>
              <Text size="sm" className="ltr-value">
                {me.user.email}
              </Text>
            </Field>
            <Field label={t('home.roles')}>
              <Group gap={6}>
                {me.user.roles.map((r) => (
                  <Badge key={r} variant="light" radius="sm">
                    {t(`roles.${r}`, { defaultValue: r })}
                  </Badge>
                ))}
              </Group>
            </Field>
            <Field label={t('home.desks')}>
              {me.desks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('home.noDesks')}
                </Text>
              ) : (
                <Group gap={6}>
                  {me.desks.map((d) => (
                    <Badge key={d.id} variant="outline" color="gray" radius="sm">
                      {d.name}
                      {d.isNcb ? ` · ${t('desks.ncb')}` : ''}
                    </Badge>
                  ))}
                </Group>
              )}
            </Field>
            <Field label={t('account.security')}>
              <Badge color={me.user.totpEnabled ? 'teal' : 'yellow'} variant="light" radius="sm">
                {me.user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}
              </Badge>
            </Field>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} mb="sm">
            {t('home.agency')}
          </Title>
          <Stack gap="sm">
            <Field label={t('agencies.name')}>
              <Text size="sm" fw={600}>
                {me.agency.name}
              </Text>
            </Field>
            <SimpleGrid cols={2}>
              <Field label={t('agencies.country')}>
                <Text size="sm">{f.country(me.agency.country)}</Text>
              </Field>
              <Field label={t('agencies.type')}>
                <Text size="sm">{t(`agencyTypes.${me.agency.type}`, { defaultValue: me.agency.type })}</Text>
              </Field>
            </SimpleGrid>
            <Field label={t('agencies.languages')}>
              <Text size="sm">{f.list(me.agency.languages.map((l) => f.language(l)))}</Text>
            </Field>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md" padding="lg" mt="md">
        <Group justify="space-between" mb="xs">
          <Title order={2}>{t('notifications.recent')}</Title>
          <Text component={Link} to="/notifications" size="sm" c="navy.7">
            {t('notifications.all')}
          </Text>
        </Group>
        <NotificationList limit={5} />
      </Card>
    </>
  );
}
