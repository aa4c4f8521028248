import type { PCandidate } from '../../../common';
import type { RowCheck } from '../screening';
import { checkDocuments, type DocumentKey, type DocumentMatch } from './commands/check';

export const DOCUMENTS_SOURCE = 'documents';

/**
 * Screening's check of the registry: every document of a screened record that names its issuing state is looked up
 * (one probe per document, all of a chunk in one statement); a registered stolen, lost or revoked document is an
 * alert, presented as a candidate with the registering agency. A number without its issuing state is not looked up.
 */
export const documentRowCheck: RowCheck = async (ctx, queries) => {
  const keys: DocumentKey[] = [];
  const owner: number[] = [];
  queries.forEach((q, i) => {
    for (const d of q.documents ?? []) {
      if (!d.country) continue;
      keys.push({ number: d.number, issuingState: d.country });
      owner.push(i);
    }
  });
  const out: PCandidate[][] = queries.map(() => []);
  if (!keys.length) return out;
  for (const m of await checkDocuments(ctx, keys)) out[owner[m.key]!]!.push(documentCandidate(m));
  return out;
};

/** A registered document as a screening candidate: certain (score 1), always an alert, with the registering agency. */
export function documentCandidate(m: DocumentMatch): PCandidate {
  const label = `${m.issuingState} ${m.number}`;
  return {
    id: m.id,
    watchlist: { id: DOCUMENTS_SOURCE, name: 'Stolen and lost travel documents' },
    name: label,
    matchedName: label,
    score: 1,
    alert: true,
    kind: 'document',
    birthDates: [],
    nationalities: [],
    explanation: [{ code: 'document_registered', lossType: m.lossType, issuingState: m.issuingState, agency: m.agency.name }],
    document: { id: m.id, number: m.number, issuingState: m.issuingState, type: m.type, lossType: m.lossType, agency: { id: m.agency.id, name: m.agency.name } },
  };
}
