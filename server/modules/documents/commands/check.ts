import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DocumentType, LossType } from '../../../../common';
import { normaliseDocumentNumber, normaliseIssuer } from '../../../../common/mrz';
import type { Ctx } from '../../../platform/db';

export interface DocumentKey {
  number: string;
  /** ICAO issuing code (D, MAR, UTO …); an ISO alpha-2 code or DEU is read as its state. */
  issuingState: string;
}

export interface DocumentMatch {
  id: string;
  number: string;
  issuingState: string;
  type: DocumentType;
  lossType: LossType;
  agency: { id: string; name: string; country: string };
  /** Index of the key (in the input) this match answers. */
  key: number;
}

/** A key as the registry stores it, or null when the issuing state is not an ICAO issuer. */
export function normaliseKey(k: DocumentKey): { number: string; issuingState: string } | null {
  const issuingState = normaliseIssuer(k.issuingState);
  const number = normaliseDocumentNumber(k.number);
  if (!issuingState || !/^[A-Z0-9]{1,30}$/.test(number)) return null;
  return { number, issuingState };
}

/** A reference to a checked document for the audit: never the number itself. */
export function documentRef(issuingState: string, number: string): string {
  return createHash('sha256').update(`${issuingState}:${number}`).digest('hex').slice(0, 16);
}

/**
 * Looks documents up in the registry of stolen and lost documents: live records only, exact (issuing state,
 * number) after normalisation, one index probe each. Runs through tansiq_documents_check(), so a caller learns
 * hit/no-hit, the loss type and the registering agency, never the registry's other rows. Audit is the caller's
 * (batch screening audits its batch, the check routes each check). Keys that cannot be normalised never match.
 */
export async function checkDocuments(ctx: Ctx, keys: DocumentKey[]): Promise<DocumentMatch[]> {
  const norm = keys.map(normaliseKey);
  const states: string[] = [];
  const numbers: string[] = [];
  const asked = new Set<string>();
  for (const k of norm) {
    // Each distinct key once: the same document twice in a list is one probe, answered for both.
    if (!k || asked.has(`${k.issuingState}:${k.number}`)) continue;
    asked.add(`${k.issuingState}:${k.number}`);
    states.push(k.issuingState);
    numbers.push(k.number);
  }
  if (states.length === 0) return [];
  // One statement: the definer function's live matches, joined to the agencies every signed-in user may read.
  const rows = (await sql<{ id: string; issuing_state: string; number: string; agency_id: string; doc_type: DocumentType; loss_type: LossType; agency_name: string; agency_country: string }>`
    SELECT c.id, c.issuing_state, c.number, c.agency_id, c.doc_type, c.loss_type, a.name AS agency_name, a.country AS agency_country
    FROM tansiq_documents_check(${states}::text[], ${numbers}::text[]) c JOIN agencies a ON a.id = c.agency_id`.execute(ctx.tx)).rows;
  if (rows.length === 0) return [];
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.issuing_state}:${r.number}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const out: DocumentMatch[] = [];
  norm.forEach((k, i) => {
    if (!k) return;
    for (const r of byKey.get(`${k.issuingState}:${k.number}`) ?? []) {
      out.push({ id: r.id, number: r.number, issuingState: r.issuing_state, type: r.doc_type, lossType: r.loss_type, agency: { id: r.agency_id, name: r.agency_name, country: r.agency_country }, key: i });
    }
  });
  return out;
}
