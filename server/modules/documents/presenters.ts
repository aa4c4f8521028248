import type { Selectable } from 'kysely';
import type { DocumentState, PDocument, PDocumentMatch } from '../../../common';
import type { Actor } from '../../platform/db';
import { documentPolicy } from './policies/document.policy';
import type { TravelDocumentTable } from './schema';
import type { DocumentMatch } from './commands/check';

const iso = (d: Date | string) => new Date(d).toISOString();
/** PostgreSQL `date` comes back as a Date at local midnight on node-postgres, as a string elsewhere. */
const isoDay = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);

export function stateOf(r: Pick<Selectable<TravelDocumentTable>, 'recovered_at' | 'removed_at'>): DocumentState {
  return r.recovered_at ? 'recovered' : r.removed_at ? 'removed' : 'active';
}

/** The only place a registered document becomes JSON (for its own agency). */
export function presentDocument(actor: Actor, r: Selectable<TravelDocumentTable>): PDocument {
  const state = stateOf(r);
  return {
    id: r.id,
    number: r.number,
    issuingState: r.issuing_state,
    type: r.doc_type,
    lossType: r.loss_type,
    lossDate: isoDay(r.loss_date as Date | string),
    state,
    registeredAt: iso(r.registered_at),
    closedAt: r.recovered_at ? iso(r.recovered_at) : r.removed_at ? iso(r.removed_at) : null,
    abilities: { close: documentPolicy.can(actor, 'close', { agencyId: r.agency_id, issuingState: r.issuing_state, agencyIssuer: null, open: state === 'active' }) },
  };
}

/** A hit as any checking agency may see it: the document, the loss type and the registering agency. */
export function presentMatch(m: DocumentMatch): PDocumentMatch {
  return { id: m.id, number: m.number, issuingState: m.issuingState, type: m.type, lossType: m.lossType, agency: m.agency };
}
