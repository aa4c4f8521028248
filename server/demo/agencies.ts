import type { AgencyType, Role } from '../../common';

export interface DemoAgency {
  code: string;
  domain: string;
  name: string;
  country: string;
  type: AgencyType;
  languages: string[];
  desks: { code: string; name: string; isNcb?: boolean }[];
  roles: Role[];
}

const LE_ROLES: Role[] = ['officer', 'analyst', 'liaison', 'supervisor', 'dpo', 'agency-admin'];

/** The agencies of the source articles (DESIGN.md, "Roles and demo data"). */
export const DEMO_AGENCIES: DemoAgency[] = [
  { code: 'tansiq', domain: 'tansiq', name: 'Tansiq platform operator', country: 'ZZ', type: 'platform', languages: ['en', 'fr', 'ar'], desks: [{ code: 'operations', name: 'Platform operations' }], roles: ['platform-admin'] },
  {
    code: 'dgsn', domain: 'dgsn', name: 'Direction Générale de la Sûreté Nationale (DGSN)', country: 'MA', type: 'police', languages: ['ar', 'fr', 'en'],
    desks: [{ code: 'ncb-rabat', name: 'NCB Rabat', isNcb: true }, { code: 'intl-coop', name: 'International Cooperation' }, { code: 'cyber', name: 'Cybercrime' }], roles: LE_ROLES,
  },
  { code: 'dgst', domain: 'dgst', name: 'Direction Générale de la Surveillance du Territoire (DGST)', country: 'MA', type: 'intelligence', languages: ['ar', 'fr'], desks: [{ code: 'ct', name: 'Counter-terrorism' }, { code: 'liaison', name: 'Foreign liaison' }], roles: LE_ROLES },
  {
    code: 'policia', domain: 'policia', name: 'Policía Nacional', country: 'ES', type: 'police', languages: ['es', 'en', 'fr'],
    desks: [{ code: 'ncb-madrid', name: 'NCB Madrid', isNcb: true }, { code: 'ucrif', name: 'Immigration networks (UCRIF)' }, { code: 'udyco', name: 'Drugs and organised crime (UDYCO)' }], roles: LE_ROLES,
  },
  { code: 'bka', domain: 'bka', name: 'Bundeskriminalamt (BKA)', country: 'DE', type: 'police', languages: ['de', 'en'], desks: [{ code: 'ncb-wiesbaden', name: 'NCB Wiesbaden', isNcb: true }, { code: 'cyber', name: 'Cybercrime' }], roles: LE_ROLES },
  { code: 'bundespolizei', domain: 'bundespolizei', name: 'Bundespolizei', country: 'DE', type: 'border', languages: ['de', 'en'], desks: [{ code: 'border', name: 'Border police' }, { code: 'smuggling', name: 'Migrant smuggling' }], roles: LE_ROLES },
  { code: 'mps', domain: 'mps', name: 'Ministry of Public Security', country: 'CN', type: 'police', languages: ['zh', 'en'], desks: [{ code: 'ncb-beijing', name: 'NCB Beijing', isNcb: true }, { code: 'cyber', name: 'Cybersecurity bureau' }], roles: LE_ROLES },
  { code: 'interpol', domain: 'interpol', name: 'INTERPOL General Secretariat', country: 'FR', type: 'interpol-gs', languages: ['en', 'fr', 'es', 'ar'], desks: [{ code: 'notices', name: 'Notices and diffusions' }], roles: ['reviewer', 'officer', 'supervisor', 'dpo', 'agency-admin'] },
  { code: 'anticorruption', domain: 'anticorruption', name: 'National Authority for Probity and the Fight against Corruption', country: 'MA', type: 'anti-corruption', languages: ['ar', 'fr'], desks: [{ code: 'hotline', name: 'Reporting line' }], roles: ['officer', 'analyst', 'supervisor', 'dpo', 'agency-admin'] },
];

/** role@domain.demo, with agency-admin as admin@ and platform-admin as platform@tansiq.demo. */
export function demoEmail(role: Role, domain: string): string {
  const local = role === 'agency-admin' ? 'admin' : role === 'platform-admin' ? 'platform' : role;
  return `${local}@${domain}.demo`;
}
