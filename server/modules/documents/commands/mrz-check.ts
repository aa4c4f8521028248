import { iso2OfIcao, parseMrz, type Mrz } from '../../../../common/mrz';
import type { PMrzCheck } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { AppError } from '../../../platform/http';
import { loadThresholds, screenOne, toQuery } from '../../screening';
import type { LiveIndex } from '../../watchlists';
import { checkDocuments } from './check';
import { recordHits } from '../../hits';
import { documentCandidate } from '../row-check';
import { presentMatch } from '../presenters';

/** Parses a pasted zone or answers 400 naming what is wrong with it (and on which line). */
export function parseOrRefuse(text: string): Mrz {
  const r = parseMrz(text);
  if (!r.ok) throw new AppError(400, 'bad_request', r.error.message, { field: 'mrz', code: r.error.code, ...(r.error.line !== undefined ? { line: r.error.line + 1 } : {}) });
  return r.mrz;
}

/**
 * The check of a zone: the document against the registry (flagged unreliable when a check digit failed: the
 * lookup ran on the data as read), and the holder's name, birth date, nationality and document against the
 * watchlists and notices the agency may screen against. The index must be current before the transaction
 * (on embedded PostgreSQL a sync inside it would wait for its own connection).
 */
export async function checkMrz(ctx: Ctx, index: LiveIndex, mrz: Mrz, top: number, purpose: string | null = null): Promise<PMrzCheck> {
  const matches = await checkDocuments(ctx, [{ number: mrz.documentNumber, issuingState: mrz.issuingState }]);
  const name = [mrz.secondaryIdentifier, mrz.primaryIdentifier].filter((s) => s.length > 0).join(' ');
  const th = await loadThresholds(ctx);
  const nationality = iso2OfIcao(mrz.nationality);
  const candidates = name.length === 0 ? [] : screenOne(index, ctx.actor.agencyId!, toQuery({
    name,
    ...(mrz.birthDate ? { birthDate: mrz.birthDate } : {}),
    ...(nationality ? { nationality } : {}),
    ...(mrz.sex === 'M' ? { gender: 'male' as const } : mrz.sex === 'F' ? { gender: 'female' as const } : {}),
    document: mrz.documentNumber,
    ...(iso2OfIcao(mrz.issuingState) ? { documentCountry: iso2OfIcao(mrz.issuingState)! } : {}),
  }), top, th);
  // A registered document and every alert on the holder become hits of the officer, to confirm or discard.
  const holder: Record<string, unknown> = { name, ...(mrz.birthDate ? { birth_date: mrz.birthDate } : {}), ...(nationality ? { nationality } : {}), document_number: mrz.documentNumber, document_country: mrz.issuingState };
  await recordHits(ctx, [...matches.map(documentCandidate), ...candidates], { origin: 'document-check', query: holder, purpose });
  return {
    mrz: {
      format: mrz.format, lines: mrz.lines, documentCode: mrz.documentCode, documentType: mrz.documentType, issuingState: mrz.issuingState,
      documentNumber: mrz.documentNumber, nationality: mrz.nationality, birthDate: mrz.birthDate, expiryDate: mrz.expiryDate, sex: mrz.sex,
      primaryIdentifier: mrz.primaryIdentifier, secondaryIdentifier: mrz.secondaryIdentifier,
      checks: mrz.checks.map((c) => ({ field: c.field, valid: c.valid, found: c.found, expected: c.expected })),
      valid: mrz.valid, warnings: mrz.warnings,
    },
    document: { query: { number: mrz.documentNumber, issuingState: mrz.issuingState }, hit: matches.length > 0, matches: matches.map(presentMatch), unreliable: !mrz.valid },
    screening: { candidates, alertThreshold: th.fallback },
  };
}
