import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentSeverity, IncidentStatus } from '../../../../common';

/** Severity colours, shared by the badges, the map's markers and the charts (red for critical, down to blue). */
export const SEVERITY_COLOR: Record<IncidentSeverity, string> = { critical: '#c92a2a', high: '#e8590c', medium: '#f2c200', low: '#1c7ed6' };
const SEVERITY_BADGE: Record<IncidentSeverity, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'blue' };
const STATUS_BADGE: Record<IncidentStatus, string> = { open: 'red', 'in-progress': 'orange', resolved: 'teal', closed: 'gray' };
export const DECISION_COLOR: Record<string, string> = { approve: '#2f9e44', refer: '#f08c00', deny: '#c92a2a', pending: '#868e96' };

export function SeverityBadge({ severity }: { severity: IncidentSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_BADGE[severity]} variant={severity === 'critical' ? 'filled' : 'light'}>
      {t(`events.severity.${severity}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_BADGE[status]} variant="dot">
      {t(`events.status.${status}`)}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: 'chair' | 'member' | 'observer' }) {
  const { t } = useTranslation();
  return (
    <Badge color={role === 'chair' ? 'indigo' : role === 'member' ? 'teal' : 'gray'} variant="light">
      {t(`events.role.${role}`)}
    </Badge>
  );
}
