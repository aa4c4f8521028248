import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** The page's title (also the browser tab's), its one-line explanation and its main actions. */
export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Tansiq`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
      <Stack gap={2}>
        {/* Titles and descriptions are often the user's own words in another script: isolated, so a Latin sentence
            keeps its full stop at its end in an Arabic page, while the block stays aligned with the page. */}
        <Title order={1}>
          <bdi>{title}</bdi>
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            <bdi>{description}</bdi>
          </Text>
        )}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
