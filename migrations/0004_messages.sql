-- Case-based secure messages between agencies (issue 3, second step): handling codes, TLP 2.0 markings, evaluation
-- codes, priority, requests with legal answer deadlines, receipts per agency and desk, TLP:RED readers fixed at send,
-- H3 acknowledgements, and full-text search.
--
-- Who sees a message (the second wall behind server/modules/messages/policies):
-- * only users who see its case (tansiq_case_ids()), AND whose agency sent it or is one of its recipients;
-- * a TLP:RED message: only its sender and the individual readers fixed when it was sent (the addressed desk's
--   standing RED list, kept by that agency's supervisor) — nobody is added later;
-- * who read a message inside an agency is visible to that agency only; the sender sees receipts per agency and desk.
-- Messages are immutable: no UPDATE or DELETE is granted on them.

CREATE TABLE messages (
  id uuid PRIMARY KEY,                         -- chosen by the application (rows are visible only once recipients exist)
  case_id uuid NOT NULL REFERENCES cases(id),
  parent_id uuid REFERENCES messages(id),      -- a reply threads under its parent
  sender_agency_id uuid NOT NULL REFERENCES agencies(id),
  sender_desk_id uuid NOT NULL REFERENCES desks(id),
  sender_user_id uuid NOT NULL REFERENCES users(id),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body text NOT NULL CHECK (length(body) <= 200000),
  body_format text NOT NULL DEFAULT 'markdown' CHECK (body_format IN ('plain', 'markdown')),
  purpose text CHECK (length(purpose) <= 500),
  handling_code text NOT NULL CHECK (handling_code IN ('H0', 'H1', 'H2', 'H3')),
  handling_text text CHECK (length(handling_text) <= 2000),
  tlp text NOT NULL CHECK (tlp IN ('RED', 'AMBER+STRICT', 'AMBER', 'GREEN', 'CLEAR')),
  source_reliability text NOT NULL CHECK (source_reliability IN ('A', 'B', 'C', 'X')),
  info_accuracy smallint NOT NULL CHECK (info_accuracy BETWEEN 1 AND 4),
  priority text NOT NULL CHECK (priority IN ('urgent', 'normal')),
  is_request boolean NOT NULL DEFAULT false,
  lang text NOT NULL DEFAULT 'simple',          -- the text-search configuration the body was indexed with
  search tsvector NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (handling_code <> 'H3' OR coalesce(length(handling_text), 0) > 0)
);
CREATE INDEX messages_case ON messages (case_id, created_at);
CREATE INDEX messages_sender ON messages (sender_agency_id, created_at DESC);
CREATE INDEX messages_search ON messages USING gin (search);

-- One row per addressed agency (and desk): the receipt the sender sees, and the request's state and deadline.
CREATE TABLE message_recipients (
  message_id uuid NOT NULL REFERENCES messages(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  desk_id uuid REFERENCES desks(id),
  framework text NOT NULL CHECK (framework IN ('eu-2023-977', 'bilateral', 'interpol', 'other', 'domestic')),
  first_read_at timestamptz,
  acknowledged_at timestamptz,
  request_state text CHECK (request_state IN ('sent', 'acknowledged', 'extended', 'answered', 'refused')),
  access_class text CHECK (access_class IN ('direct', 'obtain')),   -- Directive 2023/977: classified by the requested side
  due_at timestamptz,
  extended_until timestamptz,
  extension_reason text CHECK (length(extension_reason) <= 1000),
  refusal_ground text CHECK (length(refusal_ground) <= 1000),
  answered_at timestamptz,
  answer_id uuid REFERENCES messages(id),
  PRIMARY KEY (message_id, agency_id)
);
CREATE INDEX message_recipients_agency ON message_recipients (agency_id, message_id);

-- Who read it, inside the receiving (or sending) agency: that agency alone sees the names.
CREATE TABLE message_reads (
  message_id uuid NOT NULL REFERENCES messages(id),
  user_id uuid NOT NULL REFERENCES users(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  first_read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id)
);

-- A desk's standing list of TLP:RED readers, kept by its agency's supervisor before anything arrives.
CREATE TABLE desk_red_readers (
  desk_id uuid NOT NULL REFERENCES desks(id),
  user_id uuid NOT NULL REFERENCES users(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  added_by uuid NOT NULL REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, user_id)
);

-- The readers of one TLP:RED message, fixed when it was sent.
CREATE TABLE message_red_readers (
  message_id uuid NOT NULL REFERENCES messages(id),
  user_id uuid NOT NULL REFERENCES users(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (message_id, user_id)
);

-- H3: each reader acknowledges the restriction before the content shows.
CREATE TABLE message_h3_acks (
  message_id uuid NOT NULL REFERENCES messages(id),
  user_id uuid NOT NULL REFERENCES users(id),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id)
);

-- Visibility is decided row by row with index look-ups, so it stays cheap with millions of messages: the set of the
-- caller's visible cases (small) is computed once per query, the rest are primary-key probes. The helpers are
-- SECURITY DEFINER so the policies of the message tables can ask them without recursing into each other; they read
-- only the caller's identity from the transaction settings.
CREATE FUNCTION tansiq_message_recipient(p_message uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM message_recipients WHERE message_id = p_message AND agency_id = tansiq_agency())
$$;
CREATE FUNCTION tansiq_message_red_reader(p_message uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM message_red_readers WHERE message_id = p_message AND user_id = tansiq_user())
$$;
-- The whole rule for one message (see the header), for the tables that hang off messages.
CREATE FUNCTION tansiq_message_visible(p_message uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM messages m WHERE m.id = p_message
    AND m.case_id IN (SELECT tansiq_case_ids())
    AND (m.sender_agency_id = tansiq_agency() OR tansiq_message_recipient(m.id))
    AND (m.tlp <> 'RED' OR m.sender_user_id = tansiq_user() OR tansiq_message_red_reader(m.id)))
$$;

-- Fixes a TLP:RED message's readers from the addressed desk's standing list, in the sender's transaction. The sender
-- learns how many readers there are, never who they are.
CREATE FUNCTION tansiq_fix_red_readers(p_message uuid, p_desk uuid) RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM messages WHERE id = p_message AND sender_user_id = tansiq_user() AND tlp = 'RED') THEN
    RAISE EXCEPTION 'only the sender of a TLP:RED message fixes its readers' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO message_red_readers (message_id, user_id, agency_id)
  SELECT p_message, r.user_id, r.agency_id FROM desk_red_readers r JOIN users u ON u.id = r.user_id
  WHERE r.desk_id = p_desk AND u.disabled_at IS NULL
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

ALTER TABLE messages ENABLE ROW LEVEL SECURITY; ALTER TABLE messages FORCE ROW LEVEL SECURITY;
ALTER TABLE message_recipients ENABLE ROW LEVEL SECURITY; ALTER TABLE message_recipients FORCE ROW LEVEL SECURITY;
ALTER TABLE message_reads ENABLE ROW LEVEL SECURITY; ALTER TABLE message_reads FORCE ROW LEVEL SECURITY;
ALTER TABLE desk_red_readers ENABLE ROW LEVEL SECURITY; ALTER TABLE desk_red_readers FORCE ROW LEVEL SECURITY;
ALTER TABLE message_red_readers ENABLE ROW LEVEL SECURITY; ALTER TABLE message_red_readers FORCE ROW LEVEL SECURITY;
ALTER TABLE message_h3_acks ENABLE ROW LEVEL SECURITY; ALTER TABLE message_h3_acks FORCE ROW LEVEL SECURITY;

CREATE POLICY messages_read ON messages FOR SELECT USING (
  case_id IN (SELECT tansiq_case_ids())
  AND (sender_agency_id = tansiq_agency() OR tansiq_message_recipient(id))
  AND (tlp <> 'RED' OR sender_user_id = tansiq_user() OR tansiq_message_red_reader(id)));
CREATE POLICY messages_insert ON messages FOR INSERT WITH CHECK (
  sender_agency_id = tansiq_agency() AND sender_user_id = tansiq_user() AND case_id IN (SELECT tansiq_case_ids())
  AND EXISTS (SELECT 1 FROM desks d WHERE d.id = sender_desk_id AND d.agency_id = tansiq_agency()));

CREATE POLICY message_recipients_read ON message_recipients FOR SELECT USING (tansiq_message_visible(message_id));
-- Recipients are written by the sender in the sending transaction, to agencies that take part in the case.
CREATE POLICY message_recipients_insert ON message_recipients FOR INSERT WITH CHECK (
  EXISTS (SELECT 1 FROM messages m WHERE m.id = message_id AND m.sender_user_id = tansiq_user())
  AND EXISTS (SELECT 1 FROM case_participants p JOIN messages m ON m.case_id = p.case_id
              WHERE m.id = message_id AND p.agency_id = message_recipients.agency_id AND p.status = 'active'));
-- The receiving agency updates its own receipt (read, acknowledged, classified, extended, refused, answered).
CREATE POLICY message_recipients_update ON message_recipients FOR UPDATE
  USING (agency_id = tansiq_agency() AND tansiq_message_visible(message_id))
  WITH CHECK (agency_id = tansiq_agency());

CREATE POLICY message_reads_read ON message_reads FOR SELECT USING (agency_id = tansiq_agency());
CREATE POLICY message_reads_insert ON message_reads FOR INSERT WITH CHECK (
  user_id = tansiq_user() AND agency_id = tansiq_agency() AND tansiq_message_visible(message_id));

CREATE POLICY desk_red_readers_read ON desk_red_readers FOR SELECT USING (agency_id = tansiq_agency());
CREATE POLICY desk_red_readers_insert ON desk_red_readers FOR INSERT WITH CHECK (
  agency_id = tansiq_agency() AND added_by = tansiq_user() AND tansiq_user_has_role(ARRAY['supervisor'])
  AND EXISTS (SELECT 1 FROM desks d WHERE d.id = desk_id AND d.agency_id = tansiq_agency())
  AND EXISTS (SELECT 1 FROM users u WHERE u.id = user_id AND u.agency_id = tansiq_agency()));
CREATE POLICY desk_red_readers_delete ON desk_red_readers FOR DELETE USING (agency_id = tansiq_agency() AND tansiq_user_has_role(ARRAY['supervisor']));

-- The receiving agency sees who its RED readers are; everyone else, only whether they are one.
CREATE POLICY message_red_readers_read ON message_red_readers FOR SELECT USING (agency_id = tansiq_agency() OR user_id = tansiq_user());

CREATE POLICY message_h3_acks_own ON message_h3_acks FOR ALL USING (user_id = tansiq_user())
  WITH CHECK (user_id = tansiq_user() AND agency_id = tansiq_agency() AND tansiq_message_visible(message_id));

REVOKE ALL ON messages, message_recipients, message_reads, desk_red_readers, message_red_readers, message_h3_acks FROM PUBLIC;
REVOKE ALL ON FUNCTION tansiq_message_recipient(uuid), tansiq_message_red_reader(uuid), tansiq_message_visible(uuid), tansiq_fix_red_readers(uuid, uuid) FROM PUBLIC;
GRANT SELECT, INSERT ON messages, message_reads, message_h3_acks TO tansiq_app;
GRANT SELECT, INSERT, UPDATE ON message_recipients TO tansiq_app;
GRANT SELECT, INSERT, DELETE ON desk_red_readers TO tansiq_app;
GRANT SELECT ON message_red_readers TO tansiq_app;
GRANT EXECUTE ON FUNCTION tansiq_message_recipient(uuid), tansiq_message_red_reader(uuid), tansiq_message_visible(uuid), tansiq_fix_red_readers(uuid, uuid) TO tansiq_app;
