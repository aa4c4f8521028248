/** Value of one MRZ character in the ICAO 9303 check-digit computation (part 3, 4.9): 0–9, A–Z = 10–35, '<' = 0. */
function valueOf(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return 0;
}

const WEIGHTS = [7, 3, 1] as const;

/** The ICAO 9303 check digit of a field: weights 7, 3, 1 repeated, sum modulo 10. */
export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += valueOf(field[i]!) * WEIGHTS[i % 3]!;
  return String(sum % 10);
}
