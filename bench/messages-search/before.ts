/**
 * The list and search query as it was before migrations/0013 (server/modules/messages/queries.ts at 99a1569),
 * kept verbatim so one run measures before and after on the same data. Also the baseline's SQL: the same statement
 * run by the owner, to whom row-level security does not apply.
 */
import { sql } from 'kysely';
import type { TMessageListQuery } from '../../common';
import type { Ctx } from '../../server/platform/db';
import { SEARCH_CONFIGS } from '../../server/modules/messages/deadlines';

const messageColumns = [
  'm.id', 'm.case_id', 'm.parent_id', 'm.sender_agency_id', 'm.sender_desk_id', 'm.sender_user_id', 'm.subject', 'm.body', 'm.body_format', 'm.purpose',
  'm.handling_code', 'm.handling_text', 'm.tlp', 'm.source_reliability', 'm.info_accuracy', 'm.priority', 'm.is_request', 'm.lang', 'm.created_at', 'm.origin_message_id', 'm.origin_agency_id',
] as const;

const OPEN_OVERDUE = sql<boolean>`r.request_state IN ('sent', 'acknowledged', 'extended')
  AND coalesce(CASE WHEN r.request_state = 'extended' THEN r.extended_until END, r.due_at) < now()`;

export async function listMessagesBefore(ctx: Ctx, f: TMessageListQuery): Promise<{ id: string }[]> {
  const agency = ctx.actor.agencyId!;
  let q = ctx.tx
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .innerJoin('agencies as sa', 'sa.id', 'm.sender_agency_id')
    .innerJoin('desks as sd', 'sd.id', 'm.sender_desk_id')
    .select([...messageColumns, 'c.title as case_title', 'c.status as case_status', 'sa.name as sender_agency_name', 'sd.name as sender_desk_name']);
  if (f.box === 'inbox') q = q.where((eb) => eb.exists(eb.selectFrom('message_recipients as r').select('r.message_id').whereRef('r.message_id', '=', 'm.id').where('r.agency_id', '=', agency)));
  if (f.box === 'sent') q = q.where('m.sender_agency_id', '=', agency);
  if (f.caseId) q = q.where('m.case_id', '=', f.caseId);
  if (f.urgent) q = q.where('m.priority', '=', 'urgent');
  if (f.crimeArea) q = q.where(sql<boolean>`${f.crimeArea} = ANY(c.crime_areas)`);
  if (f.agencyId) {
    const other = f.agencyId;
    q = q.where((eb) => eb.or([
      eb('m.sender_agency_id', '=', other),
      eb.exists(eb.selectFrom('message_recipients as r').select('r.message_id').whereRef('r.message_id', '=', 'm.id').where('r.agency_id', '=', other)),
    ]));
  }
  if (f.unread) q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('message_reads as x').select('x.message_id').whereRef('x.message_id', '=', 'm.id').where('x.user_id', '=', ctx.actor.userId!))));
  if (f.overdue) q = q.where((eb) => eb.exists(eb.selectFrom('message_recipients as r').select('r.message_id').whereRef('r.message_id', '=', 'm.id').where(OPEN_OVERDUE)));
  if (f.q) {
    const text = f.q;
    const query = sql.join(SEARCH_CONFIGS.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${text})`), sql` || `);
    q = q.where(sql<boolean>`m.search @@ (${query})`);
  }
  return q.orderBy('m.created_at', 'desc').limit(f.limit).execute();
}

/** The unread badge's count as it was before 2396fe7 (server/modules/messages/routes/unread.routes.ts), verbatim. */
export async function unreadCountBefore(ctx: Ctx): Promise<number> {
  const actor = ctx.actor;
  const row = await sql<{ n: string }>`
        SELECT count(*) AS n FROM messages m
        WHERE EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.agency_id = ${actor.agencyId})
          AND m.sender_user_id <> ${actor.userId}
          AND NOT EXISTS (SELECT 1 FROM message_reads x WHERE x.message_id = m.id AND x.user_id = ${actor.userId})`.execute(ctx.tx);
  return Number(row.rows[0]?.n ?? 0);
}
