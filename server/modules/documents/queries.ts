import { sql } from 'kysely';
import type { TListDocumentsQuery } from '../../../common';
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
