import type { DocumentType, LossType } from '../../common';
import type { Ctx } from '../platform/db';
import { dtx } from '../modules/documents';

interface DemoDocument {
  agency: string;
  issuingState: string;
  number: string;
  type: DocumentType;
  lossType: LossType;
  lossDate: string;
}

/**
 * A few stolen and lost documents, each registered by an agency of its issuing country. The first is the passport
 * of the e2e test and of docs/DOCUMENTS.md's example: KARIM BENNANI's, stolen in Tangier.
 */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  { agency: 'dgsn', issuingState: 'MAR', number: 'TM4826173', type: 'passport', lossType: 'stolen', lossDate: '2026-09-14' },
  { agency: 'dgsn', issuingState: 'MAR', number: 'BK8820431', type: 'id-card', lossType: 'lost', lossDate: '2026-10-02' },
  { agency: 'dgsn', issuingState: 'MAR', number: 'UZ0000417', type: 'passport', lossType: 'stolen-blank', lossDate: '2026-06-30' },
  { agency: 'policia', issuingState: 'ESP', number: 'PAF273645', type: 'passport', lossType: 'stolen', lossDate: '2026-08-21' },
  { agency: 'policia', issuingState: 'ESP', number: 'CAA118204', type: 'id-card', lossType: 'revoked', lossDate: '2026-05-11' },
  { agency: 'bka', issuingState: 'D', number: 'C4J7R2K91', type: 'passport', lossType: 'stolen', lossDate: '2026-07-03' },
  { agency: 'mps', issuingState: 'CHN', number: 'EJ4417730', type: 'passport', lossType: 'lost', lossDate: '2026-10-19' },
];

/** Registers the demo documents as their agencies' officers (inside the demo loader's owner transaction). */
export async function loadDemoDocuments(ctx: Ctx): Promise<void> {
  for (const d of DEMO_DOCUMENTS) {
    const a = await ctx.tx.selectFrom('agencies').select('id').where('code', '=', d.agency).executeTakeFirstOrThrow();
    const u = await ctx.tx.selectFrom('users').select('id').where('email', '=', `officer@${d.agency}.demo`).executeTakeFirstOrThrow();
    const row = await dtx(ctx.tx).insertInto('travel_documents')
      .values({ agency_id: a.id, issuing_state: d.issuingState, number: d.number, doc_type: d.type, loss_type: d.lossType, loss_date: d.lossDate, registered_by: u.id, job_id: null })
      .returning('id').executeTakeFirstOrThrow();
    ctx.audit({ action: 'document.registered', objectType: 'travel_document', objectId: row.id, subjectAgencyId: a.id, details: { demo: true, lossType: d.lossType, type: d.type } });
  }
}
