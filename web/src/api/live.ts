import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Which cached queries a live topic makes stale. The stream carries only ids: the pages re-fetch through the
 * normal, authorized API. Modules add their topics here.
 */
const TOPIC_QUERIES: Record<string, readonly (readonly string[])[]> = {
  notification: [['notifications']],
};

/** Registers a topic's stale queries (for feature modules that add live topics). */
export function onLiveTopic(topic: string, queryKeys: readonly (readonly string[])[]): void {
  TOPIC_QUERIES[topic] = [...(TOPIC_QUERIES[topic] ?? []), ...queryKeys];
}

/** Opens the signed-in user's live stream (/api/events) while mounted; the browser reconnects by itself. */
export function useLiveEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events', { withCredentials: true });
    const handlers = Object.keys(TOPIC_QUERIES).map((topic) => {
      const handler = () => {
        for (const key of TOPIC_QUERIES[topic] ?? []) void qc.invalidateQueries({ queryKey: [...key] });
      };
      source.addEventListener(topic, handler);
      return [topic, handler] as const;
    });
    return () => {
      for (const [topic, handler] of handlers) source.removeEventListener(topic, handler);
      source.close();
    };
  }, [qc]);
}
