import { foldText } from './text';

/** Names the UN and OFAC lists use that Intl's English region names do not. */
const EXTRA: Record<string, string> = {
  'iran islamic republic of': 'IR', 'syrian arab republic': 'SY', 'russian federation': 'RU', 'viet nam': 'VN',
  'united states of america': 'US', 'usa': 'US', 'united states': 'US', 'uk': 'GB', 'great britain': 'GB',
  'democratic peoples republic of korea': 'KP', 'north korea': 'KP', 'republic of korea': 'KR', 'south korea': 'KR',
  'libyan arab jamahiriya': 'LY', 'lao peoples democratic republic': 'LA', 'united republic of tanzania': 'TZ',
  'democratic republic of the congo': 'CD', 'congo democratic republic': 'CD', 'republic of the congo': 'CG',
  'bolivia plurinational state of': 'BO', 'venezuela bolivarian republic of': 'VE', 'republic of moldova': 'MD',
  'the former yugoslav republic of macedonia': 'MK', 'state of palestine': 'PS', 'palestinian': 'PS',
  'ivory coast': 'CI', 'cote divoire': 'CI', 'burma': 'MM', 'turkiye': 'TR', 'czech republic': 'CZ',
  'kosovo': 'XK', 'gaza': 'PS', 'west bank': 'PS', 'sudan south': 'SS', 'the gambia': 'GM', 'the bahamas': 'BS',
  'netherlands the': 'NL', 'kingdom of saudi arabia': 'SA', 'uae': 'AE', 'soviet union': 'SU', 'yugoslavia': 'YU',
  'afghan': 'AF', 'iraqi': 'IQ', 'syrian': 'SY', 'yemeni': 'YE', 'saudi': 'SA', 'pakistani': 'PK', 'egyptian': 'EG',
  'moroccan': 'MA', 'algerian': 'DZ', 'tunisian': 'TN', 'libyan': 'LY', 'jordanian': 'JO', 'kuwaiti': 'KW',
  'somali': 'SO', 'sudanese': 'SD', 'german': 'DE', 'french': 'FR', 'spanish': 'ES', 'chinese': 'CN', 'british': 'GB',
  'iranian': 'IR', 'lebanese': 'LB', 'turkish': 'TR', 'russian': 'RU', 'american': 'US',
};

let table: Map<string, string> | undefined;

function key(s: string): string {
  return foldText(s).replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function build(): Map<string, string> {
  const m = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      // Unknown codes come back unchanged.
      if (name !== undefined && name !== code) m.set(key(name), code);
    }
  }
  for (const [k, v] of Object.entries(EXTRA)) m.set(key(k), v);
  return m;
}

/**
 * Normalise a country given as an ISO 3166 alpha-2 code ("af"), an English name ("Afghanistan",
 * "Iran (Islamic Republic of)") or a nationality adjective ("Afghan") to an upper-case alpha-2 code.
 * Returns undefined when the value is not recognised.
 */
const seen = new Map<string, string | undefined>();

export function normalizeCountry(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (seen.has(value)) return seen.get(value);
  const r = lookup(value);
  if (seen.size > 10_000) seen.clear();
  seen.set(value, r);
  return r;
}

function lookup(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return undefined;
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  table ??= build();
  const k = key(trimmed);
  const direct = table.get(k);
  if (direct !== undefined) return direct;
  // "Iran (Islamic Republic of)", "Congo, Democratic Republic of the": try the part before the bracket or comma.
  const head = key(trimmed.split(/[(,]/)[0] ?? '');
  return table.get(head);
}
