-- Tansiq foundation: agencies, desks, users, sessions, tokens, enrolment links, login back-off,
-- notifications and the hash-chained audit trail.
--
-- Security model in the database (the second wall behind the application's policies):
-- * the application connects as tansiq_app (NOSUPERUSER, NOBYPASSRLS, owns nothing);
-- * every table has row-level security ENABLED and FORCED, with policies on the actor taken from
--   transaction-local settings (tansiq.user_id, tansiq.agency_id, tansiq.platform_admin);
-- * look-ups that must happen before a user is known go through a few SECURITY DEFINER functions
--   named tansiq_auth_* / tansiq_throttle_* / tansiq_audit_* / tansiq_enrol_*, allow-listed in the catalogue test;
-- * tansiq_app cannot UPDATE, DELETE or TRUNCATE the audit trail: it appends only through tansiq_audit_append.

CREATE FUNCTION tansiq_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('tansiq.user_id', true), '')::uuid $$;
CREATE FUNCTION tansiq_agency() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('tansiq.agency_id', true), '')::uuid $$;
CREATE FUNCTION tansiq_platform_admin() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('tansiq.platform_admin', true), '') = 'on' $$;

CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
  name text NOT NULL,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  type text NOT NULL CHECK (type IN ('police','intelligence','border','customs','ncb','interpol-gs','anti-corruption','platform')),
  languages text[] NOT NULL DEFAULT '{}',
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE desks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
  name text NOT NULL,
  is_ncb boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, code)
);
CREATE INDEX desks_agency ON desks(agency_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  locale text NOT NULL DEFAULT 'en',
  password_hash text,
  password_changed_at timestamptz,
  totp_secret_enc text,
  totp_pending_enc text,
  totp_enabled_at timestamptz,
  totp_last_counter bigint,
  recovery_codes text[] NOT NULL DEFAULT '{}',
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_agency ON users(agency_id);

CREATE TABLE user_desks (
  user_id uuid NOT NULL REFERENCES users(id),
  desk_id uuid NOT NULL REFERENCES desks(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (user_id, desk_id)
);

CREATE TABLE sessions (
  id text PRIMARY KEY,               -- SHA-256 of the cookie's token: a database leak yields no live session
  user_id uuid NOT NULL REFERENCES users(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE enrolment_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  user_id uuid REFERENCES users(id),
  email text NOT NULL,
  display_name text,
  roles text[] NOT NULL DEFAULT '{}',
  purpose text NOT NULL CHECK (purpose IN ('first-admin','new-user','password-reset')),
  token_hash text NOT NULL UNIQUE,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE login_throttle (
  key text PRIMARY KEY,               -- 'acct:<sha256>', 'acctip:<sha256>' or 'ip:<address>'; never a plain e-mail
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  next_allowed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications(user_id, created_at DESC);

CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_agency_id uuid,
  actor_label text,                   -- 'cli', 'system' or null for a user
  subject_agency_id uuid,             -- the agency that owns the object, when it is not the actor's
  action text NOT NULL,
  object_type text,
  object_id text,
  purpose text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_actor_agency ON audit_events(actor_agency_id, seq DESC);
CREATE INDEX audit_subject_agency ON audit_events(subject_agency_id, seq DESC);

CREATE TABLE audit_checkpoints (
  seq bigint PRIMARY KEY,
  hash text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY; ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
ALTER TABLE desks ENABLE ROW LEVEL SECURITY; ALTER TABLE desks FORCE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY; ALTER TABLE users FORCE ROW LEVEL SECURITY;
ALTER TABLE user_desks ENABLE ROW LEVEL SECURITY; ALTER TABLE user_desks FORCE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY; ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY; ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE enrolment_links ENABLE ROW LEVEL SECURITY; ALTER TABLE enrolment_links FORCE ROW LEVEL SECURITY;
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY; ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY; ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY; ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY; ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;

-- The agency directory and desks are visible to every signed-in actor (messages are addressed to them);
-- only the platform administrator changes agencies, and only an agency changes its own desks.
CREATE POLICY agencies_read ON agencies FOR SELECT USING (tansiq_user() IS NOT NULL);
CREATE POLICY agencies_insert ON agencies FOR INSERT WITH CHECK (tansiq_platform_admin());
CREATE POLICY agencies_update ON agencies FOR UPDATE USING (tansiq_platform_admin()) WITH CHECK (tansiq_platform_admin());

CREATE POLICY desks_read ON desks FOR SELECT USING (tansiq_user() IS NOT NULL);
CREATE POLICY desks_insert ON desks FOR INSERT WITH CHECK (agency_id = tansiq_agency());
CREATE POLICY desks_update ON desks FOR UPDATE USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

-- Staff of an agency are visible only inside it: foreign partners never learn another service's staff.
CREATE POLICY users_read ON users FOR SELECT USING (agency_id = tansiq_agency() OR id = tansiq_user());
CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (agency_id = tansiq_agency());
CREATE POLICY users_update ON users FOR UPDATE USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

CREATE POLICY user_desks_read ON user_desks FOR SELECT USING (agency_id = tansiq_agency());
CREATE POLICY user_desks_insert ON user_desks FOR INSERT WITH CHECK (agency_id = tansiq_agency());
CREATE POLICY user_desks_delete ON user_desks FOR DELETE USING (agency_id = tansiq_agency());

CREATE POLICY sessions_own ON sessions FOR ALL USING (user_id = tansiq_user()) WITH CHECK (user_id = tansiq_user());

CREATE POLICY api_tokens_own ON api_tokens FOR ALL USING (user_id = tansiq_user()) WITH CHECK (user_id = tansiq_user() AND agency_id = tansiq_agency());

CREATE POLICY enrolment_read ON enrolment_links FOR SELECT USING (agency_id = tansiq_agency() OR tansiq_platform_admin());
CREATE POLICY enrolment_insert ON enrolment_links FOR INSERT WITH CHECK (agency_id = tansiq_agency() OR (tansiq_platform_admin() AND purpose = 'first-admin'));
CREATE POLICY enrolment_update ON enrolment_links FOR UPDATE USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

-- Back-off counters are reachable only through the tansiq_throttle_* functions.
CREATE POLICY login_throttle_none ON login_throttle FOR SELECT USING (false);

CREATE POLICY notifications_read ON notifications FOR SELECT USING (user_id = tansiq_user());
CREATE POLICY notifications_update ON notifications FOR UPDATE USING (user_id = tansiq_user()) WITH CHECK (user_id = tansiq_user());
CREATE POLICY notifications_insert ON notifications FOR INSERT WITH CHECK (agency_id = tansiq_agency());

-- An agency reads the events of its own staff and the events about its own objects.
CREATE POLICY audit_read ON audit_events FOR SELECT USING (actor_agency_id = tansiq_agency() OR subject_agency_id = tansiq_agency());
CREATE POLICY audit_checkpoints_none ON audit_checkpoints FOR SELECT USING (false);

-- ---------------------------------------------------------------- functions used before a user is known
CREATE FUNCTION tansiq_auth_find_user(p_email text)
RETURNS TABLE (id uuid, agency_id uuid, password_hash text, totp_secret_enc text, totp_last_counter bigint,
               recovery_codes text[], roles text[], disabled boolean, agency_disabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.agency_id, u.password_hash, CASE WHEN u.totp_enabled_at IS NULL THEN NULL ELSE u.totp_secret_enc END,
         u.totp_last_counter, u.recovery_codes, u.roles, u.disabled_at IS NOT NULL, a.disabled_at IS NOT NULL
  FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.email = lower(p_email)
$$;

CREATE FUNCTION tansiq_auth_session(p_id text)
RETURNS TABLE (id text, user_id uuid, agency_id uuid, csrf_token text, created_at timestamptz, last_seen_at timestamptz,
               expires_at timestamptz, roles text[], disabled boolean, desk_ids uuid[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, s.user_id, s.agency_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.roles,
         (u.disabled_at IS NOT NULL OR a.disabled_at IS NOT NULL),
         ARRAY(SELECT d.desk_id FROM user_desks d WHERE d.user_id = s.user_id ORDER BY d.desk_id)
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = s.agency_id
  WHERE s.id = p_id AND s.revoked_at IS NULL
$$;

CREATE FUNCTION tansiq_auth_api_token(p_hash text)
RETURNS TABLE (id uuid, user_id uuid, agency_id uuid, expires_at timestamptz, roles text[], disabled boolean, desk_ids uuid[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.user_id, t.agency_id, t.expires_at, u.roles, (u.disabled_at IS NOT NULL OR a.disabled_at IS NOT NULL),
         ARRAY(SELECT d.desk_id FROM user_desks d WHERE d.user_id = t.user_id ORDER BY d.desk_id)
  FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN agencies a ON a.id = t.agency_id
  WHERE t.token_hash = p_hash AND t.revoked_at IS NULL
$$;

CREATE FUNCTION tansiq_enrol_lookup(p_hash text)
RETURNS TABLE (id uuid, agency_id uuid, agency_name text, email text, display_name text, purpose text, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT l.id, l.agency_id, a.name, l.email, l.display_name, l.purpose, l.expires_at
  FROM enrolment_links l JOIN agencies a ON a.id = l.agency_id
  WHERE l.token_hash = p_hash AND l.used_at IS NULL AND l.expires_at > now() AND a.disabled_at IS NULL
$$;

-- Redeems a link once: creates the user (new user, first administrator) or sets the new password (reset).
-- Returns the user's id and agency, or nothing when the link is unknown, used or expired.
CREATE FUNCTION tansiq_enrol_redeem(p_hash text, p_display_name text, p_password_hash text)
RETURNS TABLE (user_id uuid, agency_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
DECLARE l enrolment_links%ROWTYPE; uid uuid;
BEGIN
  SELECT * INTO l FROM enrolment_links WHERE token_hash = p_hash AND used_at IS NULL AND expires_at > now() FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  IF l.user_id IS NULL THEN
    INSERT INTO users (agency_id, email, display_name, roles, password_hash, password_changed_at)
    VALUES (l.agency_id, l.email, p_display_name, l.roles, p_password_hash, now())
    ON CONFLICT (email) DO NOTHING RETURNING id INTO uid;
    IF uid IS NULL THEN RETURN; END IF;
  ELSE
    UPDATE users SET password_hash = p_password_hash, password_changed_at = now(), display_name = p_display_name
    WHERE id = l.user_id AND disabled_at IS NULL RETURNING id INTO uid;
    IF uid IS NULL THEN RETURN; END IF;
  END IF;
  UPDATE enrolment_links SET used_at = now(), user_id = uid WHERE id = l.id;
  -- Other open links for the same person die with this one.
  UPDATE enrolment_links SET used_at = now() WHERE user_id = uid AND used_at IS NULL;
  RETURN QUERY SELECT uid, l.agency_id;
END $$;

-- Login back-off: a failure grows the delay for each key; success clears the per-account-and-address key.
CREATE FUNCTION tansiq_throttle_check(p_keys text[])
RETURNS timestamptz LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT max(next_allowed_at) FROM login_throttle WHERE key = ANY(p_keys) AND next_allowed_at > now()
$$;

CREATE FUNCTION tansiq_throttle_fail(p_keys text[], p_caps_seconds integer[], p_free integer[])
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE i integer; n integer;
BEGIN
  FOR i IN 1 .. array_length(p_keys, 1) LOOP
    INSERT INTO login_throttle AS t (key, failures, last_failure_at, next_allowed_at)
    VALUES (p_keys[i], 1, now(), now())
    ON CONFLICT (key) DO UPDATE SET
      -- Forget failures older than a day, so a mistake last week costs nothing today.
      failures = CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 1 ELSE t.failures + 1 END,
      last_failure_at = now()
    RETURNING failures INTO n;
    -- The first p_free failures cost nothing; then the delay doubles, up to the key's cap.
    UPDATE login_throttle SET next_allowed_at = now() + make_interval(secs => least(p_caps_seconds[i],
      CASE WHEN n <= p_free[i] THEN 0 ELSE power(2, least(20, n - p_free[i] - 1)) END))
    WHERE key = p_keys[i];
  END LOOP;
  DELETE FROM login_throttle WHERE last_failure_at < now() - interval '2 days';
END $$;

CREATE FUNCTION tansiq_throttle_clear(p_keys text[])
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM login_throttle WHERE key = ANY(p_keys)
$$;

-- Ends a user's sessions (all but p_keep) and, when asked, their API tokens: for a password change, a reset
-- or a disabled account. Limited to users of the caller's own agency; the application checks the role.
CREATE FUNCTION tansiq_revoke_user_access(p_user uuid, p_keep text, p_tokens boolean)
RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer;
BEGIN
  IF tansiq_agency() IS NULL THEN RETURN 0; END IF;
  UPDATE sessions SET revoked_at = now()
  WHERE user_id = p_user AND agency_id = tansiq_agency() AND revoked_at IS NULL AND id IS DISTINCT FROM p_keep;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF p_tokens THEN
    UPDATE api_tokens SET revoked_at = now() WHERE user_id = p_user AND agency_id = tansiq_agency() AND revoked_at IS NULL;
  END IF;
  RETURN n;
END $$;

-- ---------------------------------------------------------------- the audit chain
-- One global chain. The append takes a transaction-level advisory lock as the last step before commit, so
-- committing transactions are ordered and the chain never forks; the actor comes from the transaction's
-- settings, not from arguments, so the application cannot write events in someone else's name.
CREATE FUNCTION tansiq_audit_canonical(e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(chr(31), e.seq::text, e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.actor_user_id::text, ''), coalesce(e.actor_agency_id::text, ''), coalesce(e.actor_label, ''),
    coalesce(e.subject_agency_id::text, ''), e.action, coalesce(e.object_type, ''), coalesce(e.object_id, ''),
    coalesce(e.purpose, ''), coalesce(e.ip, ''), e.details::text)
$$;

CREATE FUNCTION tansiq_audit_append(p_events jsonb)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE ev jsonb; head_seq bigint; head_hash text; r audit_events%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(7424873);
  SELECT seq, hash INTO head_seq, head_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  IF head_seq IS NULL THEN head_seq := 0; head_hash := repeat('0', 64); END IF;
  FOR ev IN SELECT * FROM jsonb_array_elements(p_events) LOOP
    r.seq := head_seq + 1;
    r.id := gen_random_uuid();
    r.at := date_trunc('microseconds', clock_timestamp());
    r.actor_user_id := tansiq_user();
    r.actor_agency_id := tansiq_agency();
    r.actor_label := nullif(current_setting('tansiq.actor_label', true), '');
    r.subject_agency_id := nullif(ev->>'subjectAgencyId', '')::uuid;
    r.action := ev->>'action';
    r.object_type := ev->>'objectType';
    r.object_id := ev->>'objectId';
    r.purpose := ev->>'purpose';
    r.ip := nullif(current_setting('tansiq.ip', true), '');
    r.details := coalesce(ev->'details', '{}'::jsonb);
    r.prev_hash := head_hash;
    r.hash := encode(sha256(convert_to(r.prev_hash || chr(10) || tansiq_audit_canonical(r), 'UTF8')), 'hex');
    INSERT INTO audit_events VALUES (r.*);
    head_seq := r.seq; head_hash := r.hash;
  END LOOP;
END $$;

-- ---------------------------------------------------------------- grants to the application role
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tansiq_app;
GRANT SELECT, INSERT, UPDATE ON agencies, desks, users, notifications, enrolment_links TO tansiq_app;
GRANT SELECT, INSERT, DELETE ON user_desks TO tansiq_app;
GRANT SELECT, INSERT, UPDATE ON sessions, api_tokens TO tansiq_app;
GRANT SELECT ON audit_events TO tansiq_app;
GRANT EXECUTE ON FUNCTION tansiq_user(), tansiq_agency(), tansiq_platform_admin(),
  tansiq_auth_find_user(text), tansiq_auth_session(text), tansiq_auth_api_token(text), tansiq_enrol_lookup(text),
  tansiq_enrol_redeem(text, text, text), tansiq_throttle_check(text[]), tansiq_throttle_fail(text[], integer[], integer[]),
  tansiq_throttle_clear(text[]), tansiq_revoke_user_access(uuid, text, boolean), tansiq_audit_append(jsonb), tansiq_audit_canonical(audit_events) TO tansiq_app;
