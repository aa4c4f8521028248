import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PMessagePermission, POnwardTarget, TPassOnRequest, TPermissionRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { onLiveTopic } from '../../api/live';
import { MESSAGES_KEY } from './api';

const PERMISSIONS_KEY = ['permissions'] as const;
// A permission asked of us, or decided for us, arrives as a live event: the lists and pass-on verdicts re-fetch.
onLiveTopic('permission', [PERMISSIONS_KEY, ['onward']]);

/** The agencies of a case this message could go to, each with the server's verdict (reasons when refused). */
export function useOnwardOptions(messageId: string, caseId: string | null) {
  return useQuery({
    queryKey: ['onward', messageId, caseId],
    queryFn: async () => (await api.get<{ targets: POnwardTarget[] }>(`/api/messages/${encodeURIComponent(messageId)}/onward-options${query({ caseId: caseId ?? undefined })}`)).targets,
    enabled: !!caseId,
  });
}

export function usePassOn(messageId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TPassOnRequest) => api.post<{ id: string }>(`/api/messages/${encodeURIComponent(messageId)}/pass-on`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
}

/** Asks the original provider for permission (never whoever passed the information on). */
export function useRequestPermission(messageId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TPermissionRequest) => api.post<{ id: string }>(`/api/messages/${encodeURIComponent(messageId)}/permissions`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['onward', messageId] });
      void qc.invalidateQueries({ queryKey: PERMISSIONS_KEY });
    },
  });
}

export function usePermissions(box: 'incoming' | 'outgoing') {
  return useQuery({
    queryKey: [...PERMISSIONS_KEY, box],
    queryFn: async () => (await api.get<{ permissions: PMessagePermission[] }>(`/api/permissions${query({ box })}`)).permissions,
  });
}

export function useDecidePermission() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: 'grant' | 'refuse'; note?: string }) => api.post<{ permissions: PMessagePermission[] }>(`/api/permissions/${encodeURIComponent(id)}/decide`, body),
    onSuccess: (r) => {
      qc.setQueryData([...PERMISSIONS_KEY, 'incoming'], r.permissions);
      void qc.invalidateQueries({ queryKey: PERMISSIONS_KEY });
    },
  });
}
