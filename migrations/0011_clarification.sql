-- Directive 2023/977, Article 5: a request for clarification or specification stops the deadline clock until it is
-- answered. The requested side asks (state "clarification"); the requesting side's reply to its request answers it,
-- and an EU request's deadline moves by the time the clock stood still.
ALTER TABLE message_recipients DROP CONSTRAINT message_recipients_request_state_check;
ALTER TABLE message_recipients ADD CONSTRAINT message_recipients_request_state_check
  CHECK (request_state IN ('sent', 'acknowledged', 'extended', 'answered', 'refused', 'clarification'));
ALTER TABLE message_recipients
  ADD COLUMN clarification_question text,
  ADD COLUMN clarification_asked_at timestamptz,
  ADD COLUMN clarification_answered_at timestamptz,
  ADD COLUMN clock_stopped_seconds integer NOT NULL DEFAULT 0;

-- The requesting agency's answer re-opens its request at the recipient: it may move a receipt of its own message out
-- of "clarification" (and nothing else; the receiving agency keeps every other change of its receipt).
CREATE POLICY message_recipients_clarified ON message_recipients FOR UPDATE
  USING (request_state = 'clarification' AND EXISTS (SELECT 1 FROM messages m WHERE m.id = message_id AND m.sender_agency_id = tansiq_agency()))
  WITH CHECK (request_state IN ('sent', 'acknowledged') AND clarification_answered_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM messages m WHERE m.id = message_id AND m.sender_agency_id = tansiq_agency()));
