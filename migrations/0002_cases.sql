-- Partnerships between agencies, and cases with joint teams, tasks and a timeline.
--
-- Who sees what (the second wall behind server/modules/{partnerships,cases}/policies):
-- * a partnership: the two agencies in it, nobody else (not the platform administrator);
-- * a case: users who work cases (officer, analyst, liaison — the roles with `case.work` in common/roles.ts) of an
--   agency that is an ACTIVE participant of the case; when the case is restricted (a joint investigation team), only
--   the users named as its members. Nobody else: not other agencies, not invited-but-not-accepted agencies (they see
--   their invitation row only), not the platform administrator, not the DPO or agency administrator.
-- * everything that hangs off a case (participants, members, tasks, timeline — and later messages) is visible exactly
--   when the case is: policies read the set of visible case ids from tansiq_case_ids().
-- State changes that RLS cannot judge (it does not see the old row) are checked by triggers: who may move a
-- partnership or a participation from which state to which.

-- ---------------------------------------------------------------- helpers (the caller's own user row only)
-- Roles come from the users table, the same source authentication uses; the user must be enabled.
CREATE FUNCTION tansiq_user_has_role(p_roles text[]) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM users WHERE id = tansiq_user() AND agency_id = tansiq_agency() AND disabled_at IS NULL AND roles && p_roles)
$$;
-- Keep in step with ROLE_PERMISSIONS (`case.work`); server/modules/cases/tests/rls.test.ts compares them.
CREATE FUNCTION tansiq_case_worker() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT tansiq_user_has_role(ARRAY['officer', 'analyst', 'liaison'])
$$;

-- ---------------------------------------------------------------- partnerships
CREATE TABLE partnerships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposer_agency_id uuid NOT NULL REFERENCES agencies(id),
  partner_agency_id uuid NOT NULL REFERENCES agencies(id),
  framework text NOT NULL CHECK (framework IN ('eu-2023-977', 'bilateral', 'interpol', 'other')),
  instrument text NOT NULL DEFAULT '' CHECK (length(instrument) <= 300),   -- the agreement's name or reference
  -- Answer deadlines in hours. Under Directive 2023/977 the directive sets them (8 h, 3 days, 7 days): none stored.
  urgent_hours integer CHECK (urgent_hours BETWEEN 1 AND 8760),
  normal_hours integer CHECK (normal_hours BETWEEN 1 AND 8760),
  transfer_conditions text NOT NULL DEFAULT '' CHECK (length(transfer_conditions) <= 4000),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'declined', 'suspended', 'ended')),
  status_reason text CHECK (length(status_reason) <= 1000),
  proposed_by uuid REFERENCES users(id),
  suspended_by_agency_id uuid REFERENCES agencies(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  ended_at timestamptz,
  CHECK (proposer_agency_id <> partner_agency_id),
  CHECK (CASE WHEN framework = 'eu-2023-977' THEN urgent_hours IS NULL AND normal_hours IS NULL
              ELSE urgent_hours IS NOT NULL AND normal_hours IS NOT NULL AND urgent_hours <= normal_hours END)
);
-- One live partnership per pair of agencies, whoever proposed it.
CREATE UNIQUE INDEX partnerships_live_pair ON partnerships (least(proposer_agency_id, partner_agency_id), greatest(proposer_agency_id, partner_agency_id))
  WHERE status IN ('proposed', 'active', 'suspended');
CREATE INDEX partnerships_proposer ON partnerships (proposer_agency_id);
CREATE INDEX partnerships_partner ON partnerships (partner_agency_id);

-- Is there an active partnership between these two agencies? (Only the two agencies can see it, so only they get true.)
CREATE FUNCTION tansiq_partnership_active(p_a uuid, p_b uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM partnerships WHERE status = 'active'
    AND ((proposer_agency_id = p_a AND partner_agency_id = p_b) OR (proposer_agency_id = p_b AND partner_agency_id = p_a)))
$$;

-- The legal framework's rule on who may use it (mirrors common/schemas/cases.ts; the application says it first, in words).
CREATE FUNCTION tansiq_partnership_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE a agencies%ROWTYPE; b agencies%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.proposer_agency_id <> OLD.proposer_agency_id OR NEW.partner_agency_id <> OLD.partner_agency_id
      OR NEW.framework <> OLD.framework OR NEW.created_at <> OLD.created_at) THEN
    RAISE EXCEPTION 'a partnership''s agencies and framework cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT * INTO a FROM agencies WHERE id = NEW.proposer_agency_id;
    SELECT * INTO b FROM agencies WHERE id = NEW.partner_agency_id;
    IF a.type = 'platform' OR b.type = 'platform' THEN
      RAISE EXCEPTION 'the platform operator has no partnerships' USING ERRCODE = 'check_violation';
    END IF;
    -- EU member states, and the Schengen-associated states the directive also binds.
    IF NEW.framework = 'eu-2023-977' AND NOT (a.country = ANY (ARRAY['AT','BE','BG','HR','CY','CZ','DK','EE','FI','FR','DE','GR','HU','IE','IT','LV','LT','LU','MT','NL','PL','PT','RO','SK','SI','ES','SE','IS','LI','NO','CH'])
        AND b.country = ANY (ARRAY['AT','BE','BG','HR','CY','CZ','DK','EE','FI','FR','DE','GR','HU','IE','IT','LV','LT','LU','MT','NL','PL','PT','RO','SK','SI','ES','SE','IS','LI','NO','CH'])) THEN
      RAISE EXCEPTION 'Directive 2023/977 applies only between agencies of EU member states' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.framework = 'interpol' AND NOT (
        (a.type = 'interpol-gs' AND (b.type = 'ncb' OR EXISTS (SELECT 1 FROM desks WHERE agency_id = b.id AND is_ncb AND disabled_at IS NULL)))
     OR (b.type = 'interpol-gs' AND (a.type = 'ncb' OR EXISTS (SELECT 1 FROM desks WHERE agency_id = a.id AND is_ncb AND disabled_at IS NULL)))) THEN
      RAISE EXCEPTION 'the INTERPOL channel links a National Central Bureau with the INTERPOL General Secretariat' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  -- Who may move the state (the actor's agency from the transaction; the owner's CLI and demo loader have none).
  IF TG_OP = 'UPDATE' AND NEW.status <> OLD.status AND tansiq_agency() IS NOT NULL THEN
    IF NOT (
         (OLD.status = 'proposed' AND NEW.status IN ('active', 'declined') AND tansiq_agency() = OLD.partner_agency_id)
      OR (OLD.status = 'proposed' AND NEW.status = 'ended' AND tansiq_agency() = OLD.proposer_agency_id)
      OR (OLD.status = 'active' AND NEW.status IN ('suspended', 'ended'))
      OR (OLD.status = 'suspended' AND NEW.status = 'active' AND tansiq_agency() = OLD.suspended_by_agency_id)
      OR (OLD.status = 'suspended' AND NEW.status = 'ended')) THEN
      RAISE EXCEPTION 'partnership cannot go from % to % by this agency', OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER partnerships_check BEFORE INSERT OR UPDATE ON partnerships FOR EACH ROW EXECUTE FUNCTION tansiq_partnership_check();

-- ---------------------------------------------------------------- cases
CREATE TABLE cases (
  id uuid PRIMARY KEY,                 -- chosen by the application: under RLS a new case is not visible until its owner row exists
  agency_id uuid NOT NULL REFERENCES agencies(id),          -- the owning agency
  desk_id uuid NOT NULL REFERENCES desks(id),               -- the owning desk
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
  crime_areas text[] NOT NULL CHECK (cardinality(crime_areas) BETWEEN 1 AND 10 AND crime_areas <@ ARRAY['terrorism','cybercrime','trafficking-in-human-beings','migrant-smuggling','drug-trafficking','organised-crime','money-laundering','corruption','firearms-trafficking','other']),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
  restricted boolean NOT NULL DEFAULT false,               -- a joint team: only named members see it
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_agency ON cases (agency_id, updated_at DESC);

-- Agencies in a case: the owner (one row, role owner) and the invited partners.
CREATE TABLE case_participants (
  case_id uuid NOT NULL REFERENCES cases(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  role text NOT NULL CHECK (role IN ('owner', 'participant')),
  status text NOT NULL CHECK (status IN ('invited', 'active', 'declined', 'left')),
  desk_id uuid REFERENCES desks(id),                        -- the desk that handles the case in this agency
  -- What the invitation shows the invited agency before it accepts (it cannot read the case itself yet).
  invitation_title text NOT NULL DEFAULT '',
  invitation_crime_areas text[] NOT NULL DEFAULT '{}',
  invitation_restricted boolean NOT NULL DEFAULT false,
  invitation_note text NOT NULL DEFAULT '' CHECK (length(invitation_note) <= 2000),
  invited_by uuid REFERENCES users(id),
  invited_by_agency_id uuid REFERENCES agencies(id),        -- the owning agency, for the invited side
  invited_at timestamptz NOT NULL DEFAULT now(),
  responded_by uuid REFERENCES users(id),
  responded_at timestamptz,
  PRIMARY KEY (case_id, agency_id),
  CHECK (role = 'participant' OR (status = 'active' AND invited_by IS NULL))
);
CREATE UNIQUE INDEX case_participants_one_owner ON case_participants (case_id) WHERE role = 'owner';
CREATE INDEX case_participants_agency ON case_participants (agency_id, status);

-- Named members (a joint team): each agency names its own staff; the name is shared inside the case by that consent.
CREATE TABLE case_members (
  case_id uuid NOT NULL REFERENCES cases(id),
  user_id uuid NOT NULL REFERENCES users(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  display_name text NOT NULL,
  named_by uuid NOT NULL REFERENCES users(id),
  named_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user ON case_members (user_id) WHERE removed_at IS NULL;

CREATE TABLE case_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  assignee_id uuid NOT NULL REFERENCES users(id),
  assignee_agency_id uuid NOT NULL REFERENCES agencies(id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_agency_id uuid NOT NULL REFERENCES agencies(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by uuid REFERENCES users(id)
);
CREATE INDEX case_tasks_case ON case_tasks (case_id);
CREATE INDEX case_tasks_assignee_open ON case_tasks (assignee_id, due_on) WHERE status = 'open';

-- The timeline: append-only (no UPDATE or DELETE is granted). `kind` is open-ended so later modules (messages)
-- add their own; each entry points at its object (case, participant agency, member user, task …).
CREATE TABLE case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid REFERENCES users(id),
  actor_agency_id uuid REFERENCES agencies(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_.]{1,60}$'),
  object_type text NOT NULL CHECK (object_type ~ '^[a-z][a-z_]{1,30}$'),
  object_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, at);

-- The cases the acting user may see. SECURITY DEFINER so that policies on the case tables can ask it without
-- recursing into each other's policies; it reads only the caller's identity from the transaction settings.
CREATE FUNCTION tansiq_case_ids() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id FROM cases c JOIN case_participants p ON p.case_id = c.id
  WHERE tansiq_case_worker() AND p.agency_id = tansiq_agency() AND p.status = 'active'
    AND (NOT c.restricted OR EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = tansiq_user() AND m.removed_at IS NULL))
$$;
-- Whether the caller's agency owns this case (true or false, nothing else about it).
CREATE FUNCTION tansiq_case_owned_by_me(p_case uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM cases WHERE id = p_case AND agency_id = tansiq_agency())
$$;

-- Participation changes: who may move a row from which state to which (RLS sees only the new row).
CREATE FUNCTION tansiq_case_participant_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_id <> OLD.case_id OR NEW.agency_id <> OLD.agency_id OR NEW.role <> OLD.role THEN
    RAISE EXCEPTION 'a participation''s case, agency and role cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND tansiq_agency() IS NOT NULL AND NOT (
       (OLD.status = 'invited' AND NEW.status IN ('active', 'declined') AND tansiq_agency() = OLD.agency_id)
    OR (OLD.status = 'active' AND NEW.status = 'left' AND OLD.role = 'participant' AND tansiq_agency() = OLD.agency_id)
    OR (OLD.status IN ('declined', 'left') AND NEW.status = 'invited' AND tansiq_agency() <> OLD.agency_id)) THEN
    RAISE EXCEPTION 'participation cannot go from % to % by this agency', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_participants_check BEFORE UPDATE ON case_participants FOR EACH ROW EXECUTE FUNCTION tansiq_case_participant_check();

-- ---------------------------------------------------------------- row-level security
ALTER TABLE partnerships ENABLE ROW LEVEL SECURITY; ALTER TABLE partnerships FORCE ROW LEVEL SECURITY;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY; ALTER TABLE cases FORCE ROW LEVEL SECURITY;
ALTER TABLE case_participants ENABLE ROW LEVEL SECURITY; ALTER TABLE case_participants FORCE ROW LEVEL SECURITY;
ALTER TABLE case_members ENABLE ROW LEVEL SECURITY; ALTER TABLE case_members FORCE ROW LEVEL SECURITY;
ALTER TABLE case_tasks ENABLE ROW LEVEL SECURITY; ALTER TABLE case_tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY; ALTER TABLE case_events FORCE ROW LEVEL SECURITY;

-- Partnerships: the two agencies only; agency administrators propose and answer.
CREATE POLICY partnerships_read ON partnerships FOR SELECT USING (tansiq_agency() IN (proposer_agency_id, partner_agency_id));
CREATE POLICY partnerships_insert ON partnerships FOR INSERT
  WITH CHECK (proposer_agency_id = tansiq_agency() AND status = 'proposed' AND tansiq_user_has_role(ARRAY['agency-admin']));
CREATE POLICY partnerships_update ON partnerships FOR UPDATE
  USING (tansiq_agency() IN (proposer_agency_id, partner_agency_id) AND tansiq_user_has_role(ARRAY['agency-admin']))
  WITH CHECK (tansiq_agency() IN (proposer_agency_id, partner_agency_id));

-- Cases: visible through tansiq_case_ids(); opened by a case worker for their own agency and desk; edited by the owner.
CREATE POLICY cases_read ON cases FOR SELECT USING (id IN (SELECT tansiq_case_ids()));
CREATE POLICY cases_insert ON cases FOR INSERT WITH CHECK (
  agency_id = tansiq_agency() AND created_by = tansiq_user() AND tansiq_case_worker()
  AND EXISTS (SELECT 1 FROM desks d WHERE d.id = desk_id AND d.agency_id = tansiq_agency()));
CREATE POLICY cases_update ON cases FOR UPDATE USING (id IN (SELECT tansiq_case_ids()) AND agency_id = tansiq_agency())
  WITH CHECK (agency_id = tansiq_agency());

-- Participants: seen with the case; an agency also sees its own invitations (and answers them).
CREATE POLICY case_participants_read ON case_participants FOR SELECT USING (
  case_id IN (SELECT tansiq_case_ids()) OR (agency_id = tansiq_agency() AND tansiq_case_worker()));
CREATE POLICY case_participants_insert ON case_participants FOR INSERT WITH CHECK (
  tansiq_case_worker() AND tansiq_case_owned_by_me(case_id) AND (
    (role = 'owner' AND status = 'active' AND agency_id = tansiq_agency())
    -- An invitation: from inside the case, to a partner under an active partnership.
    OR (role = 'participant' AND status = 'invited' AND agency_id <> tansiq_agency() AND invited_by = tansiq_user()
        AND invited_by_agency_id = tansiq_agency() AND case_id IN (SELECT tansiq_case_ids()) AND tansiq_partnership_active(tansiq_agency(), agency_id))));
CREATE POLICY case_participants_update ON case_participants FOR UPDATE
  USING (tansiq_case_worker() AND (agency_id = tansiq_agency() OR (tansiq_case_owned_by_me(case_id) AND case_id IN (SELECT tansiq_case_ids()))))
  WITH CHECK (agency_id = tansiq_agency()
    OR (status = 'invited' AND invited_by = tansiq_user() AND invited_by_agency_id = tansiq_agency()
        AND tansiq_case_owned_by_me(case_id) AND tansiq_partnership_active(tansiq_agency(), agency_id)));

-- Members: seen with the case; an active participant agency names and removes its own staff only.
-- An agency also sees its own staff's member rows (they name no one else and hold no case content): naming and
-- re-naming work even before the case is visible to the one naming (a restricted case's opener, for instance).
CREATE POLICY case_members_read ON case_members FOR SELECT USING (
  case_id IN (SELECT tansiq_case_ids()) OR (agency_id = tansiq_agency() AND tansiq_case_worker()));
CREATE POLICY case_members_insert ON case_members FOR INSERT WITH CHECK (
  agency_id = tansiq_agency() AND named_by = tansiq_user() AND tansiq_case_worker()
  AND EXISTS (SELECT 1 FROM users u WHERE u.id = case_members.user_id AND u.agency_id = tansiq_agency())
  AND EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = case_members.case_id AND p.agency_id = tansiq_agency() AND p.status = 'active'));
CREATE POLICY case_members_update ON case_members FOR UPDATE
  USING (agency_id = tansiq_agency() AND tansiq_case_worker()
    AND EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = case_members.case_id AND p.agency_id = tansiq_agency() AND p.status = 'active'))
  WITH CHECK (agency_id = tansiq_agency());

-- Tasks: with the case; assigned to a colleague of one's own agency or to a named member of the case.
CREATE POLICY case_tasks_read ON case_tasks FOR SELECT USING (case_id IN (SELECT tansiq_case_ids()));
CREATE POLICY case_tasks_insert ON case_tasks FOR INSERT WITH CHECK (
  case_id IN (SELECT tansiq_case_ids()) AND created_by = tansiq_user() AND created_agency_id = tansiq_agency()
  AND (EXISTS (SELECT 1 FROM users u WHERE u.id = assignee_id AND u.agency_id = assignee_agency_id AND u.agency_id = tansiq_agency())
    OR EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = case_tasks.case_id AND m.user_id = assignee_id AND m.agency_id = assignee_agency_id AND m.removed_at IS NULL)));
CREATE POLICY case_tasks_update ON case_tasks FOR UPDATE USING (case_id IN (SELECT tansiq_case_ids())) WITH CHECK (case_id IN (SELECT tansiq_case_ids()));

-- Timeline: with the case; written in the actor's own name, by someone inside the case or answering its invitation.
CREATE POLICY case_events_read ON case_events FOR SELECT USING (case_id IN (SELECT tansiq_case_ids()));
CREATE POLICY case_events_insert ON case_events FOR INSERT WITH CHECK (
  actor_user_id = tansiq_user() AND actor_agency_id = tansiq_agency()
  AND (case_id IN (SELECT tansiq_case_ids())
    OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = case_events.case_id AND p.agency_id = tansiq_agency())));

-- ---------------------------------------------------------------- grants to the application role
REVOKE ALL ON partnerships, cases, case_participants, case_members, case_tasks, case_events FROM PUBLIC;
REVOKE ALL ON FUNCTION tansiq_user_has_role(text[]), tansiq_case_worker(), tansiq_partnership_active(uuid, uuid), tansiq_case_ids(),
  tansiq_case_owned_by_me(uuid), tansiq_partnership_check(), tansiq_case_participant_check() FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON partnerships, cases, case_participants, case_members, case_tasks TO tansiq_app;
GRANT SELECT, INSERT ON case_events TO tansiq_app;
GRANT EXECUTE ON FUNCTION tansiq_user_has_role(text[]), tansiq_case_worker(), tansiq_partnership_active(uuid, uuid), tansiq_case_ids(),
  tansiq_case_owned_by_me(uuid), tansiq_partnership_check(), tansiq_case_participant_check() TO tansiq_app;
