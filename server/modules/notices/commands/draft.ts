import type { TCreateNoticeRequest, TNoticeSubject, TUpdateNoticeRequest } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, notFound } from '../../../platform/http';
import { noticePolicy, mayDraftNotices } from '../policies/notice.policy';
import { actorFacts, loadNotice, recordOf, type ActorFacts, type NoticeRow } from '../queries';
import { ntx } from '../schema';
import { recordNoticeEvent } from './history';

/** The name shown in the gallery (the first primary name) and every name lower-cased for its search box. */
export function namesOf(subject: TNoticeSubject): { display: string; text: string } {
  const primary = subject.names.find((n) => n.kind === 'primary') ?? subject.names[0]!;
  return { display: primary.full, text: subject.names.map((n) => n.full.toLowerCase()).join(' | ') };
}

async function checkAddressees(ctx: Ctx, kind: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (kind !== 'diffusion') {
    if (unique.length) throw badRequest('Only a diffusion is addressed to chosen agencies; a notice goes to every agency once published.', [{ path: 'addresseeAgencyIds', message: 'Only for a diffusion.', rule: 'addressees_diffusion_only' }]);
    return [];
  }
  if (unique.includes(ctx.actor.agencyId!)) throw badRequest('Your own agency sees its diffusion already: choose other agencies.', [{ path: 'addresseeAgencyIds', message: 'Your own agency.', rule: 'addressee_own_agency' }]);
  if (unique.length) {
    const found = await ntx(ctx.tx).selectFrom('agencies').select('id').where('id', 'in', unique).where('disabled_at', 'is', null).execute();
    if (found.length !== unique.length) throw badRequest('One of the addressees is not an active agency on the platform.', [{ path: 'addresseeAgencyIds', message: 'Unknown agency.', rule: 'addressee_unknown' }]);
  }
  return unique;
}

async function checkCase(ctx: Ctx, caseId: string | undefined): Promise<string | null> {
  if (!caseId) return null;
  const c = await ntx(ctx.tx).selectFrom('cases').select('agency_id').where('id', '=', caseId).executeTakeFirst();
  if (!c || c.agency_id !== ctx.actor.agencyId) throw badRequest('Link a case your agency owns.', [{ path: 'caseId', message: 'Not your agency’s case.', rule: 'case_not_own' }]);
  return caseId;
}

/** The UN Special Notice is requested by a UN sanctions committee through the General Secretariat, never by an NCB. */
function checkColour(colour: string, facts: ActorFacts, gs: boolean): void {
  if (colour === 'un' && !gs) throw badRequest('The INTERPOL–UN Security Council Special Notice is requested by a UN sanctions committee through the General Secretariat, not by a National Central Bureau.', [{ path: 'colour', message: 'General Secretariat only.', rule: 'un_gs_only' }]);
  if (colour !== 'un' && gs && facts.ncbDeskIds.length > 0) throw badRequest('The General Secretariat records Special Notices for the UN Security Council; other notices are requested by National Central Bureaus.', [{ path: 'colour', message: 'UN Special Notice only.', rule: 'gs_un_only' }]);
}

async function isGsAgency(ctx: Ctx): Promise<boolean> {
  const a = await ntx(ctx.tx).selectFrom('agencies').select('type').where('id', '=', ctx.actor.agencyId!).executeTakeFirst();
  return a?.type === 'interpol-gs';
}

/** A new draft of the actor's agency, at one of the actor's NCB desks (the General Secretariat: any of its desks). */
export async function createNotice(ctx: Ctx, body: TCreateNoticeRequest): Promise<string> {
  const facts = await actorFacts(ctx);
  if (!mayDraftNotices(ctx.actor, facts.ncbDeskIds)) throw notFound('route');
  const deskId = body.deskId ?? facts.ncbDeskIds[0]!;
  if (!facts.ncbDeskIds.includes(deskId)) throw badRequest('Request notices from your agency’s National Central Bureau desk.', [{ path: 'deskId', message: 'Not an NCB desk of yours.', rule: 'ncb_desk_required' }]);
  checkColour(body.colour, facts, await isGsAgency(ctx));
  const addressees = await checkAddressees(ctx, body.kind, body.addresseeAgencyIds);
  const caseId = await checkCase(ctx, body.caseId);
  const names = namesOf(body.subject);
  const t = ntx(ctx.tx);
  const { id } = await t.insertInto('notices').values({
    colour: body.colour, kind: body.kind, agency_id: ctx.actor.agencyId!, desk_id: deskId,
    subject_type: body.subject.type, subject: JSON.stringify(body.subject), display_name: names.display, names_text: names.text,
    offence: body.offence, warrant_reference: body.warrantReference ?? null, requesting_authority: body.requestingAuthority ?? null,
    legal_basis: body.legalBasis ?? null, valid_until: body.validUntil ?? null, handling_code: body.handlingCode, tlp: body.tlp,
    case_id: caseId, created_by: ctx.actor.userId!, reference: null, state_reason: null, requested_at: null, published_at: null, reviewed_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  if (addressees.length) await t.insertInto('notice_addressees').values(addressees.map((a) => ({ notice_id: id, agency_id: a, notice_agency_id: ctx.actor.agencyId! }))).execute();
  await recordNoticeEvent(ctx, id, 'drafted', null, 'draft', null);
  ctx.audit({ action: 'notice.drafted', objectType: 'notice', objectId: id, details: { colour: body.colour, kind: body.kind, addressees: addressees.length } });
  return id;
}

/**
 * The rule of PATCH /api/notices/:id (and of the subject's photo): only the requesting NCB desk, while a draft or a
 * refused request being reworked, never while it awaits approval. Another agency's notice is 404; its own, 400.
 */
export function assertMayChange(ctx: Ctx, row: NoticeRow, facts: ActorFacts, what: 'edit' | 'changePhoto'): void {
  if (noticePolicy.can(ctx.actor, what, recordOf(row, facts))) return;
  if (row.agency_id !== ctx.actor.agencyId) throw notFound('notice');
  throw badRequest(row.awaiting_approval ? 'This request waits for your supervisor’s approval: it cannot change now.' : 'Only a draft or a refused request is edited, by its National Central Bureau desk.');
}

/** Changes a draft (or a refused request being reworked): only the requesting NCB, never once it left the desk. */
export async function updateNotice(ctx: Ctx, id: string, body: TUpdateNoticeRequest): Promise<void> {
  const row = await loadNotice(ctx, id);
  const facts = await actorFacts(ctx);
  assertMayChange(ctx, row, facts, 'edit');
  const kind = body.kind ?? row.kind;
  const colour = body.colour ?? row.colour;
  checkColour(colour, facts, await isGsAgency(ctx));
  if (body.deskId !== undefined && !facts.ncbDeskIds.includes(body.deskId)) throw badRequest('Request notices from your agency’s National Central Bureau desk.', [{ path: 'deskId', message: 'Not an NCB desk of yours.', rule: 'ncb_desk_required' }]);
  const t = ntx(ctx.tx);
  const changes: Record<string, unknown> = { updated_at: new Date() };
  if (body.kind !== undefined) changes.kind = body.kind;
  if (body.colour !== undefined) changes.colour = body.colour;
  if (body.deskId !== undefined) changes.desk_id = body.deskId;
  if (body.subject) {
    const names = namesOf(body.subject);
    Object.assign(changes, { subject: JSON.stringify(body.subject), subject_type: body.subject.type, display_name: names.display, names_text: names.text });
  }
  if (body.offence !== undefined) changes.offence = body.offence;
  if (body.warrantReference !== undefined) changes.warrant_reference = body.warrantReference || null;
  if (body.requestingAuthority !== undefined) changes.requesting_authority = body.requestingAuthority || null;
  if (body.legalBasis !== undefined) changes.legal_basis = body.legalBasis || null;
  if (body.validUntil !== undefined) changes.valid_until = body.validUntil || null;
  if (body.handlingCode !== undefined) changes.handling_code = body.handlingCode;
  if (body.tlp !== undefined) changes.tlp = body.tlp;
  if (body.caseId !== undefined) changes.case_id = await checkCase(ctx, body.caseId);
  if (body.addresseeAgencyIds !== undefined || body.kind !== undefined) {
    const current = body.addresseeAgencyIds ?? (await t.selectFrom('notice_addressees').select('agency_id').where('notice_id', '=', id).execute()).map((a) => a.agency_id);
    const addressees = await checkAddressees(ctx, kind, kind === 'diffusion' ? current : body.addresseeAgencyIds ?? []);
    await t.deleteFrom('notice_addressees').where('notice_id', '=', id).execute();
    if (addressees.length) await t.insertInto('notice_addressees').values(addressees.map((a) => ({ notice_id: id, agency_id: a, notice_agency_id: ctx.actor.agencyId! }))).execute();
  }
  await t.updateTable('notices').set(changes).where('id', '=', id).execute();
  ctx.audit({ action: 'notice.edited', objectType: 'notice', objectId: id, details: { fields: Object.keys(body) } });
}
