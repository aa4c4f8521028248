import type { PAgencyRef } from '../../../common';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import { agencyRef } from './presenters';

/** Agencies by id, as references (the agency directory is readable by every signed-in user). */
export async function agencyRefs(ctx: Ctx, ids: string[]): Promise<Map<string, PAgencyRef>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await ctx.tx.selectFrom('agencies').select(['id', 'code', 'name', 'country', 'type']).where('id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, agencyRef(r)]));
}

/** The partnerships of the actor's agency (row-level security already limits them to the two agencies). */
export async function listPartnerships(ctx: Ctx, status?: string) {
  const me = ctx.actor.agencyId!;
  let q = ctx.tx.selectFrom('partnerships').selectAll().where((eb) => eb.or([eb('proposer_agency_id', '=', me), eb('partner_agency_id', '=', me)]));
  if (status) q = q.where('status', '=', status);
  return q.orderBy('updated_at', 'desc').execute();
}

/** One partnership of the actor's agency, or 404. */
export async function findPartnership(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const me = ctx.actor.agencyId!;
  let q = ctx.tx.selectFrom('partnerships').selectAll().where('id', '=', id).where((eb) => eb.or([eb('proposer_agency_id', '=', me), eb('partner_agency_id', '=', me)]));
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('partnership');
  return row;
}
