import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PMe } from '../../../common';
import { ApiError, api, setCsrfToken } from './client';

export const ME_KEY = ['me'] as const;

/** Loads the signed-in user, or null when nobody is signed in. */
export async function fetchMe(): Promise<PMe | null> {
  try {
    const me = await api.get<PMe>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in user; only for components rendered inside the authenticated layout. */
export function useSession(): PMe {
  const { data } = useMe();
  if (!data) throw new Error('useSession outside an authenticated page');
  return data;
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  };
}
