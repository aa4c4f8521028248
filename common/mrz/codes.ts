/**
 * ICAO 9303 (part 3) codes of issuing states and organisations, and the map from ISO 3166-1 alpha-2 (an agency's
 * `country`) to the code that state writes in the issuing-state field of its documents.
 *
 * ICAO uses ISO 3166-1 alpha-3 with these differences: Germany writes D; the United Nations writes UNO (the
 * organisation), UNA (a specialised agency) and UNK (the interim administration in Kosovo); organisations such as
 * XPO (INTERPOL) and EUE (the European Union) issue documents of their own; UTO is the fictional state of the
 * specimens. XXA (stateless person), XXB (refugee, 1951 Convention), XXC (refugee, other) and XXX (unspecified)
 * are NATIONALITY codes, not issuing states (DESIGN.md, "Notes on the field's codes"), even where lists of issuing
 * codes name them: a document is never registered under them.
 */

// ISO 3166-1 alpha-2 → alpha-3, as one string to keep the table readable and small.
const ISO = (
  'AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT AU:AUS AW:ABW AX:ALA AZ:AZE ' +
  'BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN BO:BOL BQ:BES BR:BRA BS:BHS ' +
  'BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ CA:CAN CC:CCK CD:COD CF:CAF CG:COG CH:CHE CI:CIV CK:COK CL:CHL CM:CMR CN:CHN ' +
  'CO:COL CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE DE:DEU DJ:DJI DK:DNK DM:DMA DO:DOM DZ:DZA EC:ECU EE:EST ' +
  'EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH FI:FIN FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF ' +
  'GG:GGY GH:GHA GI:GIB GL:GRL GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS GT:GTM GU:GUM GW:GNB GY:GUY HK:HKG HM:HMD ' +
  'HN:HND HR:HRV HT:HTI HU:HUN ID:IDN IE:IRL IL:ISR IM:IMN IN:IND IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA JE:JEY JM:JAM ' +
  'JO:JOR JP:JPN KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ LA:LAO LB:LBN LC:LCA ' +
  'LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA LY:LBY MA:MAR MC:MCO MD:MDA ME:MNE MF:MAF MG:MDG MH:MHL MK:MKD ' +
  'ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ MR:MRT MS:MSR MT:MLT MU:MUS MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ NA:NAM ' +
  'NC:NCL NE:NER NF:NFK NG:NGA NI:NIC NL:NLD NO:NOR NP:NPL NR:NRU NU:NIU NZ:NZL OM:OMN PA:PAN PE:PER PF:PYF PG:PNG ' +
  'PH:PHL PK:PAK PL:POL PM:SPM PN:PCN PR:PRI PS:PSE PT:PRT PW:PLW PY:PRY QA:QAT RE:REU RO:ROU RS:SRB RU:RUS RW:RWA ' +
  'SA:SAU SB:SLB SC:SYC SD:SDN SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR SN:SEN SO:SOM SR:SUR SS:SSD ' +
  'ST:STP SV:SLV SX:SXM SY:SYR SZ:SWZ TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON ' +
  'TR:TUR TT:TTO TV:TUV TW:TWN TZ:TZA UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB VA:VAT VC:VCT VE:VEN VG:VGB VI:VIR ' +
  'VN:VNM VU:VUT WF:WLF WS:WSM YE:YEM YT:MYT ZA:ZAF ZM:ZMB ZW:ZWE'
).split(' ').map((p) => p.split(':') as [string, string]);

/** ISO 3166-1 alpha-2 → ICAO 9303 issuing code (DE → D; XK, Kosovo's user-assigned code, → RKS). */
export const ICAO_BY_ISO2: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(ISO.map(([a2, a3]) => [a2, a3 === 'DEU' ? 'D' : a3])),
  XK: 'RKS',
});

/** Organisations and other entities that issue travel documents under codes of their own. */
export const ICAO_ORGANISATIONS: Readonly<Record<string, string>> = Object.freeze({
  UNO: 'United Nations Organization',
  UNA: 'Specialized agency of the United Nations',
  UNK: 'United Nations Interim Administration Mission in Kosovo',
  XPO: 'INTERPOL',
  EUE: 'European Union',
  XOM: 'Sovereign Military Order of Malta',
  XCC: 'Caribbean Community',
  XEC: 'Economic Community of West African States',
  XBA: 'African Development Bank',
  XIM: 'African Export-Import Bank',
  XCO: 'Common Market for Eastern and Southern Africa',
  XDC: 'Southern African Development Community',
  GBD: 'British Overseas Territories citizen',
  GBN: 'British National (Overseas)',
  GBO: 'British Overseas citizen',
  GBP: 'British protected person',
  GBS: 'British subject',
  UTO: 'Utopia (ICAO specimen documents)',
});

/** Nationality-only codes (never an issuing state): stateless, refugees, unspecified. */
export const ICAO_NATIONALITY_ONLY: Readonly<Record<string, string>> = Object.freeze({
  XXA: 'Stateless person',
  XXB: 'Refugee (1951 Convention)',
  XXC: 'Refugee (other)',
  XXX: 'Unspecified nationality',
});

const ISSUERS = new Set<string>([...Object.values(ICAO_BY_ISO2), ...Object.keys(ICAO_ORGANISATIONS)]);

/** Whether a code may stand in the issuing-state field (D for Germany, never XXA/XXB/XXC/XXX). */
export function isIssuingCode(code: string): boolean {
  return ISSUERS.has(code);
}

/** Whether a code may stand in the nationality field (issuers, plus the nationality-only codes). */
export function isNationalityCode(code: string): boolean {
  return ISSUERS.has(code) || code in ICAO_NATIONALITY_ONLY;
}

/** The issuing code of a country given as ISO alpha-2, or null when ICAO knows none for it. */
export function icaoIssuerOf(iso2: string): string | null {
  return ICAO_BY_ISO2[iso2.toUpperCase()] ?? null;
}

/**
 * The canonical issuing code for what a person typed: upper case, fillers dropped ('D<<' → 'D'), DEU read as D (a
 * German document writes D; DEU is the alpha-3 some people type), and an ISO alpha-2 code read as its state.
 * Returns null when it is none of these.
 */
export function normaliseIssuer(input: string): string | null {
  const c = input.trim().toUpperCase().replace(/</g, '');
  if (c === 'DEU') return 'D';
  if (isIssuingCode(c)) return c;
  if (c.length === 2) return icaoIssuerOf(c);
  return null;
}

const ISO2_BY_ICAO = new Map<string, string>([...Object.entries(ICAO_BY_ISO2).map(([a2, c]) => [c, a2] as [string, string]), ['DEU', 'DE']]);

/** The ISO 3166 alpha-2 code of an ICAO state code (D and DEU → DE), or null for organisations and XXA–XXX. */
export function iso2OfIcao(code: string): string | null {
  return ISO2_BY_ICAO.get(code.toUpperCase()) ?? null;
}
