import { ZCloseDocumentRequest, ZDocumentIdParams, type TCloseDocumentRequest } from '../../../../common';
import { withActor } from '../../../platform/db';
import type { App } from '../../../platform/http';
import { closeDocument } from '../commands/close';
import { presentDocument } from '../presenters';

/** Marks a registered document recovered, or removes it (registered by mistake): it leaves the checks at once. */
export async function closeRoutes(app: App): Promise<void> {
  app.post('/api/documents/:id/close', {
    schema: { tags: ['documents'], summary: 'Mark your agency’s registered document recovered, or remove it', params: ZDocumentIdParams, body: ZCloseDocumentRequest },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as TCloseDocumentRequest;
    const row = await withActor(app.deps.db, req.actor!, req.ip, (ctx) => closeDocument(ctx, id, body.action));
    return { document: presentDocument(req.actor!, row) };
  });
}
