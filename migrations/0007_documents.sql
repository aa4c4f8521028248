-- Stolen and lost travel documents (ICAO 9303), registered by the agency of the issuing country.
--
-- Every agency may CHECK a document (hit/no-hit, with the registering agency and the loss type) through
-- tansiq_documents_check(), which takes exact (issuing state, number) keys and can therefore never list the
-- registry; only the registering agency reads, lists and closes its own rows (the table's policies).
-- "Its own country only" is enforced by the application's policy (agency.country → ICAO issuing code).

CREATE TABLE travel_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  -- ICAO 9303 issuing code as the zone writes it (D for Germany, UTO for the specimens), number normalised
  -- (upper case, no spaces, dashes or fillers).
  issuing_state text NOT NULL CHECK (issuing_state ~ '^[A-Z]{1,3}$' AND issuing_state NOT IN ('XXA','XXB','XXC','XXX')),
  number text NOT NULL CHECK (number ~ '^[A-Z0-9]{1,30}$'),
  doc_type text NOT NULL CHECK (doc_type IN ('passport','id-card','visa','other')),
  loss_type text NOT NULL CHECK (loss_type IN ('stolen','lost','stolen-blank','revoked')),
  loss_date date NOT NULL,
  registered_by uuid REFERENCES users(id),
  job_id uuid REFERENCES jobs(id) ON DELETE SET NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  recovered_at timestamptz,
  removed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  CHECK (recovered_at IS NULL OR removed_at IS NULL)
);
-- One live record per document: the check is one probe of this index, also at tens of millions of rows.
CREATE UNIQUE INDEX travel_documents_live ON travel_documents(issuing_state, number) WHERE recovered_at IS NULL AND removed_at IS NULL;
CREATE INDEX travel_documents_agency ON travel_documents(agency_id, registered_at DESC);

ALTER TABLE travel_documents ENABLE ROW LEVEL SECURITY; ALTER TABLE travel_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY travel_documents_read ON travel_documents FOR SELECT USING (agency_id = tansiq_agency());
CREATE POLICY travel_documents_insert ON travel_documents FOR INSERT WITH CHECK (agency_id = tansiq_agency() AND registered_by = tansiq_user());
CREATE POLICY travel_documents_update ON travel_documents FOR UPDATE USING (agency_id = tansiq_agency()) WITH CHECK (agency_id = tansiq_agency());

-- The check: live records for exact keys, and only what a hit may say (no registering user, no dates of the
-- registry's history). Any signed-in user; the application requires the screening permission and audits it.
CREATE FUNCTION tansiq_documents_check(p_states text[], p_numbers text[])
RETURNS TABLE (id uuid, issuing_state text, number text, agency_id uuid, doc_type text, loss_type text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.id, d.issuing_state, d.number, d.agency_id, d.doc_type, d.loss_type
  FROM unnest(p_states, p_numbers) AS k(s, n)
  JOIN travel_documents d ON d.issuing_state = k.s AND d.number = k.n AND d.recovered_at IS NULL AND d.removed_at IS NULL
  WHERE tansiq_user() IS NOT NULL
$$;

REVOKE ALL ON travel_documents FROM PUBLIC;
REVOKE ALL ON FUNCTION tansiq_documents_check(text[], text[]) FROM PUBLIC;
-- Closing a record is the only change: no UPDATE of what was registered, no DELETE.
GRANT SELECT, INSERT ON travel_documents TO tansiq_app;
GRANT UPDATE (recovered_at, removed_at, closed_by) ON travel_documents TO tansiq_app;
GRANT EXECUTE ON FUNCTION tansiq_documents_check(text[], text[]) TO tansiq_app;
