/**
 * Tansiq's name-matching and screening engine: pure TypeScript, no database, no HTTP.
 *
 * - normalise: {@link normalizeName}, {@link foldText}, {@link normalizeCountry}
 * - transliterate: {@link romanizeArabic}, {@link hanToPinyin}, {@link pinyinToWadeGiles}, {@link analyzeName}
 * - score: {@link compare} (two records or names → score in [0, 1] + explanation codes)
 * - index: {@link ScreeningIndex} (add / remove / search / snapshot), {@link DEFAULT_ALERT_THRESHOLD}
 * - import: {@link importWatchlist} (UN XML, OFAC SDN CSV, FollowTheMoney JSON lines, plain CSV)
 */
export { foldText, cleanSeparators, scriptOf, type Script } from './normalize/text';
export { normalizeName, nameTokens, type NameToken, type NormalizedName } from './normalize/name';
export { normalizeCountry } from './normalize/country';
export { romanizeArabic, romanizeArabicWord, romanizeArabicVariants, ARABIC_STYLES, type ArabicStyle } from './translit/arabic';
export { romanizeCyrillic } from './translit/cyrillic';
export { hanToPinyin, pinyinToWadeGiles, hanReadings } from './translit/han';
export { latinPhonetic, arabicPhonetic, phoneticKey } from './translit/phonetic';
export { analyzeName, tokenInfo, type NameForm, type TokenInfo } from './translit/analyze';
export { jaroWinkler, phoneticDistance, phoneticSimilarity, tokenSimilarity, type TokenSimilarity, type TokenVia } from './score/similarity';
export { compare, analyzeRecord, scoreRecords, parseDate, normalizeDocumentNumber, QUALIFIER, MIN_TOKEN_SIM, type AnalyzedRecord } from './score/compare';
export type { PersonRecord, EntryName, NameType, DocumentRef, ExplanationItem, ScoreResult } from './score/types';
export { ScreeningIndex, DEFAULT_ALERT_THRESHOLD } from './index/screening-index';
export { canSee } from './index/access';
export type { AccessRule, AskerAccess, WatchlistEntry, ScreeningQuery, SearchOptions, SearchHit } from './index/types';
export { importWatchlist, detectFormat, decodeText, ofacSideFile, type ImportOptions, type ImportResult, type WatchlistFormat } from './sources/import';
export { parseUnXml } from './sources/un-xml';
export { parseOfac } from './sources/ofac';
export { parseFtm } from './sources/ftm';
export { parsePlainCsv, parsePeopleCsv, type PeopleRow } from './sources/plain-csv';
export { WatchlistFormatError } from './sources/errors';
