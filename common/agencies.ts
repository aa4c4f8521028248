export const AGENCY_TYPES = ['police', 'intelligence', 'border', 'customs', 'ncb', 'interpol-gs', 'anti-corruption', 'platform'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** ISO 639-1 codes an agency may declare as its working languages. */
export const AGENCY_LANGUAGES = ['ar', 'fr', 'en', 'es', 'de', 'zh', 'pt', 'it', 'nl', 'ru'] as const;
