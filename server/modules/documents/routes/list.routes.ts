import { ZListDocumentsQuery, permissionsOf, type PDocumentList, type TListDocumentsQuery } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { uploadLimitBytes } from '../../watchlists';
import { agencyIssuer } from '../issuer';
import { documentPolicy } from '../policies/document.policy';
import { presentDocument } from '../presenters';
import { countActiveByLossType, listOwnDocuments } from '../queries';

/** The agency's own registered documents (those who register them). */
export async function listRoutes(app: App): Promise<void> {
  app.get('/api/documents', {
    schema: { tags: ['documents'], summary: 'Your agency’s registered documents, newest first, with filters', querystring: ZListDocumentsQuery },
  }, async (req) => {
    const q = req.query as TListDocumentsQuery;
    if (!permissionsOf(req.actor!.roles).has('document.register')) throw notFound('route');
    return withActor(app.deps.db, req.actor!, req.ip, async (ctx): Promise<PDocumentList> => {
      const issuer = await agencyIssuer(ctx);
      const { rows, total } = await listOwnDocuments(ctx, q);
      return {
        documents: rows.map((r) => presentDocument(ctx.actor, r)),
        total, page: q.page, pageSize: q.pageSize, issuingState: issuer,
        abilities: { register: issuer !== null && documentPolicy.can(ctx.actor, 'register', { agencyId: ctx.actor.agencyId!, issuingState: issuer, agencyIssuer: issuer, open: true }) },
        uploadLimitBytes: uploadLimitBytes(),
        activeByLossType: await countActiveByLossType(ctx),
      };
    });
  });
}
