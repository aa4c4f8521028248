import type { AccessRule, AskerAccess } from './types';

/**
 * Whether an asker may see an entry with this rule. No rule: public. A rule: only listed agencies
 * or holders of a listed key; an asker who states nothing sees only public entries.
 */
export function canSee(rule: AccessRule | undefined, asker: AskerAccess | undefined): boolean {
  if (rule === undefined) return true;
  if (asker === undefined) return false;
  if (asker.agency !== undefined && rule.agencies?.includes(asker.agency) === true) return true;
  if (asker.keys !== undefined && rule.keys !== undefined) {
    for (const k of asker.keys) if (rule.keys.includes(k)) return true;
  }
  return false;
}
