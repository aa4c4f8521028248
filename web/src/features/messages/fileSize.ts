/** A file size in the reader's language and digits (kB under 1 MB, MB above), through Intl only. */
export function formatFileSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(mb);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));
}

/** A short, translatable kind for a detected media type (the key under attachments.kinds). */
export function fileKind(mediaType: string): string {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('audio/')) return 'audio';
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType === 'text/plain') return 'text';
  if (/zip|7z|gzip/.test(mediaType) && !/officedocument|opendocument|epub/.test(mediaType)) return 'archive';
  if (/spreadsheet|sheet/.test(mediaType)) return 'spreadsheet';
  if (/presentation/.test(mediaType)) return 'presentation';
  return 'document';
}
