import { useCallback, useRef, useState } from 'react';
import type { PAttachment } from '../../../../common';
import { ApiError, api, csrfTokenNow } from '../../api/client';

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

/**
 * Sends one file as multipart/form-data with XMLHttpRequest, whose upload events give the progress bar (fetch has
 * none). The server encrypts the file as it arrives and answers with the stored attachment.
 */
function send(file: File, onProgress: (p: number) => void): { done: Promise<PAttachment>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<PAttachment>((resolve, reject) => {
    xhr.open('POST', '/api/attachments');
    const csrf = csrfTokenNow();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      const body = data as { attachment?: PAttachment; error?: { code: string; message: string; details?: unknown } } | undefined;
      if (xhr.status === 201 && body?.attachment) resolve(body.attachment);
      else reject(new ApiError(xhr.status, body?.error?.code ?? 'internal', body?.error?.message ?? xhr.statusText, body?.error?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
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
