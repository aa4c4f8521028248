import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HitState } from '../../../../common';

const STATE_COLOUR: Record<HitState, string> = { open: 'yellow', confirmed: 'red', discarded: 'gray' };

export function HitStateBadge({ state, size = 'sm' }: { state: HitState; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" color={STATE_COLOUR[state]} variant={state === 'open' ? 'filled' : 'light'} data-hit-state={state}>
      {t(`hits.state.${state}`)}
    </Badge>
  );
}

export function SourceBadge({ source, size = 'sm' }: { source: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" variant="outline" color="gray">
      {t(`hits.source.${source}`)}
    </Badge>
  );
}
