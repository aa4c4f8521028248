-- Messages: visibility that an index can answer, and search that uses its index under row-level security (issue 3,
-- "full-text search fast on a large mailbox"; bench/messages-search).
--
-- Why: the 0004 policy decided "sent by or addressed to my agency" per row with a SECURITY DEFINER probe
-- (tansiq_message_recipient), so every list scanned every message of the cases the caller sees and paid a function
-- call for each; and PostgreSQL never uses an index for a condition of the caller's own query that is not leakproof
-- (text search's @@ is not) while a policy applies, so a search read every visible row's search vector.
--
-- The rule does not change (0004's header): a message is seen by users who see its case AND whose agency sent it or
-- is one of its recipients; TLP:RED only by its sender and the readers fixed at send. What changes is how "sent by or
-- addressed to my agency" is stored: messages.visible_agencies, the sender's agency and every recipient agency,
-- written by triggers only (the sender's agency when the message is inserted, each recipient agency when its receipt
-- row is inserted, in the sending transaction). Messages are immutable and the application cannot UPDATE them; a
-- receipt's message and agency can no longer change either, so the array and the receipts always agree. An agency
-- that joins the case later is in no array, and sees none of the earlier messages: as before.

-- ---------------------------------------------------------------- the column, backfilled from the receipts
ALTER TABLE messages ADD COLUMN visible_agencies uuid[];
-- Rebuilt below: rewriting every row into the full-text index one by one is slower than building it again.
DROP INDEX messages_search;
UPDATE messages m SET visible_agencies = ARRAY[m.sender_agency_id] || coalesce(
  (SELECT array_agg(DISTINCT r.agency_id) FROM message_recipients r WHERE r.message_id = m.id AND r.agency_id <> m.sender_agency_id), '{}');
ALTER TABLE messages ALTER COLUMN visible_agencies SET NOT NULL;
CREATE INDEX messages_search ON messages USING gin (search);
CREATE INDEX messages_visible ON messages USING gin (visible_agencies);
-- Newest first across cases (the inbox and the lists), checked row by row against the now inline policy.
CREATE INDEX messages_created ON messages (created_at);

-- ---------------------------------------------------------------- kept by triggers
-- Whatever the inserting statement says, a new message is visible to its sender's agency only, until receipts exist.
CREATE FUNCTION tansiq_message_visible_init() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.visible_agencies := ARRAY[NEW.sender_agency_id];
  RETURN NEW;
END $$;
CREATE TRIGGER messages_visible_init BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION tansiq_message_visible_init();

-- A receipt adds its agency (once per statement and message: send writes all its receipts in one statement); never the
-- sender's own agency (send refuses it already; the inbox, "visible and not sent by my agency", relies on it). SECURITY
-- DEFINER because the application has no UPDATE on messages; it runs only as a trigger, after the receipt rows passed
-- message_recipients_insert (the sender's own message, to agencies active in the case).
CREATE FUNCTION tansiq_message_recipients_added() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added n JOIN messages m ON m.id = n.message_id WHERE n.agency_id = m.sender_agency_id) THEN
    RAISE EXCEPTION 'a message is not addressed to its own sender''s agency' USING ERRCODE = 'check_violation';
  END IF;
  UPDATE messages m SET visible_agencies = ARRAY(SELECT DISTINCT x FROM unnest(m.visible_agencies || a.agencies) x)
  FROM (SELECT n.message_id, array_agg(DISTINCT n.agency_id) AS agencies FROM added n GROUP BY n.message_id) a
  WHERE m.id = a.message_id AND NOT m.visible_agencies @> a.agencies;
  RETURN NULL;
END $$;
CREATE TRIGGER message_recipients_visible AFTER INSERT ON message_recipients REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION tansiq_message_recipients_added();

-- A receipt stays the receipt of its message and agency. (Before this, the receiving agency could re-point its own
-- receipt at another message of a case it takes part in, and so become one of that message's recipients.)
CREATE FUNCTION tansiq_message_recipient_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.message_id <> OLD.message_id OR NEW.agency_id <> OLD.agency_id THEN
    RAISE EXCEPTION 'a receipt''s message and agency cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER message_recipients_fixed BEFORE UPDATE ON message_recipients FOR EACH ROW EXECUTE FUNCTION tansiq_message_recipient_fixed();

-- ---------------------------------------------------------------- the rule, inline
DROP POLICY messages_read ON messages;
CREATE POLICY messages_read ON messages FOR SELECT USING (
  visible_agencies @> ARRAY[tansiq_agency()]
  AND case_id IN (SELECT tansiq_case_ids())
  AND (tlp <> 'RED' OR sender_user_id = tansiq_user() OR tansiq_message_red_reader(id)));

-- Receipts are seen with their message. messages_read no longer reads the receipts, so this policy may read messages
-- under their own policy: the caller's cases are then gathered once per query, where tansiq_message_visible() asked
-- for them again for every receipt row.
DROP POLICY message_recipients_read ON message_recipients;
CREATE POLICY message_recipients_read ON message_recipients FOR SELECT USING (
  EXISTS (SELECT 1 FROM messages m WHERE m.id = message_recipients.message_id));

-- One case, the rule of tansiq_case_ids() (0002) for a single case: a probe instead of the whole set, for checks made
-- row by row (tests/visibility.test.ts compares the two). Keep them the same.
CREATE FUNCTION tansiq_case_visible(p_case uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT tansiq_case_worker() AND EXISTS (SELECT 1 FROM cases c JOIN case_participants p ON p.case_id = c.id
    WHERE c.id = p_case AND p.agency_id = tansiq_agency() AND p.status = 'active'
      AND (NOT c.restricted OR EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = tansiq_user() AND m.removed_at IS NULL)))
$$;

-- The whole rule for one message, for the policies of the tables that hang off messages (receipts, reads,
-- acknowledgements, attachments), asked once per row: probes only (0004's version computed the caller's whole set of
-- cases at every call).
CREATE OR REPLACE FUNCTION tansiq_message_visible(p_message uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM messages m WHERE m.id = p_message
    AND m.visible_agencies @> ARRAY[tansiq_agency()]
    AND tansiq_case_visible(m.case_id)
    AND (m.tlp <> 'RED' OR m.sender_user_id = tansiq_user() OR tansiq_message_red_reader(m.id)))
$$;

-- ---------------------------------------------------------------- lists and search
-- The newest p_limit messages (all when NULL) that the caller may see (the same rule as messages_read, spelled out
-- here), with their dates, newest first; only those matching p_query when given, in case p_case when given, and
-- sent by or addressed to p_with_agency too when given. Inside, the full-text, visibility and case indexes combine,
-- or the date index is walked newest first when what is asked for is common. The caller's list query joins these ids
-- and row-level security checks each row again. It tells the caller nothing beyond what it may read. The statement is
-- planned at each call with the caller's agency, cases and words as values, so the planner sees how common they are
-- (a policy's tansiq_agency() is no value at planning time: the planner would guess, and guess the same for an agency
-- holding a fifth of all messages as for one holding a thousandth).
CREATE FUNCTION tansiq_message_find(p_query tsquery, p_limit integer, p_case uuid DEFAULT NULL, p_with_agency uuid DEFAULT NULL)
RETURNS TABLE (id uuid, created_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 200 AS $$
BEGIN
  IF tansiq_agency() IS NULL THEN RETURN; END IF;
  RETURN QUERY EXECUTE
    'SELECT m.id, m.created_at FROM messages m
     WHERE m.visible_agencies @> $2 AND m.case_id = ANY ($3)
       AND (m.tlp <> ''RED'' OR m.sender_user_id = $4 OR tansiq_message_red_reader(m.id))'
    || CASE WHEN p_query IS NULL THEN '' ELSE ' AND m.search @@ $1' END
    || CASE WHEN p_case IS NULL THEN '' ELSE ' AND m.case_id = $6' END
    || ' ORDER BY m.created_at DESC LIMIT $5'
    USING p_query, array_remove(ARRAY[tansiq_agency(), p_with_agency], NULL), ARRAY(SELECT tansiq_case_ids()), tansiq_user(), p_limit, p_case;
END $$;

REVOKE ALL ON FUNCTION tansiq_message_recipients_added(), tansiq_message_find(tsquery, integer, uuid, uuid), tansiq_case_visible(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tansiq_message_find(tsquery, integer, uuid, uuid), tansiq_case_visible(uuid) TO tansiq_app;
