import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoticeAction, NoticeColour, NoticeKind, NoticeState, PNotice, PNoticeAddressee, PNoticeList, TCreateNoticeRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { sendFile } from '../../api/upload';
import { onLiveTopic } from '../../api/live';

export const NOTICES_KEY = ['notices'] as const;
const noticeKey = (id: string) => ['notices', 'one', id] as const;

// A notice changed state somewhere (approved, published, suspended …): every notice query re-fetches through the API.
onLiveTopic('notice', [NOTICES_KEY]);

export type NoticeScope = 'all' | 'mine' | 'approval' | 'review';
export const NOTICE_SCOPES: readonly NoticeScope[] = ['all', 'mine', 'approval', 'review'];

/** The gallery's filters as the page keeps them (in the address). */
export interface NoticeFilter {
  scope: NoticeScope;
  colour: NoticeColour | '';
  kind: NoticeKind | '';
  state: NoticeState | '';
  q: string;
  page: number;
}

export const PAGE_SIZE = 24;

export function useNotices(f: NoticeFilter) {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'list', f],
    queryFn: () =>
      api.get<PNoticeList>(
        `/api/notices${query({ scope: f.scope, colour: f.colour || undefined, kind: f.kind || undefined, state: f.state || undefined, q: f.q.trim() || undefined, limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: noticeKey(id ?? ''),
    queryFn: async () => (await api.get<{ notice: PNotice }>(`/api/notices/${encodeURIComponent(id ?? '')}`)).notice,
    enabled: Boolean(id),
  });
}

/** Agencies with a National Central Bureau desk: who a diffusion can be sent to. */
export function useAddressees(enabled = true) {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'addressees'],
    queryFn: async () => (await api.get<{ agencies: PNoticeAddressee[] }>('/api/notices/addressees')).agencies,
    staleTime: 5 * 60_000,
    enabled,
  });
}

function useStore() {
  const qc = useQueryClient();
  return (n: PNotice) => {
    qc.setQueryData(noticeKey(n.id), n);
    void qc.invalidateQueries({ queryKey: NOTICES_KEY, predicate: (q) => q.queryKey[1] !== 'one' });
  };
}

/** One step of the flow (submit, approve, publish, refuse …), with the reason where one is asked. */
export function useNoticeAction(id: string) {
  const store = useStore();
  return useMutation({
    mutationFn: ({ action, reason }: { action: NoticeAction; reason?: string }) =>
      api.post<{ notice: PNotice }>(`/api/notices/${encodeURIComponent(id)}/${action}`, reason ? { reason } : {}),
    onSuccess: (r) => store(r.notice),
  });
}

/** Saves the form: creates the draft the first time, then edits that same draft (a failed submit never duplicates it). */
export function useSaveNotice() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: TCreateNoticeRequest }) =>
      id ? api.patch<{ notice: PNotice }>(`/api/notices/${encodeURIComponent(id)}`, body) : api.post<{ notice: PNotice }>('/api/notices', body),
    onSuccess: (r) => store(r.notice),
  });
}

/** Submits a notice just saved (the form's "save and submit"): the id is known only after the save. */
export function useSubmitSaved() {
  const store = useStore();
  return useMutation({
    mutationFn: (id: string) => api.post<{ notice: PNotice }>(`/api/notices/${encodeURIComponent(id)}/submit`, {}),
    onSuccess: (r) => store(r.notice),
  });
}

/** The URL of a notice's photo (served through the authorised API; the photo id changes the URL when it is replaced). */
export function noticePhotoUrl(n: { id: string; photo: { id: string } | null }): string | null {
  return n.photo ? `/api/notices/${encodeURIComponent(n.id)}/photo?v=${encodeURIComponent(n.photo.id)}` : null;
}

/** Attaches or replaces the subject's photo (multipart, with progress), and keeps the answered notice. */
export function useNoticePhotoUpload(id: string) {
  const store = useStore();
  return (file: File, onProgress: (fraction: number) => void) => {
    const { done, abort } = sendFile<{ notice: PNotice }>('PUT', `/api/notices/${encodeURIComponent(id)}/photo`, file, onProgress);
    return { done: done.then((r) => (store(r.notice), r.notice)), abort };
  };
}

/** Removes the subject's photo. */
export function useRemoveNoticePhoto(id: string) {
  const store = useStore();
  return useMutation({
    mutationFn: () => api.delete<{ notice: PNotice }>(`/api/notices/${encodeURIComponent(id)}/photo`),
    onSuccess: (r) => store(r.notice),
  });
}
