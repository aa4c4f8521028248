import type { PNotice, PNoticeEvent, PNoticeSummary } from '../../../common';
import type { Actor } from '../../platform/db';
import { noticePolicy } from './policies/notice.policy';
import { recordOf, type ActorFacts, type NoticeRow } from './queries';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const day = (d: Date | string | null): string | null => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** A notice in the gallery: who it is about, why, its colour and state. */
export function presentNoticeSummary(r: NoticeRow): PNoticeSummary {
  return {
    id: r.id,
    reference: r.reference,
    colour: r.colour,
    kind: r.kind,
    state: r.state,
    subjectType: r.subject_type,
    name: r.display_name,
    birthDates: r.subject.birthDates ?? [],
    nationalities: r.subject.nationalities ?? [],
    offence: r.offence,
    requestingAgency: { id: r.agency_id, name: r.agency_name, country: r.agency_country },
    requestingDesk: r.desk_id && r.desk_name ? { id: r.desk_id, name: r.desk_name } : null,
    publishedAt: iso(r.published_at),
    validUntil: day(r.valid_until),
    updatedAt: iso(r.updated_at)!,
    photo: r.photo_id && r.photo_type ? { id: r.photo_id, contentType: r.photo_type, size: Number(r.photo_size) } : null,
  };
}

/** A notice in full, with its history and what the viewer may do with it. */
export function presentNotice(actor: Actor, facts: ActorFacts, r: NoticeRow, extra: { history: PNoticeEvent[]; addressees: { id: string; name: string }[]; hitCount: number | null }): PNotice {
  return {
    ...presentNoticeSummary(r),
    subject: r.subject,
    warrantReference: r.warrant_reference,
    requestingAuthority: r.requesting_authority,
    legalBasis: r.legal_basis,
    handlingCode: r.handling_code,
    tlp: r.tlp,
    addressees: extra.addressees,
    // The case is the requesting NCB's own: other agencies get no handle on it.
    caseId: r.agency_id === actor.agencyId ? r.case_id : null,
    stateReason: r.state_reason,
    createdAt: iso(r.created_at)!,
    history: extra.history,
    hitCount: extra.hitCount,
    abilities: noticePolicy.abilities(actor, recordOf(r, facts)),
  };
}
