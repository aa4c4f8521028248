import { useQuery } from '@tanstack/react-query';
import type { PDesk, PUser } from '../../../../common';
import { api } from '../../api/client';

export const USERS_KEY = ['users'] as const;
export const DESKS_KEY = ['desks'] as const;

function listOf<T>(r: T[] | Record<string, T[]>, key: string): T[] {
  return Array.isArray(r) ? r : (r[key] ?? []);
}

export const usersQuery = {
  queryKey: USERS_KEY,
  queryFn: async () => listOf(await api.get<PUser[] | Record<string, PUser[]>>('/api/users'), 'users'),
};

export function useUsers() {
  return useQuery(usersQuery);
}

export function useDesks() {
  return useQuery({ queryKey: DESKS_KEY, queryFn: async () => listOf(await api.get<PDesk[] | Record<string, PDesk[]>>('/api/desks'), 'desks') });
}
