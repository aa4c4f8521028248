import { Alert, Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/errors';
import { IconAlert, IconInbox } from './icons';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function Empty({ title, description, icon, action }: { title: string; description?: string; icon?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState py="xl" size="sm" withIndicatorBackground icon={icon ?? <IconInbox size={22} />} title={title} description={description}>
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

/** An API error, translated by its code. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={title} role="alert">
      {text(error)}
    </Alert>
  );
}
