import { sql } from 'kysely';
import { permissionsOf, type NoticeAction, type NoticeState } from '../../../../common';
import type { Ctx } from '../../../platform/db';
import { badRequest, conflict, notFound } from '../../../platform/http';
import { noticePolicy } from '../policies/notice.policy';
import { actorFacts, loadNotice, recordOf, type NoticeRow } from '../queries';
import { ntx } from '../schema';
import { recordNoticeEvent } from './history';

const NEEDS_REASON: readonly NoticeAction[] = ['refuse', 'suspend', 'withdraw', 'cancel'];
const LETTER: Record<string, string> = { red: 'R', blue: 'B', green: 'G', yellow: 'Y', black: 'K', orange: 'O', purple: 'P', silver: 'S', un: 'U' };

/** What a request must hold before it leaves the desk (INTERPOL's minimum data, and a warrant for Red). */
function checkComplete(r: NoticeRow): void {
  const problems: { path: string; message: string; rule: string }[] = [];
  const s = r.subject;
  if (s.type === 'person' && r.colour !== 'black' && !s.birthDates.length && !s.nationalities.length && !s.documents.length) {
    problems.push({ path: 'subject.birthDates', message: 'Give a birth date, a nationality or an identity document: a name alone identifies nobody.', rule: 'identifiers_required' });
  }
  if (r.colour === 'red') {
    if (!r.warrant_reference) problems.push({ path: 'warrantReference', message: 'A Red Notice needs the reference of the arrest warrant or judicial decision.', rule: 'warrant_required' });
    if (!r.requesting_authority) problems.push({ path: 'requestingAuthority', message: 'A Red Notice names the judicial authority that issued the warrant.', rule: 'authority_required' });
  }
  if (problems.length) throw badRequest(`This request is not complete: ${problems.map((p) => p.message).join(' ')}`, problems);
}

/** Whether the actor's role could ever take this step (whatever the notice's state). */
function roleTakes(action: NoticeAction, ctx: Ctx, gs: boolean): boolean {
  const p = permissionsOf(ctx.actor.roles);
  switch (action) {
    case 'submit':
      return p.has('case.work');
    case 'approve':
    case 'withdraw':
      return p.has('notice.approve');
    case 'publish':
    case 'suspend':
    case 'reinstate':
      return gs;
    case 'refuse':
    case 'cancel':
      return p.has('notice.approve') || gs;
  }
}

/** The reference a request gets when it leaves its NCB: colour letter (D for a diffusion), year, number. */
async function nextReference(ctx: Ctx, r: NoticeRow): Promise<string> {
  const n = Number((await sql<{ n: string }>`SELECT nextval('notice_reference_seq') AS n`.execute(ctx.tx)).rows[0]!.n);
  return `${LETTER[r.colour]}${r.kind === 'diffusion' ? 'D' : ''}-${new Date().getUTCFullYear()}/${String(n).padStart(5, '0')}`;
}

/**
 * Moves a notice or diffusion one step (submit → approve → publish, refuse, suspend, reinstate, withdraw, cancel),
 * records the step in its history and the audit, and says who must know. Returns whether the screening index must
 * follow (the notice entered or left the published state).
 */
export async function transitionNotice(ctx: Ctx, id: string, action: NoticeAction, reason: string | undefined): Promise<{ indexChanged: boolean; audience: string[] }> {
  const row = await loadNotice(ctx, id);
  const facts = await actorFacts(ctx);
  if (!noticePolicy.can(ctx.actor, action, recordOf(row, facts))) {
    // Another agency (other than the General Secretariat) acts on nothing here: as if the route did not exist. The
    // requesting NCB and the reviewers are told why the step is not open.
    if (row.agency_id !== ctx.actor.agencyId && !facts.isGsReviewer) throw notFound('notice');
    // Nor does a role that never takes this step (an officer approving, an administrator publishing).
    if (!roleTakes(action, ctx, facts.isGsReviewer)) throw notFound('route');
    throw conflict(`You cannot ${action} this ${row.kind} now (it is ${row.awaiting_approval ? 'waiting for approval' : row.state}), or that step is not yours to take.`);
  }
  const why = reason?.trim() || null;
  if (NEEDS_REASON.includes(action) && (!why || why.length < 3)) throw badRequest('Give the reason: it is recorded and shown to the requesting National Central Bureau.', [{ path: 'reason', message: 'A reason is required.', rule: 'reason_required' }]);

  const now = new Date();
  const from = row.state;
  let to: NoticeState = from;
  const set: Record<string, unknown> = { updated_at: now };
  let event: string = action;
  switch (action) {
    case 'submit':
      checkComplete(row);
      if (row.kind === 'diffusion') {
        const n = await ntx(ctx.tx).selectFrom('notice_addressees').select((eb) => eb.fn.countAll<string>().as('n')).where('notice_id', '=', id).executeTakeFirstOrThrow();
        if (Number(n.n) === 0) throw badRequest('Choose the agencies this diffusion goes to.', [{ path: 'addresseeAgencyIds', message: 'Choose at least one agency.', rule: 'addressees_required' }]);
      }
      to = 'draft';
      Object.assign(set, { state: 'draft', awaiting_approval: true, state_reason: null });
      event = 'submitted';
      break;
    case 'approve':
      checkComplete(row);
      to = row.kind === 'diffusion' ? 'published' : 'requested';
      Object.assign(set, { state: to, awaiting_approval: false, state_reason: null, reference: row.reference ?? (await nextReference(ctx, row)), requested_at: now });
      if (to === 'published') set.published_at = now;
      event = row.kind === 'diffusion' ? 'approved_published' : 'approved';
      break;
    case 'publish':
      if (row.state === 'requested') {
        to = 'published';
        Object.assign(set, { state: to, published_at: now, reviewed_at: now, state_reason: null });
        event = 'published';
      } else {
        to = row.state;
        Object.assign(set, { reviewed_at: now });
        event = 'reviewed';
      }
      break;
    case 'refuse':
      if (row.state === 'draft') {
        // The supervisor sends it back to the drafter.
        to = 'draft';
        Object.assign(set, { awaiting_approval: false, state_reason: why });
        event = 'returned';
      } else {
        to = 'refused';
        Object.assign(set, { state: to, state_reason: why });
        event = 'refused';
      }
      break;
    case 'suspend':
      to = 'suspended';
      Object.assign(set, { state: to, state_reason: why });
      break;
    case 'reinstate':
      to = 'published';
      Object.assign(set, { state: to, state_reason: why });
      event = 'reinstated';
      break;
    case 'withdraw':
      to = 'withdrawn';
      Object.assign(set, { state: to, state_reason: why });
      event = 'withdrawn';
      break;
    case 'cancel':
      to = 'cancelled';
      Object.assign(set, { state: to, state_reason: why });
      event = 'cancelled';
      break;
  }
  const t = ntx(ctx.tx);
  const updated = await t.updateTable('notices').set(set).where('id', '=', id).where('state', '=', from).where('awaiting_approval', '=', row.awaiting_approval).where((eb) => (row.reviewed_at === null ? eb('reviewed_at', 'is', null) : eb('reviewed_at', 'is not', null))).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('Someone changed this notice at the same moment: reload it and try again.');
  await recordNoticeEvent(ctx, id, event, from, to, why);
  ctx.audit({
    action: `notice.${event}`, objectType: 'notice', objectId: id,
    ...(row.agency_id !== ctx.actor.agencyId ? { subjectAgencyId: row.agency_id } : {}),
    details: { from, to, colour: row.colour, kind: row.kind, ...(why ? { reason: why } : {}) },
  });
  const gs = await t.selectFrom('agencies').select('id').where('type', '=', 'interpol-gs').execute();
  const audience = [...new Set([row.agency_id, ...gs.map((g) => g.id)])];
  return { indexChanged: (from === 'published') !== (to === 'published'), audience };
}
