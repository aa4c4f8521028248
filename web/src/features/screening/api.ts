import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PBatchResults, PJob, PScreeningMatch, TScreeningMatchRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { uploadFile } from '../../api/upload';

export type PBatch = PJob & { fileName: string | null; abilities: { cancel: boolean; delete: boolean } };

const active = (s: string | undefined) => s === 'queued' || s === 'running';

export function useMatch() {
  return useMutation({ mutationFn: (body: TScreeningMatchRequest) => api.post<PScreeningMatch>('/api/screening/match', body) });
}

export function useBatches() {
  return useQuery({
    queryKey: ['screening', 'batches'],
    queryFn: () => api.get<{ batches: PBatch[] }>('/api/screening/batches'),
    // A list being screened: follow its progress bar.
    refetchInterval: (q) => (q.state.data?.batches.some((b) => active(b.state)) ? 1000 : false),
  });
}

export function useBatchResults(id: string | null, page: number, alertsOnly: boolean) {
  return useQuery({
    queryKey: ['screening', 'batch', id, page, alertsOnly],
    queryFn: () => api.get<PBatchResults>(`/api/screening/batches/${id}/results${query({ page, pageSize: 25, alertsOnly: alertsOnly ? 'true' : 'false' })}`),
    enabled: id !== null,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (active(q.state.data?.job.state) ? 1500 : false),
  });
}

export function useUploadBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, purpose, onProgress }: { file: File; purpose: string; onProgress?: (f: number) => void }) =>
      uploadFile<{ batch: PBatch }>(`/api/screening/batches${query({ purpose })}`, file, onProgress),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['screening', 'batches'] }),
  });
}

export function useBatchAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'delete' }) =>
      action === 'cancel' ? api.post(`/api/screening/batches/${id}/cancel`) : api.delete(`/api/screening/batches/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['screening'] }),
  });
}

export const downloadUrl = (id: string, format: 'csv' | 'jsonl') => `/api/screening/batches/${id}/download?format=${format}`;
