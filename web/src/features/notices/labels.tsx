import { Badge, Box, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOTICE_COLOURS, type NoticeColour, type NoticeState } from '../../../../common';

/** The corner colour INTERPOL prints on each notice; text colour chosen for contrast on it. */
export const COLOUR_STYLE: Record<NoticeColour, { bg: string; fg: string }> = {
  red: { bg: '#c62828', fg: '#fff' },
  blue: { bg: '#1565c0', fg: '#fff' },
  green: { bg: '#2e7d32', fg: '#fff' },
  yellow: { bg: '#f9c80e', fg: '#1a1a1a' },
  black: { bg: '#1a1a1a', fg: '#fff' },
  orange: { bg: '#ef6c00', fg: '#fff' },
  purple: { bg: '#6a1b9a', fg: '#fff' },
  silver: { bg: '#b0b7bf', fg: '#1a1a1a' },
  un: { bg: '#1f3a5f', fg: '#fff' },
};

/** States in which nobody may act on the notice any more (or not yet). */
export const INACTIVE_STATES: readonly NoticeState[] = ['suspended', 'cancelled', 'withdrawn', 'expired'];

const STATE_COLOUR: Record<NoticeState, string> = {
  draft: 'gray',
  requested: 'blue',
  published: 'teal',
  refused: 'dark',
  suspended: 'orange',
  withdrawn: 'gray',
  cancelled: 'gray',
  expired: 'gray',
};

/** A notice's colour as a filled badge; its meaning on hover (and in the legend). */
export function ColourBadge({ colour, size = 'sm' }: { colour: NoticeColour | string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const c = COLOUR_STYLE[colour as NoticeColour] ?? COLOUR_STYLE.black;
  return (
    <Tooltip label={t(`notices.meaning.${colour}`)} multiline w={280} withArrow>
      <Badge size={size} radius="xs" data-colour={colour} styles={{ root: { background: c.bg, color: c.fg, border: colour === 'silver' ? '1px solid #868e96' : undefined } }}>
        {t(`notices.colour.${colour}`)}
      </Badge>
    </Tooltip>
  );
}

/** The state of a notice; inactive states read struck through so that nobody takes them for live. */
export function StateBadge({ state, size = 'sm' }: { state: NoticeState | string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const s = state as NoticeState;
  return (
    <Badge size={size} radius="xs" variant={s === 'published' ? 'filled' : 'light'} color={STATE_COLOUR[s] ?? 'gray'} data-state={state}>
      {t(`notices.state.${state}`)}
    </Badge>
  );
}

export function KindBadge({ kind, size = 'sm' }: { kind: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" variant="outline" color={kind === 'diffusion' ? 'grape' : 'gray'}>
      {t(`notices.kind.${kind}`)}
    </Badge>
  );
}

/** A small colour square, for pickers and the legend. */
export function Swatch({ colour, size = 14 }: { colour: NoticeColour; size?: number }) {
  const c = COLOUR_STYLE[colour];
  return <Box w={size} h={size} style={{ background: c.bg, borderRadius: 3, flexShrink: 0, border: '1px solid rgba(0,0,0,.2)' }} aria-hidden />;
}

/** What each colour means, in the reader's language. */
export function ColourLegend() {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing={6} component="dl" m={0}>
      {NOTICE_COLOURS.map((c) => (
        <Group key={c} gap="xs" wrap="nowrap" align="flex-start">
          <Swatch colour={c} size={16} />
          <Stack gap={0}>
            <Text size="sm" fw={600} component="dt">
              {t(`notices.colour.${c}`)}
            </Text>
            <Text size="xs" c="dimmed" component="dd" m={0}>
              {t(`notices.meaning.${c}`)}
            </Text>
          </Stack>
        </Group>
      ))}
    </SimpleGrid>
  );
}

/** Isolates a value from the surrounding text's direction (a Latin name inside an Arabic sentence, and back). */
export const isolate = (v: unknown) => `\u2068${String(v)}\u2069`;
