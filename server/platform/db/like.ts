/** A fragment for a LIKE / ILIKE pattern with LIKE's own wildcards (%, _) and its escape (\) taken literally. */
export function likeLiteral(fragment: string): string {
  return fragment.replace(/[\\%_]/g, (c) => `\\${c}`);
}
