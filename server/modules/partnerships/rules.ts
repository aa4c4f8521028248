import { EU_2023_977_COUNTRIES, type PartnershipFramework } from '../../../common';

export interface AgencyFacts {
  name: string;
  country: string;
  type: string;
  /** The agency is a National Central Bureau or has an NCB desk. */
  hasNcb: boolean;
}

/**
 * Who may use which legal framework. Returns why not, in words, or null when allowed. The database checks the same
 * rules again (migrations/0002_cases.sql, tansiq_partnership_check).
 */
export function frameworkRefusal(framework: PartnershipFramework, a: AgencyFacts, b: AgencyFacts): string | null {
  if (a.type === 'platform' || b.type === 'platform') return 'The platform operator does not exchange information: it has no partnerships.';
  if (framework === 'eu-2023-977') {
    const outside = [a, b].filter((x) => !EU_2023_977_COUNTRIES.includes(x.country));
    if (outside.length > 0) {
      return `Directive (EU) 2023/977 applies only between agencies of EU member states (and the Schengen-associated states); ${outside.map((x) => `${x.name} (${x.country})`).join(' and ')} ${outside.length > 1 ? 'are' : 'is'} not. Choose a bilateral agreement or another instrument.`;
    }
  }
  if (framework === 'interpol') {
    const ok = (gs: AgencyFacts, ncb: AgencyFacts) => gs.type === 'interpol-gs' && ncb.hasNcb;
    if (!ok(a, b) && !ok(b, a)) {
      return 'The INTERPOL channel links a National Central Bureau (an NCB, or an agency with an NCB desk) with the INTERPOL General Secretariat.';
    }
  }
  return null;
}
