import { z } from 'zod';

// ---------------------------------------------------------------- partnerships

/**
 * Legal frameworks under which two agencies exchange. `eu-2023-977`: Directive (EU) 2023/977, only between agencies
 * of EU member states (and the Schengen-associated states it also binds); `interpol`: the INTERPOL channel, between a
 * National Central Bureau and the INTERPOL General Secretariat; `bilateral`: a bilateral agreement; `other`: another
 * instrument (a domestic cooperation arrangement, a multilateral convention…), named in `instrument`.
 */
export const PARTNERSHIP_FRAMEWORKS = ['eu-2023-977', 'bilateral', 'interpol', 'other'] as const;
export type PartnershipFramework = (typeof PARTNERSHIP_FRAMEWORKS)[number];

export const PARTNERSHIP_STATUSES = ['proposed', 'active', 'declined', 'suspended', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** EU member states, plus the Schengen-associated states that Directive 2023/977 also binds (IS, LI, NO, CH). */
export const EU_2023_977_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO', 'CH',
];

/**
 * The directive's own answer deadlines (art. 5): 8 hours for urgent requests on information the requested side holds
 * directly, 3 days for urgent requests on information it must obtain, 7 days otherwise.
 */
export const EU_2023_977_DEADLINES = { urgentDirectHours: 8, urgentIndirectHours: 72, normalHours: 168 } as const;

export const ZProposePartnershipRequest = z
  .object({
    partnerAgencyId: z.uuid('Not a valid identifier.'),
    framework: z.enum(PARTNERSHIP_FRAMEWORKS),
    instrument: z.string().trim().max(300).default(''),
    /** Hours to answer an urgent / a normal request; set by the partnership except under Directive 2023/977. */
    urgentHours: z.number().int().min(1).max(8760).nullish(),
    normalHours: z.number().int().min(1).max(8760).nullish(),
    transferConditions: z.string().trim().max(4000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.framework === 'eu-2023-977') return;
    if (v.urgentHours == null) ctx.addIssue({ code: 'custom', path: ['urgentHours'], message: 'Set the hours to answer an urgent request.' });
    if (v.normalHours == null) ctx.addIssue({ code: 'custom', path: ['normalHours'], message: 'Set the hours to answer a normal request.' });
    if (v.urgentHours != null && v.normalHours != null && v.urgentHours > v.normalHours) {
      ctx.addIssue({ code: 'custom', path: ['urgentHours'], message: 'An urgent request cannot have more time than a normal one.' });
    }
  });
export type TProposePartnershipRequest = z.infer<typeof ZProposePartnershipRequest>;

/** Accept, decline, suspend, resume or end: an optional reason, kept with the partnership and in the audit. */
export const ZPartnershipDecisionRequest = z.object({ reason: z.string().trim().max(1000).optional() });
export type TPartnershipDecisionRequest = z.infer<typeof ZPartnershipDecisionRequest>;

export const ZPartnershipQuery = z.object({ status: z.enum(PARTNERSHIP_STATUSES).optional() });

export interface PAgencyRef {
  id: string;
  code: string;
  name: string;
  country: string;
  type: string;
}

export interface PPartnership {
  id: string;
  framework: PartnershipFramework;
  instrument: string;
  status: PartnershipStatus;
  statusReason: string | null;
  /** The other agency, seen from the viewer's side. */
  partner: PAgencyRef;
  /** True when the viewer's agency proposed it. */
  proposedByUs: boolean;
  /** Hours; under Directive 2023/977 the directive's three deadlines. */
  deadlines: { urgentHours: number; normalHours: number; urgentDirectHours?: number; urgentIndirectHours?: number };
  transferConditions: string;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  endedAt: string | null;
  abilities: { accept: boolean; decline: boolean; suspend: boolean; resume: boolean; end: boolean };
}

// ---------------------------------------------------------------- cases

export const CRIME_AREAS = [
  'terrorism',
  'cybercrime',
  'trafficking-in-human-beings',
  'migrant-smuggling',
  'drug-trafficking',
  'organised-crime',
  'money-laundering',
  'corruption',
  'firearms-trafficking',
  'other',
] as const;
export type CrimeArea = (typeof CRIME_AREAS)[number];

export const CASE_STATUSES = ['open', 'closed', 'archived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PARTICIPANT_STATUSES = ['invited', 'active', 'declined', 'left'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Timeline entry kinds written by the cases module (later modules add theirs, e.g. messages). */
export const CASE_EVENT_KINDS = [
  'case.opened',
  'case.updated',
  'case.status_changed',
  'participant.invited',
  'participant.accepted',
  'participant.declined',
  'participant.left',
  'member.named',
  'member.removed',
  'task.created',
  'task.updated',
  'task.done',
  'task.reopened',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

const ZId = z.uuid('Not a valid identifier.');
const ZDay = z.iso.date('A date as YYYY-MM-DD.');

export const ZCreateCaseRequest = z.object({
  title: z.string().trim().min(3).max(200),
  summary: z.string().trim().max(20000).default(''),
  crimeAreas: z.array(z.enum(CRIME_AREAS)).min(1).max(10),
  /** The owning desk; one of the opener's agency's desks (default: the opener's first desk). */
  deskId: ZId.optional(),
  /** A joint team: only named members see the case. The opener is always named. */
  restricted: z.boolean().default(false),
  /** Colleagues of the opener's agency to name as members now. */
  memberIds: z.array(ZId).max(100).default([]),
});
export type TCreateCaseRequest = z.infer<typeof ZCreateCaseRequest>;

export const ZUpdateCaseRequest = z.object({
  title: z.string().trim().min(3).max(200).optional(),
  summary: z.string().trim().max(20000).optional(),
  crimeAreas: z.array(z.enum(CRIME_AREAS)).min(1).max(10).optional(),
  status: z.enum(CASE_STATUSES).optional(),
});
export type TUpdateCaseRequest = z.infer<typeof ZUpdateCaseRequest>;

export const ZCaseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  crimeArea: z.enum(CRIME_AREAS).optional(),
  /** Cases of my desks, where I am a named member, or where I have an open task. */
  mine: z.enum(['true', 'false']).optional(),
  /** Cases with at least one overdue open task. */
  overdue: z.enum(['true', 'false']).optional(),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

export const ZInviteRequest = z.object({
  agencyId: ZId,
  note: z.string().trim().max(2000).default(''),
});
export type TInviteRequest = z.infer<typeof ZInviteRequest>;

export const ZAcceptInvitationRequest = z.object({
  /** The desk that will handle the case in the accepting agency (default: the accepting user's first desk). */
  deskId: ZId.optional(),
  /** Colleagues to name as members; required (at least one) for a restricted case. */
  memberIds: z.array(ZId).max(100).default([]),
});
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequest>;

export const ZNameMembersRequest = z.object({ userIds: z.array(ZId).min(1).max(100) });
export type TNameMembersRequest = z.infer<typeof ZNameMembersRequest>;

export const ZCreateTaskRequest = z.object({
  title: z.string().trim().min(2).max(300),
  assigneeId: ZId,
  dueOn: ZDay,
});
export type TCreateTaskRequest = z.infer<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z.object({
  title: z.string().trim().min(2).max(300).optional(),
  assigneeId: ZId.optional(),
  dueOn: ZDay.optional(),
  status: z.enum(TASK_STATUSES).optional(),
});
export type TUpdateTaskRequest = z.infer<typeof ZUpdateTaskRequest>;

/** A person as another agency may see them: the name only when shared (own agency, or a named member). */
export interface PPersonRef {
  id: string | null;
  name: string | null;
  agencyId: string;
}

export interface PCaseSummary {
  id: string;
  title: string;
  crimeAreas: CrimeArea[];
  status: CaseStatus;
  restricted: boolean;
  ownerAgency: PAgencyRef;
  /** The agencies taking part (owner first), active ones only. */
  agencies: PAgencyRef[];
  openTasks: number;
  overdueTasks: number;
  createdAt: string;
  updatedAt: string;
}

export interface PCaseParticipant {
  agency: PAgencyRef;
  role: 'owner' | 'participant';
  status: ParticipantStatus;
  deskName: string | null;
  invitedAt: string;
  respondedAt: string | null;
}

export interface PCaseMember {
  userId: string;
  agencyId: string;
  displayName: string;
  namedAt: string;
  abilities: { remove: boolean };
}

export interface PCaseTask {
  id: string;
  title: string;
  assignee: PPersonRef;
  dueOn: string;
  status: TaskStatus;
  overdue: boolean;
  createdAt: string;
  doneAt: string | null;
  abilities: { update: boolean; complete: boolean; reopen: boolean };
}

export interface PCaseEvent {
  id: string;
  at: string;
  kind: string;
  actor: PPersonRef | null;
  /** What the entry points at: the case, a participant agency, a member, a task (and later a message). */
  object: { type: string; id: string; label: string | null };
  details: Record<string, unknown>;
}

export interface PCase {
  id: string;
  title: string;
  summary: string;
  crimeAreas: CrimeArea[];
  status: CaseStatus;
  restricted: boolean;
  ownerAgency: PAgencyRef;
  desk: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  participants: PCaseParticipant[];
  members: PCaseMember[];
  tasks: PCaseTask[];
  timeline: PCaseEvent[];
  abilities: {
    update: boolean;
    changeStatus: boolean;
    invite: boolean;
    leave: boolean;
    nameMembers: boolean;
    createTask: boolean;
  };
}

/** An invitation as the invited agency sees it before accepting: no summary, no tasks, no timeline. */
export interface PCaseInvitation {
  caseId: string;
  title: string;
  crimeAreas: CrimeArea[];
  restricted: boolean;
  note: string;
  ownerAgency: PAgencyRef;
  invitedAt: string;
  abilities: { accept: boolean; decline: boolean };
}

/** A colleague who may be named in a case or given a task. */
export interface PCaseColleague {
  id: string;
  displayName: string;
  agencyId: string;
  /** Named member of the case (for a case-scoped list). */
  member: boolean;
}

export interface PMyTask {
  id: string;
  title: string;
  dueOn: string;
  status: TaskStatus;
  overdue: boolean;
  caseId: string;
  caseTitle: string;
}
