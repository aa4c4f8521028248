/** A document number with, when known, the issuing country (ISO alpha-2). */
export interface DocumentRef {
  number: string;
  country?: string;
  type?: string;
}

/** The kind of name an entry carries: its main name, an alias, a weak alias (nom de guerre), a name in its original script. */
export type NameType = 'primary' | 'alias' | 'weak_alias' | 'original_script';

export interface EntryName {
  name: string;
  type: NameType;
}

/** A person or organisation to compare: a query, a list entry, or one side of an analyst's pair. */
export interface PersonRecord {
  /** Main name; further names in `aliases`. */
  name: string;
  aliases?: EntryName[];
  /** Dates of birth as YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDates?: string[];
  /** Nationalities (ISO alpha-2 preferred; names are normalised). */
  nationalities?: string[];
  gender?: 'male' | 'female' | 'other';
  documents?: DocumentRef[];
}

/** One step of an explanation: a code the web app translates, with its parameters. */
export type ExplanationItem =
  | { code: 'name_compared'; query: string; candidate: string; nameType: NameType; nameScore: number }
  | { code: 'token_match'; query: string; candidate: string; via: 'exact' | 'spelling' | 'phonetic' | 'translit' | 'article'; sim: number }
  | { code: 'token_unmatched'; side: 'query' | 'candidate'; token: string }
  | { code: 'weak_alias'; penalty: number }
  | { code: 'birth_date_exact'; date: string; delta: number }
  | { code: 'birth_date_year'; year: number; delta: number }
  | { code: 'birth_date_near'; query: string; candidate: string; delta: number }
  | { code: 'birth_date_mismatch'; query: string; candidate: string; delta: number }
  | { code: 'nationality_match'; country: string; delta: number }
  | { code: 'nationality_mismatch'; query: string[]; candidate: string[]; delta: number }
  | { code: 'gender_mismatch'; query: string; candidate: string; delta: number }
  | { code: 'document_match'; number: string; floor: number }
  | { code: 'document_mismatch'; country: string; delta: number };

/** A score in [0, 1] with the codes that explain it. */
export interface ScoreResult {
  score: number;
  explanation: ExplanationItem[];
}
