import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons';

/** What a missing page, or a page the user's abilities do not open, shows: the same answer, as the API gives 404. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" py={64}>
      <ThemeIcon size={52} radius="xl" variant="light" color="gray">
        <IconAlert size={26} />
      </ThemeIcon>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text c="dimmed" size="sm" ta="center" maw={420}>
        {t('notFound.description')}
      </Text>
      <Button component={Link} to="/" variant="light" mt="xs">
        {t('nav.home')}
      </Button>
    </Stack>
  );
}
