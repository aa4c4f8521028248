-- Major-event security (issue 6): events with venues, a security committee of agencies, linked cases, an incident
-- log with an updates thread, and accreditation screening whose personal data is purpose-bound.
--
-- Who sees what (the second wall behind server/modules/events/policies):
-- * an event and everything under it (venues, committee, linked cases, incidents, updates, accreditation statistics):
--   staff of an agency on its security committee (chair, member or observer), nobody else — not other agencies, not
--   the platform administrator. tansiq_event_ids() is the set of events the caller may see.
-- * the people on accreditation lists (personal data): operational staff and the DPO of a chair or member agency,
--   never an observer; they are deleted, leaving statistics only, a set number of days after the event (a job run
--   by the owner, so no DELETE is granted to the application).
-- * who may write is narrower and follows server/modules/events/policies/event.policy.ts: a supervisor creates an
--   event for their agency (which chairs it); the chair's supervisor edits it, its venues and its committee; operational
--   staff (officer, analyst, liaison, supervisor) of chair and member agencies log incidents, post updates, link cases
--   and upload accreditation lists; supervisors of chair and member agencies decide on accreditations.

CREATE TABLE events (
  id uuid PRIMARY KEY,                 -- chosen by the application: under RLS a new event is not visible until its chair row exists
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  host_countries text[] NOT NULL CHECK (cardinality(host_countries) BETWEEN 1 AND 10),
  cities text[] NOT NULL DEFAULT '{}' CHECK (cardinality(cities) <= 50),
  organiser_agency_id uuid NOT NULL REFERENCES agencies(id),
  -- Days after the event's end when accreditation data is reduced to statistics.
  retention_days integer NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 0 AND 365),
  accreditation_purged_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);

CREATE TABLE event_venues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events(id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  city text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 0 AND 1000000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_venues_event ON event_venues (event_id);

CREATE TABLE event_committee (
  event_id uuid NOT NULL REFERENCES events(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  role text NOT NULL CHECK (role IN ('chair', 'member', 'observer')),
  added_by uuid REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, agency_id)
);
CREATE UNIQUE INDEX event_committee_one_chair ON event_committee (event_id) WHERE role = 'chair';
CREATE INDEX event_committee_agency ON event_committee (agency_id);

CREATE TABLE event_cases (
  event_id uuid NOT NULL REFERENCES events(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  linked_by uuid REFERENCES users(id),
  linked_agency_id uuid NOT NULL REFERENCES agencies(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, case_id)
);

CREATE TABLE event_incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events(id),
  venue_id uuid REFERENCES event_venues(id),
  occurred_at timestamptz NOT NULL,
  category text NOT NULL CHECK (category IN ('crowd-safety', 'terrorist-threat', 'cyber-attack', 'human-trafficking', 'hooliganism', 'drugs', 'other')),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 8000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'resolved', 'closed')),
  assigned_agency_id uuid REFERENCES agencies(id),
  case_id uuid REFERENCES cases(id),
  reported_by uuid REFERENCES users(id),
  reported_agency_id uuid NOT NULL REFERENCES agencies(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_incidents_event ON event_incidents (event_id, occurred_at DESC);

-- The updates thread: append-only.
CREATE TABLE event_incident_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES event_incidents(id),
  event_id uuid NOT NULL REFERENCES events(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  author_user_id uuid REFERENCES users(id),
  author_agency_id uuid NOT NULL REFERENCES agencies(id),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 8000),
  status_from text,
  status_to text
);
CREATE INDEX event_incident_updates_incident ON event_incident_updates (incident_id, at);

-- An uploaded accreditation list; the screening runs as a job of the uploading user.
CREATE TABLE event_accreditation_lists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  job_id uuid REFERENCES jobs(id) ON DELETE SET NULL,
  file_name text CHECK (length(file_name) <= 300),
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_accreditation_lists_event ON event_accreditation_lists (event_id);

-- One person to accredit (DESIGN.md "One schema for lists of people", plus category and organisation).
CREATE TABLE event_accreditations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  list_id uuid NOT NULL REFERENCES event_accreditation_lists(id),
  event_id uuid NOT NULL REFERENCES events(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),      -- the uploading agency
  row_no integer NOT NULL,
  name text NOT NULL,
  birth_date text,
  nationality text,
  document_number text,
  document_country text,
  category text NOT NULL DEFAULT 'other',
  organisation text,
  top_score real NOT NULL DEFAULT 0,
  candidates jsonb NOT NULL DEFAULT '[]',
  document_hits jsonb NOT NULL DEFAULT '[]',     -- live records of the stolen and lost documents registry
  proposal text NOT NULL CHECK (proposal IN ('approve', 'refer')),
  decision text CHECK (decision IN ('approve', 'refer', 'deny')),
  decision_reason text CHECK (length(decision_reason) <= 2000),
  decided_by uuid REFERENCES users(id),
  decided_agency_id uuid REFERENCES agencies(id),
  decided_at timestamptz,
  UNIQUE (list_id, row_no),
  CHECK (decision IS NULL OR decision = 'approve' OR coalesce(length(decision_reason), 0) > 0)
);
CREATE INDEX event_accreditations_event ON event_accreditations (event_id, proposal DESC, top_score DESC);

-- What remains after the purpose ends: counts by category, proposal and decision ('pending' when undecided).
CREATE TABLE event_accreditation_stats (
  event_id uuid NOT NULL REFERENCES events(id),
  category text NOT NULL,
  proposal text NOT NULL,
  decision text NOT NULL,
  people integer NOT NULL CHECK (people >= 0),
  PRIMARY KEY (event_id, category, proposal, decision)
);

-- ---------------------------------------------------------------- helpers
-- Staff of an agency on the committee (any role but the platform operator's). SECURITY DEFINER so that the policies
-- of the event tables can ask it without recursing into the committee's own policy; it reads only the caller's
-- identity from the transaction settings.
CREATE FUNCTION tansiq_event_ids() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.event_id FROM event_committee c
  WHERE c.agency_id = tansiq_agency()
    AND tansiq_user_has_role(ARRAY['officer', 'analyst', 'liaison', 'supervisor', 'dpo', 'agency-admin', 'reviewer'])
$$;
-- Whether the caller's agency organises (chairs) this event: true or false, nothing else about it.
CREATE FUNCTION tansiq_event_chaired_by_me(p_event uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM events WHERE id = p_event AND organiser_agency_id = tansiq_agency())
$$;
-- The caller's agency's committee role in an event it can see (null otherwise). Runs under the caller's rights.
CREATE FUNCTION tansiq_event_role(p_event uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT role FROM event_committee WHERE event_id = p_event AND agency_id = tansiq_agency() AND event_id IN (SELECT tansiq_event_ids())
$$;
-- Operational staff of a chair or member agency (observers only read).
CREATE FUNCTION tansiq_event_worker(p_event uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(tansiq_event_role(p_event) IN ('chair', 'member'), false)
     AND tansiq_user_has_role(ARRAY['officer', 'analyst', 'liaison', 'supervisor'])
$$;

-- ---------------------------------------------------------------- row-level security
ALTER TABLE events ENABLE ROW LEVEL SECURITY; ALTER TABLE events FORCE ROW LEVEL SECURITY;
ALTER TABLE event_venues ENABLE ROW LEVEL SECURITY; ALTER TABLE event_venues FORCE ROW LEVEL SECURITY;
ALTER TABLE event_committee ENABLE ROW LEVEL SECURITY; ALTER TABLE event_committee FORCE ROW LEVEL SECURITY;
ALTER TABLE event_cases ENABLE ROW LEVEL SECURITY; ALTER TABLE event_cases FORCE ROW LEVEL SECURITY;
ALTER TABLE event_incidents ENABLE ROW LEVEL SECURITY; ALTER TABLE event_incidents FORCE ROW LEVEL SECURITY;
ALTER TABLE event_incident_updates ENABLE ROW LEVEL SECURITY; ALTER TABLE event_incident_updates FORCE ROW LEVEL SECURITY;
ALTER TABLE event_accreditation_lists ENABLE ROW LEVEL SECURITY; ALTER TABLE event_accreditation_lists FORCE ROW LEVEL SECURITY;
ALTER TABLE event_accreditations ENABLE ROW LEVEL SECURITY; ALTER TABLE event_accreditations FORCE ROW LEVEL SECURITY;
ALTER TABLE event_accreditation_stats ENABLE ROW LEVEL SECURITY; ALTER TABLE event_accreditation_stats FORCE ROW LEVEL SECURITY;

CREATE POLICY events_read ON events FOR SELECT USING (id IN (SELECT tansiq_event_ids()));
CREATE POLICY events_insert ON events FOR INSERT WITH CHECK (
  organiser_agency_id = tansiq_agency() AND created_by = tansiq_user() AND tansiq_user_has_role(ARRAY['supervisor']));
CREATE POLICY events_update ON events FOR UPDATE
  USING (organiser_agency_id = tansiq_agency() AND id IN (SELECT tansiq_event_ids()) AND tansiq_user_has_role(ARRAY['supervisor']))
  WITH CHECK (organiser_agency_id = tansiq_agency());

CREATE POLICY event_venues_read ON event_venues FOR SELECT USING (event_id IN (SELECT tansiq_event_ids()));
CREATE POLICY event_venues_write ON event_venues FOR INSERT WITH CHECK (tansiq_event_chaired_by_me(event_id) AND tansiq_user_has_role(ARRAY['supervisor']));
CREATE POLICY event_venues_update ON event_venues FOR UPDATE
  USING (tansiq_event_chaired_by_me(event_id) AND tansiq_user_has_role(ARRAY['supervisor'])) WITH CHECK (tansiq_event_chaired_by_me(event_id));

CREATE POLICY event_committee_read ON event_committee FOR SELECT USING (event_id IN (SELECT tansiq_event_ids()));
-- The organiser's supervisor: the chair row for their own agency when creating, then other agencies (never a second chair).
CREATE POLICY event_committee_insert ON event_committee FOR INSERT WITH CHECK (
  tansiq_event_chaired_by_me(event_id) AND tansiq_user_has_role(ARRAY['supervisor'])
  AND ((role = 'chair' AND agency_id = tansiq_agency()) OR (role <> 'chair' AND agency_id <> tansiq_agency())));
CREATE POLICY event_committee_update ON event_committee FOR UPDATE
  USING (tansiq_event_chaired_by_me(event_id) AND tansiq_user_has_role(ARRAY['supervisor']) AND role <> 'chair')
  WITH CHECK (role <> 'chair');
CREATE POLICY event_committee_delete ON event_committee FOR DELETE
  USING (tansiq_event_chaired_by_me(event_id) AND tansiq_user_has_role(ARRAY['supervisor']) AND role <> 'chair');

CREATE POLICY event_cases_read ON event_cases FOR SELECT USING (event_id IN (SELECT tansiq_event_ids()));
-- A case is linked by someone who can see it (its content stays behind the case's own rules).
CREATE POLICY event_cases_insert ON event_cases FOR INSERT WITH CHECK (
  tansiq_event_worker(event_id) AND linked_by = tansiq_user() AND linked_agency_id = tansiq_agency() AND case_id IN (SELECT tansiq_case_ids()));

CREATE POLICY event_incidents_read ON event_incidents FOR SELECT USING (event_id IN (SELECT tansiq_event_ids()));
CREATE POLICY event_incidents_insert ON event_incidents FOR INSERT WITH CHECK (
  tansiq_event_worker(event_id) AND reported_by = tansiq_user() AND reported_agency_id = tansiq_agency()
  AND (assigned_agency_id IS NULL OR EXISTS (SELECT 1 FROM event_committee c WHERE c.event_id = event_incidents.event_id AND c.agency_id = assigned_agency_id))
  AND (venue_id IS NULL OR EXISTS (SELECT 1 FROM event_venues v WHERE v.id = venue_id AND v.event_id = event_incidents.event_id))
  AND (case_id IS NULL OR case_id IN (SELECT tansiq_case_ids())));
CREATE POLICY event_incidents_update ON event_incidents FOR UPDATE
  USING (tansiq_event_worker(event_id)) WITH CHECK (tansiq_event_worker(event_id)
  AND (assigned_agency_id IS NULL OR EXISTS (SELECT 1 FROM event_committee c WHERE c.event_id = event_incidents.event_id AND c.agency_id = assigned_agency_id)));

CREATE POLICY event_incident_updates_read ON event_incident_updates FOR SELECT USING (event_id IN (SELECT tansiq_event_ids()));
CREATE POLICY event_incident_updates_insert ON event_incident_updates FOR INSERT WITH CHECK (
  tansiq_event_worker(event_id) AND author_user_id = tansiq_user() AND author_agency_id = tansiq_agency()
  AND EXISTS (SELECT 1 FROM event_incidents i WHERE i.id = incident_id AND i.event_id = event_incident_updates.event_id));

-- Accreditation: people's data for chair and member agencies' operational staff and DPO, never observers.
CREATE FUNCTION tansiq_event_accreditation_reader(p_event uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(tansiq_event_role(p_event) IN ('chair', 'member'), false)
     AND tansiq_user_has_role(ARRAY['officer', 'analyst', 'liaison', 'supervisor', 'dpo'])
$$;
CREATE POLICY event_accreditation_lists_read ON event_accreditation_lists FOR SELECT USING (tansiq_event_accreditation_reader(event_id));
CREATE POLICY event_accreditation_lists_insert ON event_accreditation_lists FOR INSERT WITH CHECK (
  tansiq_event_worker(event_id) AND agency_id = tansiq_agency() AND uploaded_by = tansiq_user());
CREATE POLICY event_accreditations_read ON event_accreditations FOR SELECT USING (tansiq_event_accreditation_reader(event_id));
-- Written by the screening job, which runs as the uploading user.
CREATE POLICY event_accreditations_insert ON event_accreditations FOR INSERT WITH CHECK (
  tansiq_event_worker(event_id) AND agency_id = tansiq_agency() AND decision IS NULL
  AND EXISTS (SELECT 1 FROM event_accreditation_lists l WHERE l.id = list_id AND l.event_id = event_accreditations.event_id AND l.agency_id = tansiq_agency()));
-- The committee decides: supervisors of chair and member agencies.
CREATE POLICY event_accreditations_decide ON event_accreditations FOR UPDATE
  USING (tansiq_event_worker(event_id) AND tansiq_user_has_role(ARRAY['supervisor']))
  WITH CHECK (tansiq_event_worker(event_id) AND decided_by = tansiq_user() AND decided_agency_id = tansiq_agency());
CREATE POLICY event_accreditation_stats_read ON event_accreditation_stats FOR SELECT USING (event_id IN (SELECT tansiq_event_ids()));

-- Identity columns of an accreditation cannot change once screened (only the decision moves).
CREATE FUNCTION tansiq_event_accreditation_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.list_id <> OLD.list_id OR NEW.event_id <> OLD.event_id OR NEW.agency_id <> OLD.agency_id OR NEW.name <> OLD.name
     OR NEW.row_no <> OLD.row_no OR NEW.proposal <> OLD.proposal OR NEW.candidates <> OLD.candidates THEN
    RAISE EXCEPTION 'only the decision of an accreditation can change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER event_accreditations_check BEFORE UPDATE ON event_accreditations FOR EACH ROW EXECUTE FUNCTION tansiq_event_accreditation_check();

-- ---------------------------------------------------------------- grants to the application role
REVOKE ALL ON events, event_venues, event_committee, event_cases, event_incidents, event_incident_updates,
  event_accreditation_lists, event_accreditations, event_accreditation_stats FROM PUBLIC;
REVOKE ALL ON FUNCTION tansiq_event_ids(), tansiq_event_chaired_by_me(uuid), tansiq_event_role(uuid), tansiq_event_worker(uuid),
  tansiq_event_accreditation_reader(uuid), tansiq_event_accreditation_check() FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON events, event_venues, event_incidents, event_accreditations TO tansiq_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON event_committee TO tansiq_app;
GRANT SELECT, INSERT ON event_cases, event_incident_updates, event_accreditation_lists TO tansiq_app;
GRANT SELECT ON event_accreditation_stats TO tansiq_app;
GRANT EXECUTE ON FUNCTION tansiq_event_ids(), tansiq_event_chaired_by_me(uuid), tansiq_event_role(uuid), tansiq_event_worker(uuid),
  tansiq_event_accreditation_reader(uuid), tansiq_event_accreditation_check() TO tansiq_app;
