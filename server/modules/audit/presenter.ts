import type { PAuditEvent } from '../../../common';
import type { Actor } from '../../platform/db';

export interface AuditRow {
  seq: string;
  at: Date;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  actor_label: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  purpose: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  actor_name: string | null;
}

/**
 * An event as the viewer's agency may see it: for an actor from another agency (a foreign read of our data),
 * the person and their address are stripped — partners are seen per agency, never per person.
 */
export function presentAuditEvent(viewer: Actor, e: AuditRow): PAuditEvent {
  const foreign = e.actor_agency_id !== null && e.actor_agency_id !== viewer.agencyId;
  return {
    seq: Number(e.seq),
    at: e.at.toISOString(),
    actorUserId: foreign ? null : e.actor_user_id,
    actorName: foreign ? null : (e.actor_name ?? e.actor_label),
    actorAgencyId: e.actor_agency_id,
    action: e.action,
    objectType: e.object_type,
    objectId: e.object_id,
    purpose: e.purpose,
    ip: foreign ? null : e.ip,
    details: foreign ? {} : e.details,
  };
}
