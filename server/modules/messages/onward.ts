import type { OnwardRefusal } from '../../../common';

/** What the onward-use rule needs to know about one transfer. */
export interface OnwardCase {
  tlp: string;
  handlingCode: string;
  /** The agency passing it on, the original provider, and the agency it would go to, with their countries. */
  passer: { agencyId: string; country: string };
  origin: { agencyId: string };
  target: { agencyId: string; country: string };
  /** A granted dissemination permission from the original provider for this passer and target. */
  disseminationGranted: boolean;
  /** The passer acknowledged the H3 restriction (so they could read what they pass on). */
  h3Acknowledged: boolean;
}

/**
 * The TLP × handling-code table of DESIGN.md: the stricter of marking and code applies (both must allow it), and the
 * provider itself is bound by nothing but the partnership. Returns the reasons it is refused (empty: allowed).
 *
 * | TLP:RED          | nobody onward                                                        |
 * | TLP:AMBER+STRICT | only within the recipient agency (so: to no other agency)            |
 * | TLP:AMBER        | within the recipient agency and its domestic authorities, never foreign |
 * | TLP:GREEN, CLEAR | any agency on the platform                                            |
 * | H2               | to nobody until the original provider allows it                       |
 * | H3               | the restriction is acknowledged by each reader before the content shows |
 */
export function onwardRefusals(c: OnwardCase): OnwardRefusal[] {
  if (c.passer.agencyId === c.origin.agencyId) return [];
  const out: OnwardRefusal[] = [];
  if (c.tlp === 'RED') out.push('tlp_red');
  if (c.tlp === 'AMBER+STRICT') out.push('tlp_amber_strict');
  if (c.tlp === 'AMBER' && c.target.country !== c.passer.country) out.push('tlp_amber_foreign');
  if (c.handlingCode === 'H2' && !c.disseminationGranted) out.push('h2_needs_permission');
  if (c.handlingCode === 'H3' && !c.h3Acknowledged) out.push('h3_not_acknowledged');
  return out;
}

export const ONWARD_MESSAGES: Record<OnwardRefusal, string> = {
  tlp_red: 'TLP:RED information may not be passed on to anyone.',
  tlp_amber_strict: 'TLP:AMBER+STRICT information stays within your agency.',
  tlp_amber_foreign: 'TLP:AMBER information may go to domestic authorities your agency serves, never to a foreign partner.',
  h2_needs_permission: 'H2: ask the original provider for permission to pass this on to that agency first.',
  h3_not_acknowledged: 'H3: acknowledge the restriction (open the message) before passing it on.',
};
