import { ApiError, csrfTokenNow } from './client';

/**
 * Sends one file as multipart/form-data (field "file") with XMLHttpRequest, whose upload events give a progress bar
 * (fetch has none), with the session's CSRF token. Resolves with the JSON answer on 2xx; rejects with an ApiError.
 */
export function sendFile<T>(method: 'POST' | 'PUT', url: string, file: File, onProgress: (fraction: number) => void): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open(method, url);
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
      const err = (data as { error?: { code: string; message: string; details?: unknown } } | undefined)?.error;
      if (xhr.status >= 200 && xhr.status < 300 && data !== undefined) resolve(data as T);
      else reject(new ApiError(xhr.status, err?.code ?? 'internal', err?.message ?? xhr.statusText, err?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
