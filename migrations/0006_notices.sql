-- Notices and diffusions (INTERPOL-style), their history, and screening hits.
--
-- A notice is drafted by a National Central Bureau (a desk of its agency), approved by the NCB's supervisor, reviewed
-- by the General Secretariat (users with the reviewer role) and published to every agency; a diffusion goes from an
-- NCB straight to chosen agencies, effective once its supervisor approves, and is reviewed afterwards. Only the
-- requesting NCB edits. Published notices and diffusions (for their addressees) feed the screening index.
--
-- A hit is a screening alert kept for decision: the screening agency confirms or discards it; a confirmed hit is seen
-- by the agency whose notice (or registered document) it hit.

CREATE SEQUENCE notice_reference_seq;

-- A reviewer of the INTERPOL General Secretariat: the reviewer role counts only in an agency of that type (an agency
-- administrator elsewhere can hand out the role, but it gives nothing there).
CREATE FUNCTION tansiq_gs_reviewer() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT tansiq_user_has_role(ARRAY['reviewer']) AND EXISTS (SELECT 1 FROM agencies WHERE id = tansiq_agency() AND type = 'interpol-gs')
$$;

CREATE TABLE notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text UNIQUE,                              -- given when first requested/approved, e.g. R-2026/00012
  colour text NOT NULL CHECK (colour IN ('red','blue','green','yellow','black','orange','purple','silver','un')),
  kind text NOT NULL CHECK (kind IN ('notice','diffusion')),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','requested','published','refused','suspended','withdrawn','cancelled','expired')),
  awaiting_approval boolean NOT NULL DEFAULT false,   -- a draft submitted to the NCB's supervisor
  agency_id uuid NOT NULL REFERENCES agencies(id),    -- the requesting NCB's agency
  desk_id uuid REFERENCES desks(id),                  -- the NCB desk
  subject_type text NOT NULL CHECK (subject_type IN ('person','organisation')),
  subject jsonb NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 300),
  names_text text NOT NULL DEFAULT '',                 -- every name, lower-cased, for the gallery's search box
  offence text NOT NULL CHECK (length(offence) BETWEEN 1 AND 5000),
  warrant_reference text,
  requesting_authority text,
  legal_basis text,
  valid_until date,
  handling_code text NOT NULL DEFAULT 'H0' CHECK (handling_code IN ('H0','H1','H2','H3')),
  tlp text NOT NULL DEFAULT 'GREEN' CHECK (tlp IN ('RED','AMBER+STRICT','AMBER','GREEN','CLEAR')),
  case_id uuid REFERENCES cases(id),
  state_reason text,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  requested_at timestamptz,
  published_at timestamptz,
  reviewed_at timestamptz,
  CHECK (colour <> 'un' OR kind = 'notice')
);
CREATE INDEX notices_gallery ON notices (state, kind, updated_at DESC);
CREATE INDEX notices_agency ON notices (agency_id, updated_at DESC);
-- The screening index follows changes by time (see server/modules/notices/index-feed.ts).
CREATE INDEX notices_changed ON notices (updated_at);

-- The addressees of a diffusion. The requesting agency is copied here so that the policy needs no look at notices.
CREATE TABLE notice_addressees (
  notice_id uuid NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  notice_agency_id uuid NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (notice_id, agency_id)
);
CREATE INDEX notice_addressees_agency ON notice_addressees (agency_id);

-- Every step of a notice, shown as its history (the audit trail keeps it too, with the chain).
CREATE TABLE notice_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notice_id uuid NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_user_id uuid REFERENCES users(id),
  actor_agency_id uuid REFERENCES agencies(id),
  reason text
);
CREATE INDEX notice_events_notice ON notice_events (notice_id, at);

CREATE TABLE hits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),    -- the screening agency
  user_id uuid NOT NULL REFERENCES users(id),
  origin text NOT NULL CHECK (origin IN ('single','batch','document-check','accreditation')),
  source text NOT NULL CHECK (source IN ('notice','watchlist','document')),
  notice_id uuid REFERENCES notices(id),
  watchlist_id uuid REFERENCES watchlists(id),
  entry_id text,                                      -- the watchlist's own id of the entry
  document_id uuid,                                   -- a registered travel document (issue 5's registry)
  owner_agency_id uuid REFERENCES agencies(id),       -- whose notice or document was hit (sees it once confirmed)
  score real NOT NULL,
  matched_name text NOT NULL DEFAULT '',
  query jsonb NOT NULL DEFAULT '{}',                   -- the record screened, for the screening agency only
  job_id uuid REFERENCES jobs(id) ON DELETE SET NULL,
  row_no integer,
  purpose text,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','confirmed','discarded')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  reason text,
  location text,
  encountered_at text,
  case_id uuid REFERENCES cases(id),
  message_id uuid REFERENCES messages(id),
  notify_problem text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'notice') = (notice_id IS NOT NULL)),
  CHECK ((source = 'watchlist') = (watchlist_id IS NOT NULL))
);
CREATE INDEX hits_agency ON hits (agency_id, state, created_at DESC);
CREATE INDEX hits_owner ON hits (owner_agency_id, created_at DESC) WHERE state = 'confirmed';
CREATE INDEX hits_notice ON hits (notice_id) WHERE notice_id IS NOT NULL;
CREATE INDEX hits_job ON hits (job_id, row_no) WHERE job_id IS NOT NULL;

-- ---------------------------------------------------------------- row-level security
ALTER TABLE notices ENABLE ROW LEVEL SECURITY; ALTER TABLE notices FORCE ROW LEVEL SECURITY;
ALTER TABLE notice_addressees ENABLE ROW LEVEL SECURITY; ALTER TABLE notice_addressees FORCE ROW LEVEL SECURITY;
ALTER TABLE notice_events ENABLE ROW LEVEL SECURITY; ALTER TABLE notice_events FORCE ROW LEVEL SECURITY;
ALTER TABLE hits ENABLE ROW LEVEL SECURITY; ALTER TABLE hits FORCE ROW LEVEL SECURITY;

-- Who sees a notice: the requesting agency always; the General Secretariat's reviewers once it left the NCB (a
-- diffusion, which is effective at once, as soon as it is published); every agency a published notice; the addressees
-- a published diffusion; and an agency that has a hit on it, whatever its state (so that a hit always shows the
-- notice's current status — a suspended notice must say so rather than vanish).
CREATE POLICY notices_read ON notices FOR SELECT USING (
  agency_id = tansiq_agency()
  OR (state <> 'draft' AND tansiq_gs_reviewer())
  OR (state = 'published' AND kind = 'notice' AND tansiq_user() IS NOT NULL)
  OR (state = 'published' AND kind = 'diffusion' AND EXISTS (SELECT 1 FROM notice_addressees a WHERE a.notice_id = notices.id AND a.agency_id = tansiq_agency()))
  OR EXISTS (SELECT 1 FROM hits h WHERE h.notice_id = notices.id AND h.agency_id = tansiq_agency()));
CREATE POLICY notices_insert ON notices FOR INSERT WITH CHECK (agency_id = tansiq_agency() AND created_by = tansiq_user() AND state = 'draft');
-- The requesting agency edits and moves its own; a reviewer moves what reached the General Secretariat.
CREATE POLICY notices_update ON notices FOR UPDATE
  USING (agency_id = tansiq_agency() OR (state <> 'draft' AND tansiq_gs_reviewer()))
  WITH CHECK (agency_id = tansiq_agency() OR (state <> 'draft' AND tansiq_gs_reviewer()));

CREATE POLICY notice_addressees_read ON notice_addressees FOR SELECT USING (
  agency_id = tansiq_agency() OR notice_agency_id = tansiq_agency() OR tansiq_gs_reviewer());
CREATE POLICY notice_addressees_insert ON notice_addressees FOR INSERT WITH CHECK (notice_agency_id = tansiq_agency());
CREATE POLICY notice_addressees_delete ON notice_addressees FOR DELETE USING (notice_agency_id = tansiq_agency());

-- The history is seen with the notice (by whoever may read it); each step is written by the agency taking it.
CREATE POLICY notice_events_read ON notice_events FOR SELECT USING (EXISTS (SELECT 1 FROM notices n WHERE n.id = notice_events.notice_id));
CREATE POLICY notice_events_insert ON notice_events FOR INSERT WITH CHECK (
  actor_agency_id = tansiq_agency() AND actor_user_id = tansiq_user() AND EXISTS (SELECT 1 FROM notices n WHERE n.id = notice_events.notice_id));

-- A hit belongs to the screening agency; the owner of what was hit sees it once confirmed, never the open or discarded.
CREATE POLICY hits_read ON hits FOR SELECT USING (agency_id = tansiq_agency() OR (owner_agency_id = tansiq_agency() AND state = 'confirmed'));
CREATE POLICY hits_insert ON hits FOR INSERT WITH CHECK (agency_id = tansiq_agency() AND user_id = tansiq_user() AND state = 'open');
CREATE POLICY hits_update ON hits FOR UPDATE USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());
-- A batch started again clears the open hits of its first run.
CREATE POLICY hits_delete ON hits FOR DELETE USING (agency_id = tansiq_agency() AND user_id = tansiq_user() AND state = 'open');

-- A confirmed hit on a notice puts the requesting NCB into the screening agency's case about the hit as an active
-- participant (it asked to be told by publishing the notice), so that the hit message reaches it inside a case. Only
-- for the caller's own confirmed hit, in a case its agency owns, under an active partnership.
CREATE FUNCTION tansiq_hit_join_case(p_hit uuid) RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE h hits%ROWTYPE; d uuid;
BEGIN
  SELECT * INTO h FROM hits WHERE id = p_hit AND agency_id = tansiq_agency() AND state = 'confirmed'
    AND source = 'notice' AND case_id IS NOT NULL AND owner_agency_id IS NOT NULL AND owner_agency_id <> agency_id;
  IF NOT FOUND THEN RETURN false; END IF;
  IF NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = h.case_id AND c.agency_id = tansiq_agency()) THEN RETURN false; END IF;
  IF NOT tansiq_partnership_active(tansiq_agency(), h.owner_agency_id) THEN RETURN false; END IF;
  SELECT n.desk_id INTO d FROM notices n WHERE n.id = h.notice_id;
  INSERT INTO case_participants (case_id, agency_id, role, status, desk_id, invitation_title, invited_by, invited_by_agency_id, responded_at)
  SELECT h.case_id, h.owner_agency_id, 'participant', 'active', d, c.title, tansiq_user(), tansiq_agency(), now()
  FROM cases c WHERE c.id = h.case_id
  ON CONFLICT (case_id, agency_id) DO NOTHING;
  RETURN true;
END $$;

-- ---------------------------------------------------------------- grants to the application role
GRANT SELECT, INSERT, UPDATE ON notices TO tansiq_app;
GRANT SELECT, INSERT, DELETE ON notice_addressees TO tansiq_app;
GRANT SELECT, INSERT ON notice_events TO tansiq_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON hits TO tansiq_app;
GRANT USAGE ON SEQUENCE notice_reference_seq TO tansiq_app;
REVOKE ALL ON FUNCTION tansiq_hit_join_case(uuid), tansiq_gs_reviewer() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tansiq_hit_join_case(uuid), tansiq_gs_reviewer() TO tansiq_app;
