import type { Selectable } from 'kysely';
import type { TUpdateCaseRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import type { CaseTable } from '../../../platform/db/schema';
import { conflict, notFound } from '../../../platform/http';
import { casePolicy, type CaseRecord } from '../policies/case.policy';
import { recordCaseEvent } from '../timeline';

/** Allowed status moves: open ⇄ closed, closed → archived (archived is final). */
const MOVES: Record<string, string[]> = { open: ['closed'], closed: ['open', 'archived'], archived: [] };

/** The owning agency edits the case (while open) and moves its status. */
export async function updateCase(ctx: Ctx, c: Selectable<CaseTable>, record: CaseRecord, body: TUpdateCaseRequest): Promise<void> {
  const fields = (['title', 'summary', 'crimeAreas'] as const).filter((k) => body[k] !== undefined);
  const statusChange = body.status !== undefined && body.status !== c.status;
  if (fields.length && !casePolicy.can(ctx.actor, 'update', record)) {
    if (!casePolicy.can(ctx.actor, 'changeStatus', record)) throw notFound('case');
    throw conflict(`This case is ${c.status}: reopen it to edit it.`, { status: c.status });
  }
  if (statusChange && !casePolicy.can(ctx.actor, 'changeStatus', record)) throw notFound('case');
  if (statusChange && !MOVES[c.status]!.includes(body.status!)) throw conflict(`A case cannot go from ${c.status} to ${body.status}.`, { status: c.status });
  if (!fields.length && !statusChange) return;
  await ctx.tx
    .updateTable('cases')
    .set({
      ...(body.title !== undefined && { title: body.title }),
      ...(body.summary !== undefined && { summary: body.summary }),
      ...(body.crimeAreas !== undefined && { crime_areas: [...new Set(body.crimeAreas)] }),
      ...(statusChange && { status: body.status }),
      updated_at: new Date(),
    })
    .where('id', '=', c.id)
    .execute();
  if (fields.length) await recordCaseEvent(ctx, c.id, 'case.updated', { type: 'case', id: c.id }, { fields });
  if (statusChange) await recordCaseEvent(ctx, c.id, 'case.status_changed', { type: 'case', id: c.id }, { from: c.status, to: body.status });
  ctx.audit({ action: statusChange ? 'case.status_changed' : 'case.updated', objectType: 'case', objectId: c.id, details: { fields, ...(statusChange && { from: c.status, to: body.status }) } });
}
