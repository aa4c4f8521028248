import { ZRegisterDocumentRequest, type TRegisterDocumentRequest } from '../../../../common';
import { withActor } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { registerDocument } from '../commands/register';
import { presentDocument } from '../presenters';
import { permissionsOf } from '../../../../common';

/** Registers one stolen, lost, stolen-blank or revoked document of the agency's own country. */
export async function registerRoutes(app: App): Promise<void> {
  app.post('/api/documents', {
    schema: { tags: ['documents'], summary: 'Register a stolen or lost travel document of your own country (number, ICAO issuing state, type, loss type, date)', body: ZRegisterDocumentRequest },
  }, async (req, reply) => {
    const body = req.body as TRegisterDocumentRequest;
    if (!permissionsOf(req.actor!.roles).has('document.register')) throw notFound('route');
    const row = await withActor(app.deps.db, req.actor!, req.ip, (ctx) => registerDocument(ctx, body));
    return reply.status(201).send({ document: presentDocument(req.actor!, row) });
  });
}
