import type { Selectable } from 'kysely';
import type { AccreditationDecision, CommitteeRole, IncidentCategory, IncidentSeverity, IncidentStatus, PAccreditation, PAgencyBrief, PCommitteeMember, PEvent, PEventSummary, PIncident, PIncidentUpdate, PLinkedCase, PVenue } from '../../../common';
import type { Actor } from '../../platform/db';
import { eventPolicy, incidentPolicy, type EventRecord } from './policies/event.policy';
import type { EventRow } from './queries';
import { purgeDay } from './queries';
import type { EventAccreditationTable, EventIncidentTable, EventIncidentUpdateTable, EventVenueTable } from './schema';

const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());
const unknownAgency = (id: string): PAgencyBrief => ({ id, code: '', name: '', country: '' });
const ref = (refs: Map<string, PAgencyBrief>, id: string) => refs.get(id) ?? unknownAgency(id);

export function presentVenue(v: Selectable<EventVenueTable>): PVenue {
  return { id: v.id, name: v.name, city: v.city, country: v.country, lat: Number(v.lat), lon: Number(v.lon), capacity: v.capacity === null ? null : Number(v.capacity) };
}

export function presentEventSummary(e: EventRow, myRole: CommitteeRole, refs: Map<string, PAgencyBrief>, venues: number, openIncidents: number): PEventSummary {
  return { id: e.id, name: e.name, startsOn: e.starts_on, endsOn: e.ends_on, hostCountries: e.host_countries, cities: e.cities, organiser: ref(refs, e.organiser_agency_id), myRole, venues, openIncidents };
}

export interface EventParts {
  venues: Selectable<EventVenueTable>[];
  committee: { agency_id: string; role: CommitteeRole; added_at: Date }[];
  cases: { case_id: string; title: string | null; linked_agency_id: string; linked_at: Date }[];
  refs: Map<string, PAgencyBrief>;
}

/** The only place an event becomes JSON: what a committee agency's staff see, with what they may do. */
export function presentEvent(actor: Actor, e: EventRow, record: EventRecord, parts: EventParts): PEvent {
  const ab = eventPolicy.abilities(actor, record);
  const committee: PCommitteeMember[] = parts.committee
    .sort((a, b) => (a.role === b.role ? +a.added_at - +b.added_at : a.role === 'chair' ? -1 : b.role === 'chair' ? 1 : a.role === 'member' ? -1 : 1))
    .map((c) => ({ agency: ref(parts.refs, c.agency_id), role: c.role, addedAt: iso(c.added_at)!, abilities: { change: ab.manageCommittee && c.role !== 'chair', remove: ab.manageCommittee && c.role !== 'chair' } }));
  const cases: PLinkedCase[] = parts.cases.map((c) => ({ caseId: c.case_id, title: c.title, linkedBy: ref(parts.refs, c.linked_agency_id), linkedAt: iso(c.linked_at)! }));
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    hostCountries: e.host_countries,
    cities: e.cities,
    organiser: ref(parts.refs, e.organiser_agency_id),
    myRole: record.myRole!,
    retentionDays: e.retention_days,
    purgeOn: purgeDay(e.ends_on, e.retention_days),
    accreditationPurgedAt: iso(e.accreditation_purged_at),
    venues: parts.venues.map(presentVenue),
    committee,
    cases,
    abilities: ab,
  };
}

export function presentIncidentUpdate(u: Selectable<EventIncidentUpdateTable>, refs: Map<string, PAgencyBrief>): PIncidentUpdate {
  return { id: u.id, at: iso(u.at)!, agency: ref(refs, u.author_agency_id), body: u.body, statusFrom: u.status_from as IncidentStatus | null, statusTo: u.status_to as IncidentStatus | null };
}

/** An incident; other agencies' staff are shown by agency only (names stay inside each agency). */
export function presentIncident(actor: Actor, i: Selectable<EventIncidentTable>, record: EventRecord, venues: Map<string, Selectable<EventVenueTable>>, refs: Map<string, PAgencyBrief>, cases: Map<string, string>, updates?: Selectable<EventIncidentUpdateTable>[]): PIncident {
  const v = i.venue_id ? venues.get(i.venue_id) : undefined;
  return {
    id: i.id,
    eventId: i.event_id,
    title: i.title,
    description: i.description,
    category: i.category as IncidentCategory,
    severity: i.severity as IncidentSeverity,
    status: i.status as IncidentStatus,
    occurredAt: iso(i.occurred_at)!,
    venue: v ? { id: v.id, name: v.name, lat: Number(v.lat), lon: Number(v.lon) } : null,
    assignedAgency: i.assigned_agency_id ? ref(refs, i.assigned_agency_id) : null,
    caseId: i.case_id,
    case: i.case_id ? { id: i.case_id, title: cases.get(i.case_id) ?? null } : null,
    reportedBy: ref(refs, i.reported_agency_id),
    createdAt: iso(i.created_at)!,
    updatedAt: iso(i.updated_at)!,
    ...(updates ? { updates: updates.map((u) => presentIncidentUpdate(u, refs)) } : {}),
    abilities: { update: incidentPolicy.can(actor, 'update', record) },
  };
}

export function presentAccreditation(a: Selectable<EventAccreditationTable>, canDecide: boolean, refs: Map<string, PAgencyBrief>, hits: PAccreditation['hits']): PAccreditation {
  return {
    id: a.id,
    rowNo: a.row_no,
    name: a.name,
    birthDate: a.birth_date,
    nationality: a.nationality,
    documentNumber: a.document_number,
    documentCountry: a.document_country,
    category: a.category,
    organisation: a.organisation,
    topScore: Number(a.top_score),
    candidates: a.candidates,
    documentHits: a.document_hits as PAccreditation['documentHits'],
    proposal: a.proposal,
    decision: a.decision as AccreditationDecision | null,
    decisionReason: a.decision_reason,
    decidedBy: a.decided_agency_id ? ref(refs, a.decided_agency_id) : null,
    decidedAt: iso(a.decided_at),
    hits,
    abilities: { decide: canDecide },
  };
}
