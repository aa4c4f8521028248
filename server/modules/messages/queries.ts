import { sql, type Selectable } from 'kysely';
import type { TMessageListQuery } from '../../../common';
import type { Ctx } from '../../platform/db';
import type { MessageTable, MessageRecipientTable } from '../../platform/db/schema';
import { notFound } from '../../platform/http';
import { SEARCH_CONFIGS } from './deadlines';

export type MessageRow = Omit<Selectable<MessageTable>, 'search'> & { case_title: string; case_status: string; sender_agency_name: string; sender_desk_name: string };
export type ReceiptRow = Selectable<MessageRecipientTable> & { agency_name: string; desk_name: string | null };

const messageColumns = [
  'm.id', 'm.case_id', 'm.parent_id', 'm.sender_agency_id', 'm.sender_desk_id', 'm.sender_user_id', 'm.subject', 'm.body', 'm.body_format', 'm.purpose',
  'm.handling_code', 'm.handling_text', 'm.tlp', 'm.source_reliability', 'm.info_accuracy', 'm.priority', 'm.is_request', 'm.lang', 'm.created_at', 'm.origin_message_id', 'm.origin_agency_id',
] as const;

function base(ctx: Ctx) {
  return ctx.tx
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .innerJoin('agencies as sa', 'sa.id', 'm.sender_agency_id')
    .innerJoin('desks as sd', 'sd.id', 'm.sender_desk_id')
    .select([...messageColumns, 'c.title as case_title', 'c.status as case_status', 'sa.name as sender_agency_name', 'sd.name as sender_desk_name']);
}

/** A message the actor may see (row-level security decides), or 404. */
export async function loadMessage(ctx: Ctx, id: string): Promise<MessageRow> {
  const row = await base(ctx).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('message');
  return row as MessageRow;
}

/** Receipts of some messages, with agency and desk names. */
export async function receiptsOf(ctx: Ctx, ids: string[]): Promise<Map<string, ReceiptRow[]>> {
  const out = new Map<string, ReceiptRow[]>();
  if (ids.length === 0) return out;
  const rows = await ctx.tx
    .selectFrom('message_recipients as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('desks as d', 'd.id', 'r.desk_id')
    .selectAll('r')
    .select(['a.name as agency_name', 'd.name as desk_name'])
    .where('r.message_id', 'in', ids)
    .orderBy('a.name')
    .execute();
  for (const r of rows) out.set(r.message_id, [...(out.get(r.message_id) ?? []), r as ReceiptRow]);
  return out;
}

/** Which of these messages the actor has read. */
export async function readByMe(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.tx.selectFrom('message_reads').select('message_id').where('user_id', '=', ctx.actor.userId!).where('message_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.message_id));
}

const OPEN_OVERDUE = sql<boolean>`r.request_state IN ('sent', 'acknowledged', 'extended')
  AND coalesce(CASE WHEN r.request_state = 'extended' THEN r.extended_until END, r.due_at) < now()`;

/** Inbox, sent or all messages the actor may see, with the list's filters and full-text search. */
export async function listMessages(ctx: Ctx, f: TMessageListQuery): Promise<MessageRow[]> {
  const agency = ctx.actor.agencyId!;
  let q = base(ctx);
  // visible_agencies holds the sender's agency and every recipient agency (migrations/0013), and a message is never
  // addressed to its sender's agency: addressed to us = in the array and not sent by us. (A probe of the receipts here
  // would check every candidate row against their own row-level security, once each.)
  const among = (a: string) => sql<boolean>`m.visible_agencies @> ARRAY[${a}]::uuid[]`;
  if (f.box === 'inbox') q = q.where(among(agency)).where('m.sender_agency_id', '<>', agency);
  if (f.box === 'sent') q = q.where('m.sender_agency_id', '=', agency);
  if (f.caseId) q = q.where('m.case_id', '=', f.caseId);
  if (f.urgent) q = q.where('m.priority', '=', 'urgent');
  if (f.crimeArea) q = q.where(sql<boolean>`${f.crimeArea} = ANY(c.crime_areas)`);
  if (f.agencyId) q = q.where(among(f.agencyId)); // sent by that agency or addressed to it
  if (f.unread) q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('message_reads as x').select('x.message_id').whereRef('x.message_id', '=', 'm.id').where('x.user_id', '=', ctx.actor.userId!))));
  if (f.overdue) q = q.where((eb) => eb.exists(eb.selectFrom('message_recipients as r').select('r.message_id').whereRef('r.message_id', '=', 'm.id').where(OPEN_OVERDUE)));
  // Which messages, newest first, comes from tansiq_message_find (migrations/0013), planned with the actor's agency,
  // cases and words as values so that the full-text, visibility, case and date indexes are used well: here, under
  // row-level security, a text condition could use no index (@@ is not leakproof) and the policy's agency is no value
  // at planning time. Row-level security still checks every row taken here. The newest ones come in growing batches:
  // when the newest `batch` hold `limit` rows that pass the other filters, no older one can be among the newest
  // `limit`; filters that discard many ask for more, and the last attempt takes them all.
  const text = f.q;
  const query = text ? sql`(${sql.join(SEARCH_CONFIGS.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${text})`), sql` || `)})` : sql`NULL::tsquery`;
  // The box, "unread", the case and the other agency are applied inside too (migrations/0017), so that a batch holds
  // only rows that pass them: without the filters applied only here (urgent, crime area, overdue), the newest `limit`
  // it returns are the answer, and the first batch asks for no more (a longer walk of the date index, newest first,
  // for nothing: measured at 1 M, bench/messages-search). Row-level security should discard none of them (the same
  // rule); if it does, the next batch is taken.
  const find = (limit: number | null) => sql<{ id: string; created_at: Date }>`tansiq_message_find(${query}, ${limit}::integer, ${f.caseId ?? null}::uuid, ${f.agencyId ?? null}::uuid, ${f.box}::text, ${!!f.unread}::boolean)`;
  const onlyHere = !!(f.urgent || f.crimeArea || f.overdue);
  for (const batch of [onlyHere ? f.limit * 4 : f.limit, f.limit * 64]) {
    const ids = (await sql<{ id: string }>`SELECT id FROM ${find(batch)}`.execute(ctx.tx)).rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await q.where('m.id', 'in', ids).orderBy('m.created_at', 'desc').limit(f.limit).execute();
    if (rows.length >= f.limit || ids.length < batch) return rows as MessageRow[];
  }
  const all = await q.innerJoin(find(null).as('s'), (j) => j.onRef('s.id', '=', 'm.id')).orderBy('s.created_at', 'desc').limit(f.limit).execute();
  return all as MessageRow[];
}

/** The badge counts exactly up to this many unread messages; beyond it says "more" (999+). */
export const UNREAD_CAP = 999;

/**
 * The inbox badge: how many messages addressed to the actor's agency, visible to them, they have not read. The same
 * rule as the inbox list with `unread`; row-level security applies, so TLP:RED messages count only for their readers.
 * Addressed to us = our agency in visible_agencies and not sent by us (migrations/0013): the index answers it, where a
 * probe of the receipts checked every message against the receipts' own row-level security, one at a time (7 s for
 * an agency holding 195,000).
 */
export async function unreadCount(ctx: Ctx, cap = UNREAD_CAP): Promise<{ unread: number; more: boolean }> {
  const { agencyId, userId } = ctx.actor;
  // Counted up to the cap and no further: past that the badge says "999+", and the count stops after reading about
  // CAP ÷ (unread share) rows instead of every message a large agency holds (7-10 s at 1 M, bench/messages-search).
  const row = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM messages m
      WHERE m.visible_agencies @> ARRAY[${agencyId}]::uuid[] AND m.sender_agency_id <> ${agencyId}
        AND NOT EXISTS (SELECT 1 FROM message_reads x WHERE x.message_id = m.id AND x.user_id = ${userId})
      LIMIT ${cap + 1}) AS unread`.execute(ctx.tx);
  const n = Number(row.rows[0]?.n ?? 0);
  return { unread: Math.min(n, cap), more: n > cap };
}

/** The actor's interface language (it picks the search configuration recorded with a message). */
export async function localeOf(ctx: Ctx): Promise<string> {
  return (await ctx.tx.selectFrom('users').select('locale').where('id', '=', ctx.actor.userId!).executeTakeFirst())?.locale ?? 'en';
}
