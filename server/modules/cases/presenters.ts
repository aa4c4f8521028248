import type { Selectable } from 'kysely';
import type { CaseStatus, CrimeArea, PAgencyRef, PCase, PCaseEvent, PCaseInvitation, PCaseMember, PCaseParticipant, PCaseSummary, PCaseTask, PPersonRef, ParticipantStatus, TaskStatus } from '../../../common';
import type { Actor } from '../../platform/db';
import type { CaseEventTable, CaseMemberTable, CaseParticipantTable, CaseTable } from '../../platform/db/schema';
import { casePolicy, taskPolicy, type CaseRecord } from './policies/case.policy';
import type { TaskRow } from './queries';
import { today } from './timeline';

const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());
const unknownAgency = (id: string): PAgencyRef => ({ id, code: '', name: '', country: '', type: '' });

/**
 * Names of people as this viewer may see them: colleagues of the viewer's own agency (row-level security returns no
 * other agency's staff), and the named members of the case, whose agencies shared their names by naming them.
 * Anyone else is shown by agency only.
 */
export class PeopleDirectory {
  constructor(
    private readonly ownStaff: Map<string, string>,
    private readonly members: Map<string, string>,
  ) {}
  person(userId: string | null, agencyId: string | null): PPersonRef | null {
    if (!agencyId) return null;
    const name = userId ? (this.members.get(userId) ?? this.ownStaff.get(userId) ?? null) : null;
    return { id: name ? userId : null, name, agencyId };
  }
}

export function presentCaseSummary(c: { id: string; title: string; crime_areas: string[]; status: string; restricted: boolean; agency_id: string; created_at: Date; last_activity: Date; open_tasks: number; overdue_tasks: number }, agencies: PAgencyRef[], refs: Map<string, PAgencyRef>): PCaseSummary {
  return {
    id: c.id,
    title: c.title,
    crimeAreas: c.crime_areas as CrimeArea[],
    status: c.status as CaseStatus,
    restricted: c.restricted,
    ownerAgency: refs.get(c.agency_id) ?? unknownAgency(c.agency_id),
    agencies,
    openTasks: Number(c.open_tasks),
    overdueTasks: Number(c.overdue_tasks),
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.last_activity)!,
  };
}

export function presentTask(actor: Actor, t: TaskRow, caseOpen: boolean, people: PeopleDirectory): PCaseTask {
  const ab = taskPolicy.abilities(actor, { caseOpen, assigneeId: t.assignee_id, createdBy: t.created_by, createdAgencyId: t.created_agency_id, status: t.status });
  return {
    id: t.id,
    title: t.title,
    assignee: people.person(t.assignee_id, t.assignee_agency_id)!,
    dueOn: t.due_on,
    status: t.status as TaskStatus,
    overdue: t.status === 'open' && t.due_on < today(),
    createdAt: iso(t.created_at)!,
    doneAt: iso(t.done_at),
    abilities: ab,
  };
}

export function presentMember(actor: Actor, m: Selectable<CaseMemberTable>, canName: boolean): PCaseMember {
  return { userId: m.user_id, agencyId: m.agency_id, displayName: m.display_name, namedAt: iso(m.named_at)!, abilities: { remove: canName && m.agency_id === actor.agencyId } };
}

export function presentParticipant(p: Selectable<CaseParticipantTable>, refs: Map<string, PAgencyRef>, deskNames: Map<string, string>): PCaseParticipant {
  return {
    agency: refs.get(p.agency_id) ?? unknownAgency(p.agency_id),
    role: p.role,
    status: p.status as ParticipantStatus,
    deskName: p.desk_id ? (deskNames.get(p.desk_id) ?? null) : null,
    invitedAt: iso(p.invited_at)!,
    respondedAt: iso(p.responded_at),
  };
}

export function presentEvent(e: Selectable<CaseEventTable>, people: PeopleDirectory, labels: Map<string, string>): PCaseEvent {
  return {
    id: e.id,
    at: iso(e.at)!,
    kind: e.kind,
    actor: people.person(e.actor_user_id, e.actor_agency_id),
    object: { type: e.object_type, id: e.object_id, label: labels.get(`${e.object_type}:${e.object_id}`) ?? null },
    details: e.details,
  };
}

export interface CaseParts {
  participants: Selectable<CaseParticipantTable>[];
  members: Selectable<CaseMemberTable>[];
  tasks: TaskRow[];
  events: Selectable<CaseEventTable>[];
  refs: Map<string, PAgencyRef>;
  deskNames: Map<string, string>;
  people: PeopleDirectory;
}

/** The only place a case becomes JSON: what this viewer may see, with what they may do. */
export function presentCase(actor: Actor, c: Selectable<CaseTable>, record: CaseRecord, parts: CaseParts): PCase {
  const ab = casePolicy.abilities(actor, record);
  const labels = new Map<string, string>();
  for (const t of parts.tasks) labels.set(`task:${t.id}`, t.title);
  for (const p of parts.participants) labels.set(`participant:${p.agency_id}`, parts.refs.get(p.agency_id)?.name ?? '');
  for (const m of parts.members) labels.set(`member:${m.user_id}`, m.display_name);
  labels.set(`case:${c.id}`, c.title);
  const open = c.status === 'open';
  const ownerFirst = [...parts.participants].sort((a, b) => (a.role === b.role ? +new Date(a.invited_at) - +new Date(b.invited_at) : a.role === 'owner' ? -1 : 1));
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    crimeAreas: c.crime_areas as CrimeArea[],
    status: c.status as CaseStatus,
    restricted: c.restricted,
    ownerAgency: parts.refs.get(c.agency_id) ?? unknownAgency(c.agency_id),
    desk: { id: c.desk_id, name: parts.deskNames.get(c.desk_id) ?? '' },
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
    participants: ownerFirst.map((p) => presentParticipant(p, parts.refs, parts.deskNames)),
    members: parts.members.filter((m) => m.removed_at === null).map((m) => presentMember(actor, m, ab.nameMembers)),
    tasks: parts.tasks.map((t) => presentTask(actor, t, open, parts.people)),
    timeline: parts.events.map((e) => presentEvent(e, parts.people, labels)),
    abilities: { update: ab.update, changeStatus: ab.changeStatus, invite: ab.invite, leave: ab.leave, nameMembers: ab.nameMembers, createTask: ab.createTask },
  };
}

export function presentInvitation(actor: Actor, p: Selectable<CaseParticipantTable>, refs: Map<string, PAgencyRef>): PCaseInvitation {
  const record: CaseRecord = { agencyId: p.invited_by_agency_id ?? '', status: 'open', restricted: p.invitation_restricted, participation: { role: p.role, status: p.status }, member: false };
  const can = casePolicy.can(actor, 'answer', record);
  return {
    caseId: p.case_id,
    title: p.invitation_title,
    crimeAreas: p.invitation_crime_areas as CrimeArea[],
    restricted: p.invitation_restricted,
    note: p.invitation_note,
    ownerAgency: refs.get(p.invited_by_agency_id ?? '') ?? unknownAgency(p.invited_by_agency_id ?? ''),
    invitedAt: iso(p.invited_at)!,
    abilities: { accept: can, decline: can },
  };
}
