import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HitSource, HitState, PHit, PHitList, TDecideHitRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { onLiveTopic } from '../../api/live';

export const HITS_KEY = ['hits'] as const;
const hitKey = (id: string) => ['hits', 'one', id] as const;

onLiveTopic('hit', [HITS_KEY]);

export type HitScope = 'ours' | 'on-our-notices';
export const HIT_SCOPES: readonly HitScope[] = ['ours', 'on-our-notices'];

export interface HitFilter {
  scope: HitScope;
  state: HitState | '';
  source: HitSource | '';
  noticeId?: string;
  jobId?: string;
  page: number;
}

export const HIT_PAGE_SIZE = 20;

export function useHits(f: HitFilter, enabled = true) {
  return useQuery({
    queryKey: [...HITS_KEY, 'list', f],
    queryFn: () =>
      api.get<PHitList>(
        `/api/hits${query({ scope: f.scope, state: f.state || undefined, source: f.source || undefined, noticeId: f.noticeId, jobId: f.jobId, limit: HIT_PAGE_SIZE, offset: (f.page - 1) * HIT_PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHit(id: string | undefined) {
  return useQuery({
    queryKey: hitKey(id ?? ''),
    queryFn: async () => (await api.get<{ hit: PHit }>(`/api/hits/${encodeURIComponent(id ?? '')}`)).hit,
    enabled: Boolean(id),
  });
}

/** Confirms or discards a hit; a confirmed hit on a notice notifies the requesting NCB. */
export function useDecideHit(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TDecideHitRequest) => api.post<{ hit: PHit }>(`/api/hits/${encodeURIComponent(id)}/decision`, body),
    onSuccess: (r) => {
      qc.setQueryData(hitKey(id), r.hit);
      void qc.invalidateQueries({ queryKey: HITS_KEY, predicate: (q) => q.queryKey[1] !== 'one' });
      // The notice's confirmed-hit count changes too.
      void qc.invalidateQueries({ queryKey: ['notices'] });
    },
  });
}
