import { ZCheckDocumentRequest, ZCheckMrzRequest, type PDocumentCheck, type PMrzCheck, type TCheckDocumentRequest, type TCheckMrzRequest } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { badRequest, notFound, type App } from '../../../platform/http';
import { liveIndexFor } from '../../watchlists';
import { checkDocuments, documentRef, normaliseKey } from '../commands/check';
import { checkMrz, parseOrRefuse } from '../commands/mrz-check';
import { documentCheckPolicy } from '../policies/document.policy';
import { presentMatch } from '../presenters';

/** Audits a check by reference: a hash of the document, hit or not, the stated purpose; the registering agency sees it. */
function auditCheck(ctx: Ctx, action: string, purpose: string, ref: string, matches: { id: string; agency: { id: string } }[], extra: Record<string, unknown> = {}) {
  const owner = matches[0]?.agency.id;
  ctx.audit({
    action, objectType: 'travel_document', objectId: matches[0]?.id ?? null, purpose,
    ...(owner && owner !== ctx.actor.agencyId ? { subjectAgencyId: owner } : {}),
    details: { ref, hit: matches.length > 0, ...extra },
  });
}

/** Checks a document by number and issuing state, or by its machine-readable zone (with the holder screened). */
export async function checkRoutes(app: App): Promise<void> {
  const { deps } = app;
  const index = liveIndexFor(deps.db, deps.config.dataDir);

  app.post('/api/documents/check', {
    schema: { tags: ['documents'], summary: 'Is this document registered stolen or lost? (hit/no-hit, loss type, registering agency; audited by reference)', body: ZCheckDocumentRequest },
  }, async (req): Promise<PDocumentCheck> => {
    const body = req.body as TCheckDocumentRequest;
    const actor = req.actor!;
    if (!documentCheckPolicy.can(actor, 'check', { agencyId: actor.agencyId ?? '' })) throw notFound('route');
    const key = normaliseKey(body);
    if (!key) {
      if (!/^[A-Z0-9]{1,30}$/i.test(body.number.replace(/[\s\-<./]/g, ''))) throw badRequest(`The document number "${body.number}" must be 1 to 30 letters and digits.`, { field: 'number' });
      throw badRequest(`"${body.issuingState}" is not an ICAO 9303 issuing state (e.g. MAR, ESP, D for Germany).`, { field: 'issuingState' });
    }
    return withActor(deps.db, actor, req.ip, async (ctx) => {
      const matches = await checkDocuments(ctx, [key]);
      auditCheck(ctx, 'document.checked', body.purpose, documentRef(key.issuingState, key.number), matches);
      return { query: key, hit: matches.length > 0, matches: matches.map(presentMatch), unreliable: false };
    });
  });

  app.post('/api/documents/check-mrz', {
    schema: { tags: ['documents'], summary: 'Check a machine-readable zone: parsed fields, each check digit, the registry (unreliable when a digit failed) and the holder screened against watchlists and notices', body: ZCheckMrzRequest },
  }, async (req): Promise<PMrzCheck> => {
    const body = req.body as TCheckMrzRequest;
    const actor = req.actor!;
    if (!documentCheckPolicy.can(actor, 'check', { agencyId: actor.agencyId ?? '' })) throw notFound('route');
    const mrz = parseOrRefuse(body.mrz);
    // Outside the transaction: on embedded PostgreSQL a sync inside it would wait for its own connection.
    await index.current();
    return withActor(deps.db, actor, req.ip, async (ctx) => {
      const out = await checkMrz(ctx, index, mrz, body.top, body.purpose ?? null);
      const alerts = out.screening.candidates.filter((c) => c.alert);
      auditCheck(ctx, 'document.mrz_checked', body.purpose, documentRef(mrz.issuingState, mrz.documentNumber), out.document.matches, {
        format: mrz.format, checkDigitsValid: mrz.valid, candidates: out.screening.candidates.length, alerts: alerts.length,
        alertEntries: alerts.map((c) => `${c.watchlist.id}:${c.id}`),
      });
      return out;
    });
  });
}
