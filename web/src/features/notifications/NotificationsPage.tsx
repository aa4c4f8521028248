import { Card } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { NotificationList } from './NotificationList';

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('nav.notifications')} description={t('notifications.intro')} />
      <Card withBorder radius="md" padding="lg">
        <NotificationList />
      </Card>
    </>
  );
}
