import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { AuditPage } from '../../api/types';

export interface AuditFilter {
  action: string;
  objectType: string;
  /** Part of a name or e-mail address typed in the filter bar (or the name of the actor clicked in the table). */
  actor: string;
  /** Set when an actor was clicked in the table: that person exactly, whoever else has a similar name. */
  actorUserId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { action: '', objectType: '', actor: '', actorUserId: '', from: '', to: '' };

/** A date from a date field (local day) as the ISO instant the API expects; `end` takes the day's last moment. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return new Date(d.getTime() - (end ? 1 : 0)).toISOString();
}

export function filterParams(f: AuditFilter): Record<string, string | undefined> {
  return {
    action: f.action.trim() || undefined,
    objectType: f.objectType.trim() || undefined,
    actorUserId: f.actorUserId || undefined,
    actor: f.actorUserId ? undefined : f.actor.trim() || undefined,
    from: dayBound(f.from, false),
    to: dayBound(f.to, true),
  };
}

export function exportUrl(f: AuditFilter): string {
  return `/api/audit/export${query(filterParams(f))}`;
}

export function useAudit(f: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', f],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => api.get<AuditPage>(`/api/audit${query({ ...filterParams(f), before: pageParam, limit: 100 })}`),
    getNextPageParam: (last) => last.nextBefore,
    // A new filter keeps the former rows on screen until the new ones arrive (no flash of a loader).
    placeholderData: keepPreviousData,
  });
}
