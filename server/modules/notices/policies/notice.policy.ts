import { permissionsOf, type NoticeKind, type NoticeState } from '../../../../common';
import type { Actor } from '../../../platform/db';
import { allow, anyOf, definePolicy, has, ownAgency, type Predicate } from '../../../platform/policy';

/** A notice as the rules see it, with the two facts about the actor that the role alone does not give. */
export interface NoticeRecord {
  agencyId: string;
  deskId: string | null;
  kind: NoticeKind;
  state: NoticeState;
  awaitingApproval: boolean;
  reviewed: boolean;
  /** The actor is a reviewer of the INTERPOL General Secretariat (the role counts only in that agency). */
  actorIsGsReviewer: boolean;
  /** The actor's desks that are National Central Bureaus. */
  actorNcbDeskIds: readonly string[];
}

const inState = (...states: NoticeState[]): Predicate<NoticeRecord> => (_a, r) => states.includes(r.state);
const awaiting = (): Predicate<NoticeRecord> => (_a, r) => r.state === 'draft' && r.awaitingApproval;
const notAwaiting = (): Predicate<NoticeRecord> => (_a, r) => !r.awaitingApproval;
/** Drafting happens at the NCB desk that requests it: its officers, analysts and liaison officers. */
const atTheNcbDesk = (): Predicate<NoticeRecord> => (_a, r) => r.deskId !== null && r.actorNcbDeskIds.includes(r.deskId);
const gsReviewer = (): Predicate<NoticeRecord> => (a, r) => r.actorIsGsReviewer && has<NoticeRecord>('notice.review')(a, r);
const unreviewedDiffusion = (): Predicate<NoticeRecord> => (_a, r) => r.kind === 'diffusion' && r.state === 'published' && !r.reviewed;

/**
 * Notices and diffusions. Only the requesting NCB edits (while a draft, or to rework a refused request) and its
 * supervisor approves; the General Secretariat publishes, refuses, suspends and reinstates; the requesting NCB's
 * supervisor withdraws or cancels (the General Secretariat may cancel too).
 */
export const noticePolicy = definePolicy<NoticeRecord, 'edit' | 'changePhoto' | 'submit' | 'approve' | 'publish' | 'refuse' | 'suspend' | 'reinstate' | 'withdraw' | 'cancel'>({
  edit: allow(has('case.work'), ownAgency(), atTheNcbDesk(), inState('draft', 'refused'), notAwaiting()),
  // The subject's photo is part of the request: it changes exactly when the rest of it may.
  changePhoto: allow(has('case.work'), ownAgency(), atTheNcbDesk(), inState('draft', 'refused'), notAwaiting()),
  submit: allow(has('case.work'), ownAgency(), atTheNcbDesk(), inState('draft', 'refused'), notAwaiting()),
  approve: allow(has('notice.approve'), ownAgency(), awaiting()),
  publish: allow(gsReviewer(), anyOf(inState('requested'), unreviewedDiffusion())),
  refuse: anyOf(allow(has('notice.approve'), ownAgency(), awaiting()), allow(gsReviewer(), inState('requested'))),
  suspend: allow(gsReviewer(), inState('published')),
  reinstate: allow(gsReviewer(), inState('suspended')),
  withdraw: allow(has('notice.approve'), ownAgency(), inState('requested', 'published', 'suspended')),
  cancel: anyOf(allow(has('notice.approve'), ownAgency(), inState('published', 'suspended')), allow(gsReviewer(), inState('published', 'suspended'))),
});

/** Who may start a notice: case workers of an agency who sit at one of its NCB desks. */
export function mayDraftNotices(actor: Actor, actorNcbDeskIds: readonly string[]): boolean {
  return actor.agencyId !== null && permissionsOf(actor.roles).has('case.work') && actorNcbDeskIds.length > 0;
}

/**
 * Who reads notices at all: the staff who act on them (screening officers, case workers, the supervisors who approve
 * requests, the General Secretariat's reviewers) — not administrators, data-protection officers or the platform operator.
 */
export function mayReadNotices(actor: Actor): boolean {
  const p = permissionsOf(actor.roles);
  return actor.agencyId !== null && (p.has('screening.run') || p.has('case.work') || p.has('notice.approve') || p.has('notice.review'));
}
