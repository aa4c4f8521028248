-- Onward use of information received in messages (issue 3): a copy passed on keeps the original provider's codes,
-- and permission (to disseminate under H2, to use in judicial proceedings under H1) is always asked of the original
-- provider, never of whoever passed it on. Every request, grant and refusal is recorded.

ALTER TABLE messages ADD COLUMN origin_message_id uuid REFERENCES messages(id);
ALTER TABLE messages ADD COLUMN origin_agency_id uuid REFERENCES agencies(id);
ALTER TABLE messages ADD CONSTRAINT messages_origin_pair CHECK ((origin_message_id IS NULL) = (origin_agency_id IS NULL));

CREATE TABLE message_permissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  origin_message_id uuid NOT NULL REFERENCES messages(id),     -- the provider's original message
  origin_agency_id uuid NOT NULL REFERENCES agencies(id),      -- the provider, who decides
  via_message_id uuid NOT NULL REFERENCES messages(id),        -- the message the requester holds (the original or a copy)
  requester_agency_id uuid NOT NULL REFERENCES agencies(id),
  requested_by uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('disseminate', 'judicial')),
  target_agency_id uuid REFERENCES agencies(id),               -- for dissemination: to whom
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'refused')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decision_note text CHECK (length(decision_note) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'disseminate') = (target_agency_id IS NOT NULL)),
  CHECK (origin_agency_id <> requester_agency_id)
);
CREATE INDEX message_permissions_origin ON message_permissions (origin_agency_id, status);
CREATE INDEX message_permissions_requester ON message_permissions (requester_agency_id, origin_message_id);

ALTER TABLE message_permissions ENABLE ROW LEVEL SECURITY; ALTER TABLE message_permissions FORCE ROW LEVEL SECURITY;
-- The two agencies concerned see the request: the provider and the requester.
CREATE POLICY message_permissions_read ON message_permissions FOR SELECT USING (tansiq_agency() IN (origin_agency_id, requester_agency_id));
-- A requester asks about a message it holds, in its own name.
CREATE POLICY message_permissions_insert ON message_permissions FOR INSERT WITH CHECK (
  requester_agency_id = tansiq_agency() AND requested_by = tansiq_user() AND status = 'pending' AND tansiq_message_visible(via_message_id));
-- Only the provider decides.
CREATE POLICY message_permissions_update ON message_permissions FOR UPDATE USING (origin_agency_id = tansiq_agency()) WITH CHECK (origin_agency_id = tansiq_agency());

REVOKE ALL ON message_permissions FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON message_permissions TO tansiq_app;
