import { allow, definePolicy, has, ownAgency, type Predicate } from '../../../platform/policy';

export interface DocumentRecord {
  agencyId: string;
  /** The ICAO code of the document's issuing state, and the one the actor's agency issues under. */
  issuingState: string;
  agencyIssuer: string | null;
  open: boolean;
}

const ownCountry = (): Predicate<DocumentRecord> => (_a, r) => r.agencyIssuer !== null && r.issuingState === r.agencyIssuer;
const open = (): Predicate<DocumentRecord> => (_a, r) => r.open;

/**
 * Registered travel documents. Registering is police work on the agency's own country's documents: officers (and
 * analysts and liaison officers, who are officers too) take the reports of theft and loss, supervisors answer for
 * them (permission document.register). Only the registering agency reads and closes its records; checking a
 * document is screening (screening.run) and never reads the registry's rows.
 */
export const documentPolicy = definePolicy<DocumentRecord, 'read' | 'register' | 'close'>({
  read: allow(ownAgency()),
  register: allow(has('document.register'), ownAgency(), ownCountry()),
  close: allow(has('document.register'), ownAgency(), open()),
});

/** Checking documents: who screens (officers, analysts, liaison officers), inside their own agency. */
export const documentCheckPolicy = definePolicy<{ agencyId: string }, 'check'>({
  check: allow(has('screening.run'), ownAgency()),
});
