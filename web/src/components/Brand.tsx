import { Group, Text } from '@mantine/core';

/** The Tansiq mark: two linked rings, the Latin name and تنسيق. */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const mark = size === 'lg' ? 34 : 26;
  return (
    <Group gap={10} wrap="nowrap" aria-label="Tansiq تنسيق">
      <svg width={mark} height={mark} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#1f3a5f" />
        <circle cx="11" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.5" />
        <circle cx="21" cy="16" r="5" fill="none" stroke="#7fb3e6" strokeWidth="2.5" />
      </svg>
      <Group gap={6} wrap="nowrap" align="baseline">
        <Text fw={700} fz={size === 'lg' ? 22 : 17} c="navy.8" lts={0.2}>
          Tansiq
        </Text>
        <Text fw={600} fz={size === 'lg' ? 20 : 16} c="dimmed" lang="ar" dir="rtl" visibleFrom="xs">
          تنسيق
        </Text>
      </Group>
    </Group>
  );
}
