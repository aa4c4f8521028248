import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PPartnership, TProposePartnershipRequest } from '../../../../common';
import { api, query } from '../../api/client';

export const PARTNERSHIPS_KEY = ['partnerships'] as const;

export interface PartnershipList {
  partnerships: PPartnership[];
  abilities: { propose: boolean };
}

/** The agency's partnerships (administrators: all states; others: the active ones). */
export function usePartnerships(status?: string) {
  return useQuery({ queryKey: [...PARTNERSHIPS_KEY, status ?? 'all'], queryFn: () => api.get<PartnershipList>(`/api/partnerships${query({ status })}`) });
}

export function useProposePartnership() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TProposePartnershipRequest) => api.post<{ partnership: PPartnership }>('/api/partnerships', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: PARTNERSHIPS_KEY }),
  });
}

export type PartnershipAction = 'accept' | 'decline' | 'suspend' | 'resume' | 'end';

export function usePartnershipAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: PartnershipAction; reason?: string }) =>
      api.post<{ partnership: PPartnership }>(`/api/partnerships/${encodeURIComponent(id)}/${action}`, reason ? { reason } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: PARTNERSHIPS_KEY }),
  });
}
