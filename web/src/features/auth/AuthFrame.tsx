import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../components/Brand';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';

/** The frame of the pages seen before signing in: brand, language, one card. */
export function AuthFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="lg" py="md">
        <Brand />
        <LanguageSwitcher />
      </Group>
      <Center px="md" pt="6vh" pb="xl">
        <Stack w="100%" maw={400} gap="md">
          <Paper withBorder shadow="xs" p="xl" radius="md">
            {children}
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('auth.footer')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
