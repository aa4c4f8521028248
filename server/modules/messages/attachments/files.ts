import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../../platform/http';

/**
 * What may be attached, judged from the content (never the name or the browser's claim): documents, images, audio,
 * video, archives and plain text. Programs are refused whatever they are called, and so are names that would run
 * when opened on a workstation, even if the content looks harmless.
 */
const ALLOWED = new Set([
  'application/pdf', 'application/rtf', 'application/epub+zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.presentation',
  'application/x-cfb', // legacy Office documents and Outlook .msg
  'application/zip', 'application/x-7z-compressed', 'application/gzip',
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff', 'image/bmp', 'image/heic', 'image/heif', 'image/avif',
  'audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/flac', 'audio/amr',
  'video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/3gpp', 'video/x-msvideo', 'video/mpeg',
  'text/plain',
]);

/** Extensions that Windows, macOS or a desktop would run or interpret when opened. */
const RUNNABLE = /\.(exe|dll|com|scr|msi|msp|bat|cmd|ps1|psm1|vbs|vbe|js|jse|mjs|wsf|wsh|hta|cpl|lnk|reg|sh|bash|zsh|command|app|jar|apk|dmg|pkg|deb|rpm|py|pl|rb|php|svg|html?|xhtml|shtml|docm|xlsm|pptm|iso|img)$/i;

/** A safe display and download name: no path, no control or reserved characters, at most 200 characters. */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f"<>:|?*\u202a-\u202e\u2066-\u2069]/g, '_').replace(/^[.\s]+/, '').trim();
  return (cleaned || 'attachment').slice(0, 200);
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // Allow a multi-byte character cut at the end of the sample.
  const sample = head.subarray(0, Math.max(0, head.length - 4));
  return Buffer.from(sample.toString('utf8'), 'utf8').equals(sample);
}

/**
 * Decides the media type of a file from its first bytes and its name, or refuses it with a clear message.
 * Unrecognised binary content is refused too: what is allowed must be known.
 */
export async function detectMediaType(head: Buffer, filename: string): Promise<string> {
  if (RUNNABLE.test(filename)) {
    throw new AppError(415, 'attachment_type_refused', `Files named ".${filename.split('.').pop()}" can run programs when opened and are not accepted. Send documents, images, audio, video, archives or text.`, [{ path: 'file', message: 'Runnable file name.' }]);
  }
  const found = await fileTypeFromBuffer(head);
  const type = found?.mime ?? (looksLikeText(head) ? 'text/plain' : null);
  if (type === 'text/plain' && head.subarray(0, 2).toString('latin1') === '#!') {
    throw new AppError(415, 'attachment_type_refused', 'This file is a script (it starts with "#!") and is not accepted.', [{ path: 'file', message: 'Script.' }]);
  }
  if (!type) throw new AppError(415, 'attachment_type_refused', 'The type of this file could not be recognised from its content, so it is not accepted. Send documents, images, audio, video, archives or text.', [{ path: 'file', message: 'Unknown type.' }]);
  if (!ALLOWED.has(type)) throw new AppError(415, 'attachment_type_refused', `Files of type ${type} are not accepted (programs and unknown formats are refused). Send documents, images, audio, video, archives or text.`, [{ path: 'file', message: type }]);
  return type;
}
