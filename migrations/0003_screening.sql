-- Persistent background jobs (the platform's job runner), watchlists with their versions and entries, agency
-- screening settings, and the results of batch screening.
--
-- Jobs are claimed by the runner as the owner (FOR UPDATE SKIP LOCKED, with a lease that another process takes
-- over when it expires); handlers then act as the job's user through the scoped helper, so these policies apply.

CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9._-]{1,63}$'),
  agency_id uuid REFERENCES agencies(id),            -- null only for jobs started from the command line
  user_id uuid REFERENCES users(id),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','succeeded','failed','cancelled')),
  params jsonb NOT NULL DEFAULT '{}',
  progress_done bigint NOT NULL DEFAULT 0,
  progress_total bigint,
  result jsonb,
  error text,
  cancel_requested boolean NOT NULL DEFAULT false,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_claim ON jobs(created_at) WHERE state IN ('queued','running');
CREATE INDEX jobs_agency ON jobs(agency_id, created_at DESC);

-- The uploaded file of a job (a watchlist, a list of people), apart so that listing jobs never reads it.
CREATE TABLE job_inputs (
  job_id uuid PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  agency_id uuid REFERENCES agencies(id),
  data bytea NOT NULL
);

CREATE TABLE watchlists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  scope text NOT NULL CHECK (scope IN ('global','agency')),
  agency_id uuid REFERENCES agencies(id),            -- the owner of an agency list; null for a global list
  alert_threshold real CHECK (alert_threshold IS NULL OR (alert_threshold > 0 AND alert_threshold <= 1)),
  current_version integer NOT NULL DEFAULT 0,
  entry_count integer NOT NULL DEFAULT 0,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'global') = (agency_id IS NULL))
);
CREATE UNIQUE INDEX watchlists_name_global ON watchlists(lower(name)) WHERE scope = 'global';
CREATE UNIQUE INDEX watchlists_name_agency ON watchlists(agency_id, lower(name)) WHERE scope = 'agency';

CREATE TABLE watchlist_versions (
  watchlist_id uuid NOT NULL REFERENCES watchlists(id),
  version integer NOT NULL,
  agency_id uuid REFERENCES agencies(id),
  format text NOT NULL,
  file_sha256 text NOT NULL,
  file_bytes bigint NOT NULL,
  entries integer NOT NULL,
  added integer NOT NULL,
  removed integer NOT NULL,
  changed integer NOT NULL,
  job_id uuid REFERENCES jobs(id),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (watchlist_id, version)
);

-- Entries as versioned rows: a row lives from the version that added it until the version that removed or
-- replaced it, so the in-memory index follows a new version by applying only what changed.
CREATE TABLE watchlist_entries (
  watchlist_id uuid NOT NULL REFERENCES watchlists(id),
  source_id text NOT NULL,
  agency_id uuid REFERENCES agencies(id),
  version_added integer NOT NULL,
  version_removed integer,
  hash text NOT NULL,
  data jsonb NOT NULL
);
CREATE UNIQUE INDEX watchlist_entries_live ON watchlist_entries(watchlist_id, source_id) WHERE version_removed IS NULL;
CREATE INDEX watchlist_entries_added ON watchlist_entries(watchlist_id, version_added);
CREATE INDEX watchlist_entries_removed ON watchlist_entries(watchlist_id, version_removed) WHERE version_removed IS NOT NULL;

CREATE TABLE screening_settings (
  agency_id uuid PRIMARY KEY REFERENCES agencies(id),
  alert_threshold real CHECK (alert_threshold IS NULL OR (alert_threshold > 0 AND alert_threshold <= 1)),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE screening_batch_results (
  job_id uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  row_no integer NOT NULL,
  query jsonb NOT NULL,
  candidates jsonb NOT NULL,
  top_score real NOT NULL,
  alert boolean NOT NULL,
  PRIMARY KEY (job_id, row_no)
);
CREATE INDEX screening_batch_results_order ON screening_batch_results(job_id, alert DESC, top_score DESC, row_no);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY; ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
ALTER TABLE job_inputs ENABLE ROW LEVEL SECURITY; ALTER TABLE job_inputs FORCE ROW LEVEL SECURITY;
ALTER TABLE watchlists ENABLE ROW LEVEL SECURITY; ALTER TABLE watchlists FORCE ROW LEVEL SECURITY;
ALTER TABLE watchlist_versions ENABLE ROW LEVEL SECURITY; ALTER TABLE watchlist_versions FORCE ROW LEVEL SECURITY;
ALTER TABLE watchlist_entries ENABLE ROW LEVEL SECURITY; ALTER TABLE watchlist_entries FORCE ROW LEVEL SECURITY;
ALTER TABLE screening_settings ENABLE ROW LEVEL SECURITY; ALTER TABLE screening_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE screening_batch_results ENABLE ROW LEVEL SECURITY; ALTER TABLE screening_batch_results FORCE ROW LEVEL SECURITY;

-- An agency sees and acts on its own jobs only; the application narrows further (its own user, or an administrator).
CREATE POLICY jobs_read ON jobs FOR SELECT USING (agency_id = tansiq_agency());
CREATE POLICY jobs_insert ON jobs FOR INSERT WITH CHECK (agency_id = tansiq_agency() AND user_id = tansiq_user());
CREATE POLICY jobs_update ON jobs FOR UPDATE USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

CREATE POLICY job_inputs_read ON job_inputs FOR SELECT USING (agency_id = tansiq_agency());
CREATE POLICY job_inputs_insert ON job_inputs FOR INSERT WITH CHECK (agency_id = tansiq_agency());
CREATE POLICY job_inputs_delete ON job_inputs FOR DELETE USING (agency_id = tansiq_agency());

-- Global lists are visible to every signed-in actor and changed by the platform administrator only; an agency
-- list (and every entry of it) is visible to its agency only.
CREATE POLICY watchlists_read ON watchlists FOR SELECT USING (
  (scope = 'global' AND tansiq_user() IS NOT NULL) OR agency_id = tansiq_agency());
CREATE POLICY watchlists_insert ON watchlists FOR INSERT WITH CHECK (
  (scope = 'global' AND tansiq_platform_admin()) OR (scope = 'agency' AND agency_id = tansiq_agency()));
CREATE POLICY watchlists_update ON watchlists FOR UPDATE
  USING ((scope = 'global' AND tansiq_platform_admin()) OR (scope = 'agency' AND agency_id = tansiq_agency()))
  WITH CHECK ((scope = 'global' AND tansiq_platform_admin()) OR (scope = 'agency' AND agency_id = tansiq_agency()));

CREATE POLICY watchlist_versions_read ON watchlist_versions FOR SELECT USING (
  (agency_id IS NULL AND tansiq_user() IS NOT NULL) OR agency_id = tansiq_agency());
CREATE POLICY watchlist_versions_insert ON watchlist_versions FOR INSERT WITH CHECK (
  (agency_id IS NULL AND tansiq_platform_admin()) OR agency_id = tansiq_agency());

CREATE POLICY watchlist_entries_read ON watchlist_entries FOR SELECT USING (
  (agency_id IS NULL AND tansiq_user() IS NOT NULL) OR agency_id = tansiq_agency());
CREATE POLICY watchlist_entries_insert ON watchlist_entries FOR INSERT WITH CHECK (
  (agency_id IS NULL AND tansiq_platform_admin()) OR agency_id = tansiq_agency());
CREATE POLICY watchlist_entries_update ON watchlist_entries FOR UPDATE
  USING ((agency_id IS NULL AND tansiq_platform_admin()) OR agency_id = tansiq_agency())
  WITH CHECK ((agency_id IS NULL AND tansiq_platform_admin()) OR agency_id = tansiq_agency());

CREATE POLICY screening_settings_own ON screening_settings FOR ALL USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

CREATE POLICY screening_batch_results_own ON screening_batch_results FOR ALL USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

-- ---------------------------------------------------------------- grants to the application role
GRANT SELECT, INSERT, UPDATE ON jobs TO tansiq_app;
GRANT SELECT, INSERT, DELETE ON job_inputs TO tansiq_app;
GRANT SELECT, INSERT, UPDATE ON watchlists TO tansiq_app;
GRANT SELECT, INSERT ON watchlist_versions TO tansiq_app;
GRANT SELECT, INSERT, UPDATE ON watchlist_entries TO tansiq_app;
GRANT SELECT, INSERT, UPDATE ON screening_settings TO tansiq_app;
GRANT SELECT, INSERT, DELETE ON screening_batch_results TO tansiq_app;
