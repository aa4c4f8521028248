import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PDocument, PDocumentCheck, PDocumentList, PJob, PMrzCheck, TCheckDocumentRequest, TCheckMrzRequest, TCloseDocumentRequest, TListDocumentsQuery, TRegisterDocumentRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { uploadFile } from '../../api/upload';

export function useCheckDocument() {
  return useMutation({ mutationFn: (body: TCheckDocumentRequest) => api.post<PDocumentCheck>('/api/documents/check', body) });
}

export function useCheckMrz() {
  return useMutation({ mutationFn: (body: Omit<TCheckMrzRequest, 'top'> & { top?: number }) => api.post<PMrzCheck>('/api/documents/check-mrz', body) });
}

export type DocumentFilters = Partial<Pick<TListDocumentsQuery, 'state' | 'lossType' | 'type' | 'number'>> & { page: number };

export function useDocuments(f: DocumentFilters) {
  return useQuery({
    queryKey: ['documents', 'list', f],
    queryFn: () => api.get<PDocumentList>(`/api/documents${query({ ...f, pageSize: 25 })}`),
    placeholderData: keepPreviousData,
  });
}

export function useRegisterDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TRegisterDocumentRequest) => api.post<{ document: PDocument }>('/api/documents', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}

export function useCloseDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string } & TCloseDocumentRequest) => api.post<{ document: PDocument }>(`/api/documents/${id}/close`, { action }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}

export function useUploadDocuments() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: (f: number) => void }) => uploadFile<{ job: PJob; rows: number }>('/api/documents/import', file, onProgress),
  });
}

/** Follows a registration job until it ends; the list refreshes when it does. */
export function useImportJob(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['documents', 'job', id],
    queryFn: async () => {
      const r = await api.get<{ job: PJob }>(`/api/jobs/${id}`);
      if (r.job.state === 'succeeded') await qc.invalidateQueries({ queryKey: ['documents', 'list'] });
      return r.job;
    },
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.state) ? false : 700),
  });
}
