import type { Ctx } from '../../../platform/db';
import { conflict } from '../../../platform/http';
import { loadCase } from '../../cases';
import { committeeAgencyIds } from '../queries';
import { etx } from '../schema';

/** Links a case the actor can see to the event; its content stays behind the case's own rules. */
export async function linkCase(ctx: Ctx, eventId: string, caseId: string): Promise<void> {
  await loadCase(ctx, caseId);
  const t = etx(ctx.tx);
  const exists = await t.selectFrom('event_cases').select('case_id').where('event_id', '=', eventId).where('case_id', '=', caseId).executeTakeFirst();
  if (exists) throw conflict('This case is already linked to the event.', [{ path: 'caseId', message: 'Already linked.' }]);
  await t.insertInto('event_cases').values({ event_id: eventId, case_id: caseId, linked_by: ctx.actor.userId, linked_agency_id: ctx.actor.agencyId! }).execute();
  ctx.audit({ action: 'event.case_linked', objectType: 'event', objectId: eventId, details: { caseId } });
  ctx.emit({ topic: 'event.changed', id: eventId, audience: { agencyIds: await committeeAgencyIds(ctx, eventId) } });
}
