/** A watchlist file that cannot be read. Names the line or element, so the file can be fixed. */
export class WatchlistFormatError extends Error {
  readonly line: number | undefined;
  readonly element: string | undefined;
  constructor(message: string, where: { line?: number; element?: string } = {}) {
    const at = where.line !== undefined ? `line ${where.line}: ` : where.element !== undefined ? `${where.element}: ` : '';
    super(`${at}${message}`);
    this.name = 'WatchlistFormatError';
    this.line = where.line;
    this.element = where.element;
  }
}
