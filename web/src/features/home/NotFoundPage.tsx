import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../components/States';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Empty
      title={t('notFound.title')}
      description={t('notFound.description')}
      action={
        <Button component={Link} to="/" variant="light">
          {t('nav.home')}
        </Button>
      }
    />
  );
}
