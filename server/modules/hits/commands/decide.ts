import { sql } from 'kysely';
import type { TDecideHitRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { conflict, notFound } from '../../../platform/http';
import { openCase } from '../../cases/commands/open';
import { sendMessage } from '../../messages/commands/send';
import { ntx } from '../../notices';
import { hitPolicy } from '../policies/hit.policy';
import { loadHit, type HitRow } from '../queries';

const COLOUR_NAME: Record<string, string> = { red: 'Red Notice', blue: 'Blue Notice', green: 'Green Notice', yellow: 'Yellow Notice', black: 'Black Notice', orange: 'Orange Notice', purple: 'Purple Notice', silver: 'Silver Notice', un: 'INTERPOL–UN Security Council Special Notice' };

/**
 * The screening officer confirms or discards a hit with a reason. A confirmed hit on a notice or diffusion tells the
 * requesting NCB through a secure message inside a case of the screening agency (opened for the notice's hits, reused
 * for later ones), under the partnership between the two agencies. Without an active partnership the hit is still
 * confirmed and the NCB sees it among its hits; the officer is told why no message went.
 */
export async function decideHit(ctx: Ctx, id: string, body: TDecideHitRequest, locale: string | null = null): Promise<void> {
  const hit = await loadHit(ctx, id);
  if (hit.agency_id !== ctx.actor.agencyId) throw notFound('hit');
  if (!hitPolicy.can(ctx.actor, 'decide', { agencyId: hit.agency_id, userId: hit.user_id, state: hit.state })) {
    if (hit.user_id !== ctx.actor.userId) throw notFound('hit');
    throw conflict(`This hit was already ${hit.state}.`);
  }
  const t = ntx(ctx.tx);
  const state = body.decision === 'confirm' ? 'confirmed' : 'discarded';
  await t.updateTable('hits').set({ state, decided_by: ctx.actor.userId, decided_at: new Date(), reason: body.reason, location: body.location ?? null, encountered_at: body.encounteredAt ?? null }).where('id', '=', id).where('state', '=', 'open').execute();
  ctx.audit({
    action: `hit.${state}`, objectType: 'hit', objectId: id,
    ...(state === 'confirmed' && hit.owner_agency_id ? { subjectAgencyId: hit.owner_agency_id } : {}),
    purpose: body.purpose ?? hit.purpose, details: { source: hit.source, noticeId: hit.notice_id, watchlistId: hit.watchlist_id, score: hit.score },
  });
  if (state === 'confirmed' && hit.source === 'notice' && hit.owner_agency_id) await notifyRequestingNcb(ctx, { ...hit, state, location: body.location ?? null, encountered_at: body.encounteredAt ?? null, reason: body.reason }, locale);
  if (state === 'confirmed' && hit.owner_agency_id) ctx.emit({ topic: 'hit', id, audience: { agencyIds: [hit.owner_agency_id] } });
}

async function notifyRequestingNcb(ctx: Ctx, hit: HitRow, locale: string | null): Promise<void> {
  const t = ntx(ctx.tx);
  const notice = await t.selectFrom('notices as n').innerJoin('agencies as a', 'a.id', 'n.agency_id')
    .select(['n.id', 'n.reference', 'n.colour', 'n.kind', 'n.state', 'n.desk_id', 'n.display_name', 'a.name as agency_name']).where('n.id', '=', hit.notice_id!).executeTakeFirst();
  if (!notice) return;
  const active = (await sql<{ ok: boolean }>`SELECT tansiq_partnership_active(${ctx.actor.agencyId}::uuid, ${hit.owner_agency_id}::uuid) AS ok`.execute(ctx.tx)).rows[0]?.ok;
  if (!active) {
    await t.updateTable('hits').set({ notify_problem: `No active partnership with ${notice.agency_name}: the hit is confirmed and they see it among the hits on their notices, but no message could be sent. Ask your agency administrator to propose a partnership.` }).where('id', '=', hit.id).execute();
    return;
  }
  const me = await t.selectFrom('agencies').select('name').where('id', '=', ctx.actor.agencyId!).executeTakeFirstOrThrow();
  const label = `${COLOUR_NAME[notice.colour] ?? 'Notice'}${notice.kind === 'diffusion' ? ' (diffusion)' : ''} ${notice.reference ?? ''}`.trim();
  // One case per notice in the screening agency: later hits on the same notice go to the same conversation.
  const earlier = await t.selectFrom('hits').select('case_id').where('notice_id', '=', notice.id).where('agency_id', '=', ctx.actor.agencyId!).where('case_id', 'is not', null).executeTakeFirst();
  const caseId = earlier?.case_id ?? (await openCase(ctx, {
    title: `Hit on ${label}: ${notice.display_name}`.slice(0, 200),
    summary: `Screening hits on ${label}, requested by ${notice.agency_name}.`,
    crimeAreas: ['other'], restricted: false, memberIds: [],
  }));
  await t.updateTable('hits').set({ case_id: caseId }).where('id', '=', hit.id).execute();
  const joined = (await sql<{ ok: boolean }>`SELECT tansiq_hit_join_case(${hit.id}::uuid) AS ok`.execute(ctx.tx)).rows[0]?.ok;
  if (!joined) {
    await t.updateTable('hits').set({ notify_problem: `${notice.agency_name} could not be added to the case: no message was sent.` }).where('id', '=', hit.id).execute();
    return;
  }
  const q = hit.query as Record<string, unknown>;
  const lines = [
    `**${me.name}** confirmed a hit on ${label} (${notice.display_name}).`,
    '',
    `- Person checked: ${String(q.name ?? '')}${q.birth_date ?? q.birthDate ? `, born ${String(q.birth_date ?? q.birthDate)}` : ''}${q.nationality ? `, ${String(q.nationality)}` : ''}`,
    ...(q.document_number ?? q.document ? [`- Document: ${String(q.document_number ?? q.document)}${q.document_country ?? q.documentCountry ? ` (${String(q.document_country ?? q.documentCountry)})` : ''}`] : []),
    `- Where: ${hit.location ?? 'not stated'}`,
    `- When: ${hit.encountered_at ?? new Date().toISOString()}`,
    `- How: ${hit.origin === 'batch' ? 'a screened list' : hit.origin === 'document-check' ? 'a travel document check' : hit.origin === 'accreditation' ? 'accreditation screening' : 'a name check'}, score ${hit.score.toFixed(2)}`,
    `- Status of the notice now: ${notice.state}`,
    `- Officer's reason: ${hit.reason ?? ''}`,
  ];
  const sent = await sendMessage(ctx, caseId, {
    subject: `Hit confirmed: ${label}`.slice(0, 300), body: lines.join('\n'), bodyFormat: 'markdown',
    recipients: [{ agencyId: hit.owner_agency_id!, ...(notice.desk_id ? { deskId: notice.desk_id } : {}) }],
    purpose: hit.purpose ?? undefined, handlingCode: 'H0', tlp: 'AMBER', sourceReliability: 'A', infoAccuracy: 2,
    priority: notice.colour === 'red' && notice.state === 'published' ? 'urgent' : 'normal', isRequest: false,
  }, locale);
  await t.updateTable('hits').set({ message_id: sent.id }).where('id', '=', hit.id).execute();
}
