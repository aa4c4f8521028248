import { sql } from 'kysely';
import type { LossType, TListDocumentsQuery } from '../../../common';
import { normaliseDocumentNumber } from '../../../common/mrz';
import type { Ctx } from '../../platform/db';
import { dtx } from './schema';

/** The agency's own registered documents, newest first, filtered (row-level security keeps it to the agency). */
export async function listOwnDocuments(ctx: Ctx, q: TListDocumentsQuery) {
  let s = dtx(ctx.tx).selectFrom('travel_documents').where('agency_id', '=', ctx.actor.agencyId!);
  if (q.state === 'active') s = s.where('recovered_at', 'is', null).where('removed_at', 'is', null);
  if (q.state === 'recovered') s = s.where('recovered_at', 'is not', null);
  if (q.state === 'removed') s = s.where('removed_at', 'is not', null);
  if (q.lossType) s = s.where('loss_type', '=', q.lossType);
  if (q.type) s = s.where('doc_type', '=', q.type);
  if (q.number) {
    const n = normaliseDocumentNumber(q.number).replace(/[%_\\]/g, '');
    if (n) s = s.where('number', 'like', `${n}%`);
  }
  const total = await s.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await s.selectAll().orderBy('registered_at', 'desc').orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { rows, total: total.n };
}

/** The agency's active documents counted by loss type (the page's bar). */
export async function countActiveByLossType(ctx: Ctx): Promise<Record<LossType, number>> {
  const rows = await dtx(ctx.tx).selectFrom('travel_documents').select(['loss_type', sql<number>`count(*)::int`.as('n')])
    .where('agency_id', '=', ctx.actor.agencyId!).where('recovered_at', 'is', null).where('removed_at', 'is', null).groupBy('loss_type').execute();
  const out: Record<LossType, number> = { stolen: 0, lost: 0, 'stolen-blank': 0, revoked: 0 };
  for (const r of rows) out[r.loss_type] = r.n;
  return out;
}
