-- The caller's set of visible cases, computed once per transaction (issue 3, "full-text search fast on a large
-- mailbox"; bench/messages-search).
--
-- Why: every policy of the case and message tables reads tansiq_case_ids() (0002), and one request asks it several
-- times: a message list asks it in tansiq_message_find(), in the policies of messages and of the joined cases, and
-- again for the receipts (their policy reads messages under messages' policy). For an officer of a large agency
-- (5,894 cases on the 1 M-message bench) one computation took 12-69 ms: most of what a list request cost.
--
-- What: tansiq_case_ids() keeps its rule (0002's query, unchanged, and tansiq_case_visible() of 0013 still spells the
-- same rule for one case) and remembers its answer in the transaction-local setting tansiq.case_ids, which later
-- calls in the same transaction read back instead of computing again. Row-level security still checks every row
-- against that set; only the set is not recomputed.
--
-- Why this stays a wall:
-- * The remembered value carries a MAC keyed with a secret only the owner can read (tansiq_case_ids_key) over the
--   backend, the transaction's start time, the user, the agency and the ids. The application role can write any
--   tansiq.* setting, but it cannot make one that passes: a value is used only in the transaction, for the user and
--   agency, that computed it; anything else (cleared, forged, replayed from another transaction or another user) is
--   ignored and the set computed again.
-- * Anything that changes a caller's set forgets the remembered value (triggers below): a participation inserted,
--   changed or deleted (invitation accepted, case left, a hit case joined), a member named or removed, a case made
--   restricted or not, a user's roles, agency or disabling changed. The next call in the same transaction computes
--   the set again, so joining or leaving a case and then reading in the same transaction sees the new set. The
--   triggers fire for every row, after it, before any later AFTER trigger of the same statement reads the set.
-- * What another transaction commits while this one runs is seen by this one's later calls only after its own
--   next recomputation: for the rest of one request the set stays the one it read first (it could see those cases
--   a moment before). Requests are one transaction each.
-- * A transaction-local setting ends with the transaction (commit or rollback), and a rolled-back savepoint restores
--   the value it had before the savepoint, which was right for the state the rollback returns to.

-- ---------------------------------------------------------------- the key (never readable by the application)
CREATE TABLE tansiq_case_ids_key (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  k text NOT NULL
);
INSERT INTO tansiq_case_ids_key (k) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
ALTER TABLE tansiq_case_ids_key ENABLE ROW LEVEL SECURITY; ALTER TABLE tansiq_case_ids_key FORCE ROW LEVEL SECURITY;
-- Nobody but the owner (the SECURITY DEFINER function below): no grant, and a policy that admits no row.
CREATE POLICY tansiq_case_ids_key_none ON tansiq_case_ids_key FOR ALL USING (false) WITH CHECK (false);
REVOKE ALL ON tansiq_case_ids_key FROM PUBLIC;

-- ---------------------------------------------------------------- the set, once per transaction
CREATE OR REPLACE FUNCTION tansiq_case_ids() RETURNS SETOF uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_user uuid := tansiq_user();
  v_agency uuid := tansiq_agency();
  v_kept text := coalesce(current_setting('tansiq.case_ids', true), '');
  v_key text;
  v_stamp text;
  v_ids uuid[];
  v_text text;
BEGIN
  IF v_user IS NULL OR v_agency IS NULL THEN RETURN; END IF; -- tansiq_case_worker() is false without both
  SELECT k INTO v_key FROM tansiq_case_ids_key;
  v_stamp := pg_backend_pid()::text || '|' || extract(epoch FROM now())::text || '|' || v_user::text || '|' || v_agency::text || '|';
  IF length(v_kept) > 64 THEN
    v_text := substr(v_kept, 65);
    IF left(v_kept, 64) = encode(sha256(convert_to(v_key || encode(sha256(convert_to(v_key || v_stamp || v_text, 'UTF8')), 'hex'), 'UTF8')), 'hex') THEN
      RETURN QUERY SELECT unnest(v_text::uuid[]);
      RETURN;
    END IF;
  END IF;
  -- 0002's rule, unchanged.
  v_ids := ARRAY(SELECT c.id FROM cases c JOIN case_participants p ON p.case_id = c.id
    WHERE tansiq_case_worker() AND p.agency_id = v_agency AND p.status = 'active'
      AND (NOT c.restricted OR EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = v_user AND m.removed_at IS NULL)));
  v_text := v_ids::text;
  PERFORM set_config('tansiq.case_ids',
    encode(sha256(convert_to(v_key || encode(sha256(convert_to(v_key || v_stamp || v_text, 'UTF8')), 'hex'), 'UTF8')), 'hex') || v_text, true);
  RETURN QUERY SELECT unnest(v_ids);
END $$;

-- ---------------------------------------------------------------- forgetting it when the set may change
CREATE FUNCTION tansiq_case_ids_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('tansiq.case_ids', '', true);
  RETURN NULL;
END $$;
CREATE TRIGGER case_ids_forget AFTER INSERT OR UPDATE OR DELETE ON case_participants FOR EACH ROW EXECUTE FUNCTION tansiq_case_ids_forget();
CREATE TRIGGER case_ids_forget AFTER INSERT OR UPDATE OR DELETE ON case_members FOR EACH ROW EXECUTE FUNCTION tansiq_case_ids_forget();
CREATE TRIGGER case_ids_forget AFTER INSERT OR DELETE OR UPDATE OF id, restricted ON cases FOR EACH ROW EXECUTE FUNCTION tansiq_case_ids_forget();
CREATE TRIGGER case_ids_forget AFTER INSERT OR DELETE OR UPDATE OF id, agency_id, roles, disabled_at ON users FOR EACH ROW EXECUTE FUNCTION tansiq_case_ids_forget();
