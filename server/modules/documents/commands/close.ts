import type { Ctx } from '../../../platform/db';
import { notFound } from '../../../platform/http';
import { dtx } from '../schema';
import { documentPolicy } from '../policies/document.policy';

/**
 * Closes a registered document: recovered (found again) or removed (registered by mistake). It leaves the checks at
 * once; the row stays for the agency's record. Another agency's record, or an unknown one, is 404.
 */
export async function closeDocument(ctx: Ctx, id: string, action: 'recovered' | 'removed') {
  const t = dtx(ctx.tx);
  const r = await t.selectFrom('travel_documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('document');
  const open = r.recovered_at === null && r.removed_at === null;
  if (!documentPolicy.can(ctx.actor, 'close', { agencyId: r.agency_id, issuingState: r.issuing_state, agencyIssuer: null, open })) {
    if (!open && r.agency_id === ctx.actor.agencyId) return r; // Already closed: closing again changes nothing.
    throw notFound('document');
  }
  const now = new Date();
  const row = await t.updateTable('travel_documents')
    .set(action === 'recovered' ? { recovered_at: now, closed_by: ctx.actor.userId } : { removed_at: now, closed_by: ctx.actor.userId })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  ctx.audit({ action: `document.${action}`, objectType: 'travel_document', objectId: id });
  return row;
}
