import { ApiError, csrfTokenNow } from './client';

/**
 * Sends one file with XMLHttpRequest, whose upload events give a progress bar (fetch has none), with the session's
 * CSRF token: as multipart/form-data (field "file"), or with `raw` as the request body itself, its name in
 * X-File-Name (lists the server recognises from their content: watchlists, batches, documents, accreditation).
 * Resolves with the JSON answer on 2xx; rejects with an ApiError.
 */
export function sendFile<T>(method: 'POST' | 'PUT', url: string, file: File, onProgress: (fraction: number) => void, o: { raw?: boolean } = {}): { done: Promise<T>; abort: () => void } {
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
    if (o.raw) {
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.send(file);
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** POSTs a file as the raw request body (the server recognises its format from the content), with progress from 0 to 1. */
export function uploadFile<T>(url: string, file: File, onProgress?: (fraction: number) => void): Promise<T> {
  return sendFile<T>('POST', url, file, onProgress ?? (() => undefined), { raw: true }).done;
}
