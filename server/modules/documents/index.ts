import type { App } from '../../platform/http';
import { jobRunnerFor } from '../../platform/jobs';
import { addRowCheck } from '../screening';
import { registerDocumentImportJob } from './commands/import';
import { documentRowCheck, DOCUMENTS_SOURCE } from './row-check';
import { checkRoutes } from './routes/check.routes';
import { closeRoutes } from './routes/close.routes';
import { listRoutes } from './routes/list.routes';
import { registerRoutes } from './routes/register.routes';
import { uploadRoutes } from './routes/upload.routes';

/** Stolen and lost travel documents (ICAO 9303): the registry of the agencies' own countries, and the checks. */
export async function registerDocuments(app: App): Promise<void> {
  registerDocumentImportJob(jobRunnerFor(app.deps.db));
  // Single and batch screening check the registry too, in the same pass.
  addRowCheck(DOCUMENTS_SOURCE, documentRowCheck);
  await registerRoutes(app);
  await listRoutes(app);
  await closeRoutes(app);
  await checkRoutes(app);
  await uploadRoutes(app);
}
export { checkDocuments, normaliseKey, documentRef, type DocumentKey, type DocumentMatch } from './commands/check';
export { registerDocument, registerMany, validateDocument, type NewDocument, type ValidDocument } from './commands/register';
export { checkMrz, parseOrRefuse } from './commands/mrz-check';
export { agencyIssuer } from './issuer';
export { documentCandidate } from './row-check';
export { dtx, type DocumentsDB, type TravelDocumentTable } from './schema';
export { DOCUMENT_IMPORT_JOB } from './commands/import';
