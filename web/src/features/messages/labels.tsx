import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestState, TlpMarking } from '../../../../common';

/** TLP 2.0 colours: the label's colour on black (FIRST, "Traffic Light Protocol 2.0", colour codes). */
const TLP_COLOURS: Record<TlpMarking, string> = {
  RED: '#FF2B2B',
  'AMBER+STRICT': '#FFC000',
  AMBER: '#FFC000',
  GREEN: '#33FF00',
  CLEAR: '#FFFFFF',
};

/** A TLP marking as the standard draws it: coloured capitals on black; the tooltip says what it allows. */
export function TlpChip({ tlp, size = 'sm' }: { tlp: TlpMarking; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`messages.tlpHelp.${tlp}`)} multiline w={300} withArrow>
      <Badge
        size={size}
        radius="xs"
        className="ltr-value"
        data-tlp={tlp}
        styles={{
          root: {
            background: '#000',
            color: TLP_COLOURS[tlp],
            border: tlp === 'CLEAR' ? '1px solid #868e96' : '1px solid #000',
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontWeight: 700,
            letterSpacing: 0.3,
          },
        }}
      >
        {`TLP:${tlp}`}
      </Badge>
    </Tooltip>
  );
}

const HANDLING_COLOURS: Record<string, string> = { H0: 'gray', H1: 'blue', H2: 'orange', H3: 'grape' };

/** A handling code; its meaning in words on hover (and spelt out on the message page). */
export function HandlingBadge({ code, size = 'sm' }: { code: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`messages.handlingHelp.${code}`)} multiline w={300} withArrow>
      <Badge size={size} radius="xs" variant="light" color={HANDLING_COLOURS[code] ?? 'gray'} className="ltr-value">
        {code}
      </Badge>
    </Tooltip>
  );
}

/** The Europol 4x4 evaluation, e.g. "B2", with both meanings on hover. */
export function EvaluationBadge({ reliability, accuracy, size = 'sm' }: { reliability: string; accuracy: number; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={`${reliability}: ${t(`messages.reliability.${reliability}`)} — ${accuracy}: ${t(`messages.accuracy.${accuracy}`)}`} multiline w={320} withArrow>
      <Badge size={size} radius="xs" variant="outline" color="gray" className="ltr-value" aria-label={t('messages.evaluationLabel', { code: `${reliability}${accuracy}` })}>
        {`${reliability}${accuracy}`}
      </Badge>
    </Tooltip>
  );
}

export function UrgentBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" color="red" variant="light">
      {t('messages.priority.urgent')}
    </Badge>
  );
}

export function OverdueBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" color="red" variant="filled">
      {t('messages.requestState.overdue')}
    </Badge>
  );
}

const STATE_COLOURS: Record<RequestState, string> = { sent: 'blue', acknowledged: 'cyan', extended: 'yellow', answered: 'teal', refused: 'dark', overdue: 'red', clarification: 'grape' };

export function RequestStateBadge({ state, size = 'sm' }: { state: RequestState; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" color={STATE_COLOURS[state]} variant={state === 'overdue' ? 'filled' : 'light'}>
      {t(`messages.requestState.${state}`)}
    </Badge>
  );
}

export function RequestBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} radius="xs" color="navy" variant="outline">
      {t('messages.request')}
    </Badge>
  );
}
