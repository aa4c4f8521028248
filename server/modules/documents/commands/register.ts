import type { DocumentType, LossType } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError, badRequest, conflict } from '../../../platform/http';
import { documentRef, normaliseKey } from './check';
import { dtx } from '../schema';
import { documentPolicy } from '../policies/document.policy';
import { agencyIssuer } from '../issuer';

export interface NewDocument {
  number: string;
  issuingState?: string | undefined;
  type: DocumentType;
  lossType: LossType;
  lossDate: string;
}

export interface ValidDocument {
  number: string;
  issuingState: string;
  type: DocumentType;
  lossType: LossType;
  lossDate: string;
}

/**
 * Validates one document for registration by the actor's agency: a readable number, a real date not in the future,
 * and an issuing state that is the agency's own country's. Throws an AppError naming the field (and the CSV line
 * when given).
 */
export function validateDocument(d: NewDocument, issuer: string | null, actorAgencyId: string, actor: Ctx['actor'], line?: number): ValidDocument {
  const at = line !== undefined ? `Line ${line}: ` : '';
  const details = (field: string) => (line !== undefined ? { field, line } : { field });
  if (!issuer) throw new AppError(400, 'bad_request', `${at}Your agency's country has no ICAO issuing code: it cannot register documents.`, details('issuingState'));
  const key = normaliseKey({ number: d.number, issuingState: d.issuingState ?? issuer });
  if (!key) {
    if (!/^[A-Z0-9]{1,30}$/.test(d.number.toUpperCase().replace(/[\s\-<./]/g, ''))) throw badRequest(`${at}The document number "${d.number}" must be 1 to 30 letters and digits (spaces and dashes are ignored).`, details('number'));
    throw badRequest(`${at}"${d.issuingState}" is not an ICAO 9303 issuing state (e.g. MAR, ESP, D for Germany).`, details('issuingState'));
  }
  if (!documentPolicy.can(actor, 'register', { agencyId: actorAgencyId, issuingState: key.issuingState, agencyIssuer: issuer, open: true })) {
    throw new AppError(400, 'bad_request', `${at}Your agency registers documents of its own country only (issuing state ${issuer}); ${key.issuingState} documents are registered by an agency of that state.`, details('issuingState'));
  }
  const date = new Date(`${d.lossDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.lossDate) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== d.lossDate) {
    throw badRequest(`${at}The date "${d.lossDate}" is not a date: write it as YYYY-MM-DD.`, details('lossDate'));
  }
  if (d.lossDate > new Date().toISOString().slice(0, 10)) throw badRequest(`${at}The date of the theft or loss (${d.lossDate}) is in the future.`, details('lossDate'));
  return { ...key, type: d.type, lossType: d.lossType, lossDate: d.lossDate };
}

/** Registers one document; a document already registered and not closed is a conflict (checks already answer hit). */
export async function registerDocument(ctx: Ctx, d: NewDocument) {
  const issuer = await agencyIssuer(ctx);
  const v = validateDocument(d, issuer, ctx.actor.agencyId!, ctx.actor);
  const row = await dtx(ctx.tx).insertInto('travel_documents')
    .values({ agency_id: ctx.actor.agencyId!, issuing_state: v.issuingState, number: v.number, doc_type: v.type, loss_type: v.lossType, loss_date: v.lossDate, registered_by: ctx.actor.userId, job_id: null })
    .onConflict((oc) => oc.columns(['issuing_state', 'number']).where('recovered_at', 'is', null).where('removed_at', 'is', null).doNothing())
    .returningAll().executeTakeFirst();
  if (!row) throw conflict(`The document ${v.issuingState} ${v.number} is already registered as stolen or lost (a check shows by whom).`, { field: 'number' });
  ctx.audit({ action: 'document.registered', objectType: 'travel_document', objectId: row.id, details: { ref: documentRef(v.issuingState, v.number), lossType: v.lossType, type: v.type } });
  return row;
}

/**
 * Registers validated documents in one statement; those already registered (live) are skipped and counted. Used by
 * the CSV job in chunks.
 */
export async function registerMany(ctx: Ctx, docs: ValidDocument[], jobId: string | null): Promise<{ registered: number; alreadyRegistered: number }> {
  if (docs.length === 0) return { registered: 0, alreadyRegistered: 0 };
  const rows = await dtx(ctx.tx).insertInto('travel_documents')
    .values(docs.map((v) => ({ agency_id: ctx.actor.agencyId!, issuing_state: v.issuingState, number: v.number, doc_type: v.type, loss_type: v.lossType, loss_date: v.lossDate, registered_by: ctx.actor.userId, job_id: jobId })))
    .onConflict((oc) => oc.columns(['issuing_state', 'number']).where('recovered_at', 'is', null).where('removed_at', 'is', null).doNothing())
    .returning('id').execute();
  return { registered: rows.length, alreadyRegistered: docs.length - rows.length };
}
