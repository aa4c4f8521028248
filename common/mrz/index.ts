export { checkDigit } from './checkDigit';
export { parseMrz, normaliseDocumentNumber, MrzError, type Mrz, type MrzResult, type MrzCheck, type MrzCheckedField, type MrzFormat, type MrzDocumentType, type MrzSpan, type MrzWarning, type MrzWarningCode } from './parse';
export { ICAO_BY_ISO2, ICAO_ORGANISATIONS, ICAO_NATIONALITY_ONLY, isIssuingCode, isNationalityCode, icaoIssuerOf, iso2OfIcao, normaliseIssuer } from './codes';
