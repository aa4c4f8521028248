import type { NoticeState } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { ntx } from '../schema';

/** One step in a notice's history, by the actor, in the same transaction as the change. */
export async function recordNoticeEvent(ctx: Ctx, noticeId: string, action: string, from: NoticeState | null, to: NoticeState, reason: string | null): Promise<void> {
  await ntx(ctx.tx).insertInto('notice_events').values({ notice_id: noticeId, action, from_state: from, to_state: to, actor_user_id: ctx.actor.userId, actor_agency_id: ctx.actor.agencyId, reason }).execute();
}
