import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { NotificationRecord } from '../../api/types';

const KEY = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await api.get<{ notifications: NotificationRecord[] }>('/api/notifications')).notifications,
    refetchInterval: 60_000,
  });
}

export function useUnreadCount(): number {
  const { data } = useNotifications();
  return data?.filter((n) => !n.readAt).length ?? 0;
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: (_r, id) => {
      qc.setQueryData<NotificationRecord[]>(KEY, (list) => list?.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)));
    },
  });
}
