import { useCallback, useRef, useState } from 'react';
import type { PAttachment } from '../../../../common';
import { type ApiError, api } from '../../api/client';
import { sendFile } from '../../api/upload';

/** One file being attached in the compose form. */
export interface Upload {
  key: string;
  name: string;
  size: number;
  /** 0–1 while sending. */
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  attachment?: PAttachment;
  error?: ApiError;
}

/** Sends one file to the attachments endpoint (web/src/api/upload.ts): the server encrypts it as it arrives. */
function send(file: File, onProgress: (p: number) => void): { done: Promise<PAttachment>; abort: () => void } {
  const { done, abort } = sendFile<{ attachment: PAttachment }>('POST', '/api/attachments', file, onProgress);
  return { done: done.then((r) => r.attachment), abort };
}

/** The compose form's attachments: add files (each uploads at once, with progress), remove one, the ids to send. */
export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const aborts = useRef(new Map<string, () => void>());
  const patch = useCallback((key: string, p: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u))), []);

  const add = useCallback((files: File[]) => {
    for (const file of files) {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      setUploads((all) => [...all, { key, name: file.name, size: file.size, progress: 0, state: 'uploading' }]);
      const { done, abort } = send(file, (progress) => patch(key, { progress }));
      aborts.current.set(key, abort);
      done.then(
        (attachment) => patch(key, { state: 'done', progress: 1, attachment }),
        (error: ApiError) => patch(key, { state: 'failed', error }),
      ).finally(() => aborts.current.delete(key));
    }
  }, [patch]);

  const remove = useCallback((u: Upload) => {
    aborts.current.get(u.key)?.();
    setUploads((all) => all.filter((x) => x.key !== u.key));
    // A stored upload that will not be sent is discarded on the server too.
    if (u.attachment) void api.delete(`/api/attachments/${encodeURIComponent(u.attachment.id)}`).catch(() => undefined);
  }, []);

  return {
    uploads,
    add,
    remove,
    busy: uploads.some((u) => u.state === 'uploading'),
    ids: uploads.flatMap((u) => (u.state === 'done' && u.attachment ? [u.attachment.id] : [])),
  };
}
