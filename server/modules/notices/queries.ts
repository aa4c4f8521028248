import type { Selectable } from 'kysely';
import type { PNoticeEvent, TListNoticesQuery } from '../../../common';
import type { Ctx } from '../../platform/db';
import { notFound } from '../../platform/http';
import type { NoticeRecord } from './policies/notice.policy';
import { ntx, type NoticeTable } from './schema';

export type NoticeRow = Selectable<NoticeTable> & {
  agency_name: string; agency_country: string; desk_name: string | null;
  /** The subject's photo, if any (seen with the notice: row-level security). */
  photo_id: string | null; photo_type: 'image/jpeg' | 'image/png' | 'image/webp' | null; photo_size: string | null;
};

/** What the rules need to know of the actor beyond the roles: General Secretariat reviewer, NCB desks. */
export interface ActorFacts {
  isGsReviewer: boolean;
  ncbDeskIds: string[];
}

export async function actorFacts(ctx: Ctx): Promise<ActorFacts> {
  const t = ntx(ctx.tx);
  const agency = ctx.actor.agencyId ? await t.selectFrom('agencies').select('type').where('id', '=', ctx.actor.agencyId).executeTakeFirst() : undefined;
  const gs = agency?.type === 'interpol-gs';
  // The General Secretariat is no NCB: its desks record the UN Security Council's Special Notices.
  let desks: { id: string }[] = [];
  if (ctx.actor.deskIds.length) {
    let q = t.selectFrom('desks').select('id').where('id', 'in', [...ctx.actor.deskIds]).where('disabled_at', 'is', null);
    if (!gs) q = q.where('is_ncb', '=', true);
    desks = await q.execute();
  }
  return { isGsReviewer: gs && ctx.actor.roles.includes('reviewer'), ncbDeskIds: desks.map((d) => d.id) };
}

function baseQuery(ctx: Ctx) {
  return ntx(ctx.tx)
    .selectFrom('notices as n')
    .innerJoin('agencies as a', 'a.id', 'n.agency_id')
    .leftJoin('desks as d', 'd.id', 'n.desk_id')
    .leftJoin('notice_photos as p', (j) => j.onRef('p.notice_id', '=', 'n.id').on('p.status', '=', 'ready'))
    .selectAll('n')
    .select(['a.name as agency_name', 'a.country as agency_country', 'd.name as desk_name', 'p.id as photo_id', 'p.media_type as photo_type', 'p.size_bytes as photo_size']);
}

/** A notice the actor may see (row-level security decides), or 404. */
export async function loadNotice(ctx: Ctx, id: string): Promise<NoticeRow> {
  const row = await baseQuery(ctx).where('n.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('notice');
  return row;
}

export function recordOf(row: Pick<NoticeRow, 'agency_id' | 'desk_id' | 'kind' | 'state' | 'awaiting_approval' | 'reviewed_at'>, facts: ActorFacts): NoticeRecord {
  return {
    agencyId: row.agency_id,
    deskId: row.desk_id,
    kind: row.kind,
    state: row.state,
    awaitingApproval: row.awaiting_approval,
    reviewed: row.reviewed_at !== null,
    actorIsGsReviewer: facts.isGsReviewer,
    actorNcbDeskIds: facts.ncbDeskIds,
  };
}

/** The gallery: what the actor may see, narrowed by the filters, newest first. */
export async function listNotices(ctx: Ctx, q: TListNoticesQuery, facts: ActorFacts): Promise<{ rows: NoticeRow[]; total: number }> {
  let query = baseQuery(ctx);
  if (q.colour) query = query.where('n.colour', '=', q.colour);
  if (q.kind) query = query.where('n.kind', '=', q.kind);
  if (q.state) query = query.where('n.state', '=', q.state);
  if (q.scope === 'mine') query = query.where('n.agency_id', '=', ctx.actor.agencyId);
  if (q.scope === 'approval') query = query.where('n.agency_id', '=', ctx.actor.agencyId).where('n.awaiting_approval', '=', true).where('n.state', '=', 'draft');
  if (q.scope === 'review') {
    if (!facts.isGsReviewer) return { rows: [], total: 0 };
    query = query.where((eb) => eb.or([eb('n.state', '=', 'requested'), eb.and([eb('n.kind', '=', 'diffusion'), eb('n.state', '=', 'published'), eb('n.reviewed_at', 'is', null)])]));
  }
  // A draft stays with its NCB: other agencies never see it (row-level security), and neither do colleagues elsewhere
  // in the gallery unless they asked for their agency's notices.
  if (q.scope === 'all') query = query.where((eb) => eb.or([eb('n.state', '<>', 'draft'), eb('n.agency_id', '=', ctx.actor.agencyId)]));
  if (q.q) {
    const needle = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('n.names_text', 'like', needle), eb('n.reference', 'ilike', needle), eb('n.offence', 'ilike', needle)]));
  }
  const total = Number((await query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query.orderBy('n.updated_at', 'desc').orderBy('n.id').limit(q.limit).offset(q.offset).execute();
  return { rows, total };
}

export async function noticeHistory(ctx: Ctx, id: string): Promise<PNoticeEvent[]> {
  const rows = await ntx(ctx.tx)
    .selectFrom('notice_events as e')
    .leftJoin('agencies as a', 'a.id', 'e.actor_agency_id')
    // Staff are visible only inside their agency: another agency's actor shows as the agency.
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.at', 'e.action', 'e.from_state', 'e.to_state', 'e.reason', 'e.actor_user_id', 'e.actor_agency_id', 'a.name as agency_name', 'u.display_name as user_name'])
    .where('e.notice_id', '=', id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    reason: r.reason,
    actor: { id: r.user_name ? r.actor_user_id : null, name: r.user_name ?? null, agencyId: r.actor_agency_id, agencyName: r.agency_name ?? null },
  }));
}

export async function noticeAddressees(ctx: Ctx, id: string): Promise<{ id: string; name: string }[]> {
  return ntx(ctx.tx).selectFrom('notice_addressees as x').innerJoin('agencies as a', 'a.id', 'x.agency_id').select(['a.id', 'a.name']).where('x.notice_id', '=', id).orderBy('a.name').execute();
}

/** Confirmed hits on the notice, for the requesting NCB (row-level security shows it only those). */
export async function confirmedHitCount(ctx: Ctx, id: string): Promise<number> {
  const r = await ntx(ctx.tx).selectFrom('hits').select((eb) => eb.fn.countAll<string>().as('n')).where('notice_id', '=', id).where('state', '=', 'confirmed').where('owner_agency_id', '=', ctx.actor.agencyId).executeTakeFirstOrThrow();
  return Number(r.n);
}
