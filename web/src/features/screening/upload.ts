import { ApiError } from '../../api/client';

/**
 * Sends a file as the raw request body (the server recognises its format from the content), with the session's
 * CSRF token. Upload progress is reported from 0 to 1.
 */
export function uploadFile<T>(url: string, file: File, csrfToken: string | null, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached.'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as { error?: { code: string; message: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'internal', err?.message ?? xhr.statusText, err?.details));
    };
    xhr.send(file);
  });
}
