import type { Selectable } from 'kysely';
import type { HitState, TListHitsQuery } from '../../../common';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import { ntx, type HitTable } from '../notices';
import { hitPolicy } from './policies/hit.policy';

export type HitRow = Selectable<HitTable>;

/** A hit the actor may read: their own screening's, or a confirmed hit on their agency's notice or document. */
export async function loadHit(ctx: Ctx, id: string): Promise<HitRow> {
  const row = await ntx(ctx.tx).selectFrom('hits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('hit');
  const mine = hitPolicy.can(ctx.actor, 'read', { agencyId: row.agency_id, userId: row.user_id, state: row.state });
  const onOurs = row.owner_agency_id === ctx.actor.agencyId && row.state === 'confirmed';
  if (!mine && !onOurs) throw notFound('hit');
  return row;
}

export async function listHits(ctx: Ctx, q: TListHitsQuery): Promise<{ rows: HitRow[]; total: number; counts: Record<HitState, number> }> {
  let query = ntx(ctx.tx).selectFrom('hits').selectAll();
  if (q.scope === 'ours') query = query.where('agency_id', '=', ctx.actor.agencyId!).where('user_id', '=', ctx.actor.userId!);
  else query = query.where('owner_agency_id', '=', ctx.actor.agencyId!).where('state', '=', 'confirmed');
  if (q.source) query = query.where('source', '=', q.source);
  if (q.jobId) query = query.where('job_id', '=', q.jobId);
  if (q.noticeId) query = query.where('notice_id', '=', q.noticeId);
  const byState = await query.clearSelect().select(['state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('state').execute();
  const counts: Record<HitState, number> = { open: 0, confirmed: 0, discarded: 0 };
  for (const c of byState) counts[c.state] = Number(c.n);
  if (q.state) query = query.where('state', '=', q.state);
  const total = q.state ? counts[q.state] : counts.open + counts.confirmed + counts.discarded;
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute();
  return { rows, total, counts };
}

/**
 * The hits raised on rows of screening jobs (a batch, an accreditation list) that the actor's agency holds (row-level
 * security), oldest first, each saying whether the actor may open it (the screening officer, hit.policy.ts).
 */
export async function hitsOfJobRows(ctx: Ctx, jobIds: string[], rowNos: number[]): Promise<{ id: string; state: HitState; source: HitRow['source']; jobId: string; rowNo: number; readable: boolean }[]> {
  if (!jobIds.length || !rowNos.length) return [];
  const rows = await ntx(ctx.tx).selectFrom('hits').select(['id', 'state', 'source', 'job_id', 'row_no', 'agency_id', 'user_id'])
    .where('job_id', 'in', [...new Set(jobIds)]).where('row_no', 'in', [...new Set(rowNos)]).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, state: r.state, source: r.source, jobId: r.job_id!, rowNo: r.row_no!, readable: hitPolicy.can(ctx.actor, 'read', { agencyId: r.agency_id, userId: r.user_id, state: r.state }) }));
}
