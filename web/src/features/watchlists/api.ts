import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PJob, PWatchlist, PWatchlistEntries, PWatchlistEntry, PWatchlistVersion } from '../../../../common';
import { api, query } from '../../api/client';
import { uploadFile } from '../../api/upload';

export interface WatchlistsAnswer {
  watchlists: PWatchlist[];
  abilities: { importGlobal: boolean; importAgency: boolean };
  uploadLimitBytes: number;
}

export function useWatchlists() {
  return useQuery({ queryKey: ['watchlists'], queryFn: () => api.get<WatchlistsAnswer>('/api/watchlists') });
}

export function useWatchlist(id: string | null) {
  return useQuery({
    queryKey: ['watchlists', id],
    queryFn: () => api.get<{ watchlist: PWatchlist; versions: PWatchlistVersion[] }>(`/api/watchlists/${id}`),
    enabled: id !== null,
  });
}

/** Follows a job until it ends, then refreshes the lists. */
export function useJob(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: async () => {
      const r = await api.get<{ job: PJob }>(`/api/jobs/${id}`);
      if (!['queued', 'running'].includes(r.job.state)) void qc.invalidateQueries({ queryKey: ['watchlists'] });
      return r.job;
    },
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !['queued', 'running'].includes(q.state.data.state) ? false : 700),
  });
}

export function useImport() {
  return useMutation({
    mutationFn: ({ file, name, scope, listId, onProgress }: { file: File; name: string; scope: 'global' | 'agency'; listId: string | null; onProgress?: (f: number) => void }) =>
      uploadFile<{ job: PJob }>(listId ? `/api/watchlists/${listId}/versions` : `/api/watchlists${query({ name, scope })}`, file, onProgress),
  });
}

export function useSetThreshold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, alertThreshold }: { id: string; alertThreshold: number | null }) => api.patch(`/api/watchlists/${id}`, { alertThreshold }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['watchlists'] }),
  });
}

export interface EntryFilter {
  q: string;
  kind: string;
  page: number;
}

/** A page of a list's current entries (the previous page stays on screen while the next one loads). */
export function useEntries(id: string, f: EntryFilter) {
  return useQuery({
    queryKey: ['watchlists', id, 'entries', f],
    queryFn: () => api.get<PWatchlistEntries>(`/api/watchlists/${id}/entries${query({ q: f.q || undefined, kind: f.kind || undefined, page: f.page > 1 ? f.page : undefined })}`),
    placeholderData: keepPreviousData,
  });
}

export function useEntry(id: string, sourceId: string | null) {
  return useQuery({
    queryKey: ['watchlists', id, 'entry', sourceId],
    queryFn: () => api.get<{ entry: PWatchlistEntry }>(`/api/watchlists/${id}/entries/${encodeURIComponent(sourceId ?? '')}`),
    enabled: sourceId !== null,
    retry: false,
  });
}

export function useDeleteWatchlist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ deleted: { id: string; entries: number } }>(`/api/watchlists/${id}`),
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: ['watchlists', id] });
      return qc.invalidateQueries({ queryKey: ['watchlists'] });
    },
  });
}
