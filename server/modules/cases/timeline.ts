import type { CaseEventKind } from '../../../common';
import type { Ctx } from '../../platform/db';

/**
 * Appends an entry to a case's timeline, in the actor's name, pointing at its object. Details hold references only
 * (ids, states): the presenter resolves titles and names for each viewer.
 */
export async function recordCaseEvent(ctx: Ctx, caseId: string, kind: CaseEventKind, object: { type: string; id: string }, details: Record<string, unknown> = {}): Promise<void> {
  await ctx.tx
    .insertInto('case_events')
    .values({ case_id: caseId, actor_user_id: ctx.actor.userId, actor_agency_id: ctx.actor.agencyId, kind, object_type: object.type, object_id: object.id, details: JSON.stringify(details) })
    .execute();
}

/** Today as a calendar day in UTC ('YYYY-MM-DD'): a task is overdue when its day has passed. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
