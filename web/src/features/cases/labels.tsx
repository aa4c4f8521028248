import { Badge, Group, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PAgencyRef, PCaseEvent, PPersonRef } from '../../../../common';

const AREA_COLORS: Record<string, string> = {
  terrorism: 'red',
  cybercrime: 'indigo',
  'trafficking-in-human-beings': 'grape',
  'migrant-smuggling': 'cyan',
  'drug-trafficking': 'orange',
  'organised-crime': 'dark',
  'money-laundering': 'yellow',
  corruption: 'pink',
  'firearms-trafficking': 'lime',
  other: 'gray',
};

export function CrimeAreaBadges({ areas, size = 'sm' }: { areas: string[]; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {areas.map((a) => (
        <Badge key={a} size={size} variant="light" color={AREA_COLORS[a] ?? 'gray'} radius="sm">
          {t(`crimeAreas.${a}`)}
        </Badge>
      ))}
    </Group>
  );
}

const STATUS_COLORS: Record<string, string> = { open: 'teal', closed: 'gray', archived: 'dark', invited: 'yellow', active: 'teal', declined: 'red', left: 'gray' };

export function CaseStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'gray'} radius="sm">
      {t(`caseStatus.${status}`)}
    </Badge>
  );
}

export function ParticipantStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATUS_COLORS[status] ?? 'gray'} radius="sm">
      {t(`participantStatus.${status}`)}
    </Badge>
  );
}

/** A joint team: only named members see the case. */
export function RestrictedBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('cases.restrictedHelp')} multiline w={260} withArrow>
      <Badge size={size} variant="outline" color="grape" radius="sm">
        {t('cases.restricted')}
      </Badge>
    </Tooltip>
  );
}

export function OverdueBadge({ count }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" color="red" variant="filled" radius="sm">
      {count === undefined ? t('cases.overdue') : t('cases.overdueCount', { count })}
    </Badge>
  );
}

/**
 * Isolates a value written in any script (a Latin agency name inside an Arabic sentence, an Arabic title inside a
 * French one) so that it keeps its own direction and does not reorder the sentence around it (Unicode FSI … PDI).
 */
export function iso(value: string): string {
  return value ? `\u2068${value}\u2069` : value;
}

/** A person as the viewer may see them: their name when shared, otherwise their agency. */
export function personLabel(t: TFunction, p: PPersonRef | null, agencies: Map<string, PAgencyRef>): string {
  if (!p) return t('cases.system');
  const agency = agencies.get(p.agencyId)?.name ?? '';
  return p.name ?? t('cases.someoneAt', { agency });
}

/** The sentence of a timeline entry, in the interface language. */
export function eventText(t: TFunction, e: PCaseEvent, agencies: Map<string, PAgencyRef>): string {
  const actor = iso(personLabel(t, e.actor, agencies));
  const object = iso(e.object.type === 'participant' ? (agencies.get(e.object.id)?.name ?? e.object.label ?? '') : (e.object.label ?? ''));
  const to = typeof e.details.to === 'string' ? iso(t(`caseStatus.${e.details.to}`)) : '';
  return t(`cases.events.${e.kind.replace('.', '_')}`, { actor, object, to, defaultValue: t('cases.events.generic', { actor, kind: e.kind }) });
}
