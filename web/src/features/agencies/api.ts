import { useQuery } from '@tanstack/react-query';
import type { PAgency } from '../../../../common';
import { api } from '../../api/client';

export const AGENCIES_KEY = ['agencies'] as const;

export function useAgencies() {
  return useQuery({
    queryKey: AGENCIES_KEY,
    queryFn: async () => {
      const r = await api.get<PAgency[] | { agencies: PAgency[] }>('/api/agencies');
      return Array.isArray(r) ? r : r.agencies;
    },
  });
}
