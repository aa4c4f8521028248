import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PDesk, PMessage, PMessageSummary, PUnreadCount, TReceiptRequest, TSendMessageRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { onLiveTopic } from '../../api/live';

export const MESSAGES_KEY = ['messages'] as const;
const messageKey = (id: string) => ['messages', 'one', id] as const;

// The live stream says that a message changed (sent, read, answered); every message query re-fetches through the API.
onLiveTopic('message', [MESSAGES_KEY]);

export type Box = 'inbox' | 'sent' | 'all';

/** The list's filters as the page keeps them; booleans are sent only when set (the API reads any value as true). */
export interface MessageFilter {
  box: Box;
  unread: boolean;
  urgent: boolean;
  overdue: boolean;
  caseId: string;
  agencyId: string;
  crimeArea: string;
  q: string;
}

export const EMPTY_FILTER: MessageFilter = { box: 'inbox', unread: false, urgent: false, overdue: false, caseId: '', agencyId: '', crimeArea: '', q: '' };

function listPath(f: MessageFilter, limit = 100): string {
  return `/api/messages${query({
    box: f.box,
    unread: f.unread ? 'true' : undefined,
    urgent: f.urgent ? 'true' : undefined,
    overdue: f.overdue ? 'true' : undefined,
    caseId: f.caseId || undefined,
    agencyId: f.agencyId || undefined,
    crimeArea: f.crimeArea || undefined,
    q: f.q.trim() || undefined,
    limit,
  })}`;
}

export function useMessages(f: MessageFilter, opts: { limit?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'list', f, opts.limit ?? 100],
    queryFn: async () => (await api.get<{ messages: PMessageSummary[] }>(listPath(f, opts.limit))).messages,
    placeholderData: (prev) => prev,
    enabled: opts.enabled ?? true,
  });
}

/** A case's whole thread (sent and received), oldest first. */
export function useCaseThread(caseId: string) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'case', caseId],
    queryFn: async () => (await api.get<{ messages: PMessageSummary[] }>(listPath({ ...EMPTY_FILTER, box: 'all', caseId }, 200))).messages,
  });
}

/** How many inbox messages this user has not opened (the navigation's badge): exact up to 999, then "more". */
export function useInboxUnread(enabled: boolean): PUnreadCount {
  const { data } = useQuery({
    queryKey: [...MESSAGES_KEY, 'unread-count'],
    queryFn: () => api.get<PUnreadCount>('/api/messages/unread-count'),
    enabled,
    refetchInterval: 120_000,
  });
  return data ?? { unread: 0, more: false };
}

/** Opens a message: an audited read on the server, which also records the receipt. */
export function useMessage(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: messageKey(id),
    queryFn: async () => {
      const m = (await api.get<{ message: PMessage }>(`/api/messages/${encodeURIComponent(id)}`)).message;
      // Opening it may have made it read: the badge counts again.
      void qc.invalidateQueries({ queryKey: [...MESSAGES_KEY, 'unread-count'] });
      return m;
    },
  });
}

function useMessageMutation<V>(id: string, fn: (v: V) => Promise<{ message: PMessage }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      qc.setQueryData(messageKey(id), r.message);
      void qc.invalidateQueries({ queryKey: MESSAGES_KEY, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

export const useAcknowledgeH3 = (id: string) => useMessageMutation(id, () => api.post<{ message: PMessage }>(`/api/messages/${encodeURIComponent(id)}/acknowledge-h3`));
export const useReceipt = (id: string) => useMessageMutation(id, (body: TReceiptRequest) => api.post<{ message: PMessage }>(`/api/messages/${encodeURIComponent(id)}/receipt`, body));

export function useSendMessage(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSendMessageRequest) => api.post<{ message: PMessage }>(`/api/cases/${encodeURIComponent(caseId)}/messages`, body),
    onSuccess: (r) => {
      qc.setQueryData(messageKey(r.message.id), r.message);
      void qc.invalidateQueries({ queryKey: MESSAGES_KEY, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

/** Desks of an agency (the recipient's, to address one; or one's own). */
export function useAgencyDesks(agencyId: string | null) {
  return useQuery({
    queryKey: ['desks', 'of', agencyId ?? 'mine'],
    queryFn: async () => (await api.get<{ desks: PDesk[] }>(`/api/desks${query({ agencyId: agencyId ?? undefined })}`)).desks,
  });
}

export interface RedReader {
  userId: string;
  displayName: string;
  email: string;
}

const redKey = (deskId: string) => ['red-readers', deskId] as const;

export function useRedReaders(deskId: string) {
  return useQuery({ queryKey: redKey(deskId), queryFn: async () => (await api.get<{ readers: RedReader[] }>(`/api/desks/${encodeURIComponent(deskId)}/red-readers`)).readers });
}

export function useSetRedReaders(deskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) => api.put<{ readers: RedReader[] }>(`/api/desks/${encodeURIComponent(deskId)}/red-readers`, { userIds }),
    onSuccess: (r) => qc.setQueryData(redKey(deskId), r.readers),
  });
}
