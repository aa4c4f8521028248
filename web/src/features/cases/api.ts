import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PCase, PCaseColleague, PCaseInvitation, PCaseSummary, PMyTask, TAcceptInvitationRequest, TCaseListQuery, TCreateCaseRequest, TCreateTaskRequest, TInviteRequest, TUpdateCaseRequest, TUpdateTaskRequest } from '../../../../common';
import { api, query } from '../../api/client';

export const CASES_KEY = ['cases'] as const;
const caseKey = (id: string) => ['cases', 'one', id] as const;

export function useCases(f: TCaseListQuery) {
  return useQuery({ queryKey: [...CASES_KEY, 'list', f], queryFn: () => api.get<{ cases: PCaseSummary[] }>(`/api/cases${query({ ...f })}`), placeholderData: (prev) => prev });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: async () => (await api.get<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}`)).case });
}

export function useInvitations() {
  return useQuery({ queryKey: [...CASES_KEY, 'invitations'], queryFn: async () => (await api.get<{ invitations: PCaseInvitation[] }>('/api/case-invitations')).invitations });
}

export function useMyTasks(overdue: boolean) {
  return useQuery({ queryKey: [...CASES_KEY, 'my-tasks', overdue], queryFn: async () => (await api.get<{ tasks: PMyTask[] }>(`/api/my-tasks${query({ overdue: overdue ? 'true' : undefined })}`)).tasks });
}

export function useColleagues() {
  return useQuery({ queryKey: [...CASES_KEY, 'colleagues'], queryFn: async () => (await api.get<{ colleagues: PCaseColleague[] }>('/api/case-colleagues')).colleagues });
}

export function useCasePeople(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...caseKey(id), 'people'], enabled, queryFn: () => api.get<{ assignees: PCaseColleague[]; nameable: PCaseColleague[] }>(`/api/cases/${encodeURIComponent(id)}/people`) });
}

/** Mutations that answer with the fresh case put it in the cache, and refresh the lists. */
function useCaseMutation<V>(id: string, fn: (v: V) => Promise<{ case?: PCase }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      if (r.case) qc.setQueryData(caseKey(id), r.case);
      void qc.invalidateQueries({ queryKey: CASES_KEY, predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== id || q.queryKey.length > 3 });
    },
  });
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCaseRequest) => api.post<{ case: PCase }>('/api/cases', body),
    onSuccess: (r) => {
      qc.setQueryData(caseKey(r.case.id), r.case);
      void qc.invalidateQueries({ queryKey: [...CASES_KEY, 'list'] });
    },
  });
}

export const useUpdateCase = (id: string) => useCaseMutation(id, (body: TUpdateCaseRequest) => api.patch<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}`, body));
export const useInvite = (id: string) => useCaseMutation(id, (body: TInviteRequest) => api.post<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}/invitations`, body));
export const useNameMembers = (id: string) => useCaseMutation(id, (userIds: string[]) => api.post<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}/members`, { userIds }));
export const useRemoveMember = (id: string) => useCaseMutation(id, async (userId: string) => {
  await api.delete(`/api/cases/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`);
  return { case: (await api.get<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}`)).case };
});
export const useCreateTask = (id: string) => useCaseMutation(id, (body: TCreateTaskRequest) => api.post<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}/tasks`, body));
export const useUpdateTask = (id: string) => useCaseMutation(id, ({ taskId, ...body }: TUpdateTaskRequest & { taskId: string }) => api.patch<{ case: PCase }>(`/api/cases/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}`, body));

export function useLeaveCase(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/cases/${encodeURIComponent(id)}/leave`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: caseKey(id) });
      void qc.invalidateQueries({ queryKey: CASES_KEY });
    },
  });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, answer, body }: { caseId: string; answer: 'accept' | 'decline'; body?: TAcceptInvitationRequest }) =>
      api.post<{ caseId: string; visible: boolean } | { ok: true }>(`/api/cases/${encodeURIComponent(caseId)}/${answer}`, body ?? {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CASES_KEY }),
  });
}
