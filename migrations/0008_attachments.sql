-- Attachments of messages (issue 3): files encrypted at rest with AES-256-GCM in chunks (server/platform/crypto/
-- chunked.ts), a data key per file wrapped by the master key named in key_id, the file id bound into every chunk.
-- The database holds only ciphertext; the key file lives outside it.
--
-- A file is uploaded by an officer to their agency as pending (visible to the uploader only), then referenced by
-- the message that carries it. From then on it is visible exactly to who sees a message carrying it (the messages'
-- own rule, tansiq_message_visible, including TLP:RED readers); H3 acknowledgement is checked by the application
-- before a download. A copy passed on carries the same file: the onward rules decided that the copy may exist.

CREATE TABLE attachments (
  id uuid PRIMARY KEY,                          -- chosen by the application: it is bound into every chunk
  agency_id uuid NOT NULL REFERENCES agencies(id),
  uploaded_by uuid NOT NULL REFERENCES users(id),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (length(media_type) <= 200),   -- detected from the content, not the name
  size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  chunk_bytes integer NOT NULL CHECK (chunk_bytes > 0),
  chunk_count integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
  key_id text NOT NULL CHECK (length(key_id) <= 64),               -- which master key wraps the data key
  wrapped_key bytea NOT NULL,
  status text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'ready')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_uploader ON attachments (uploaded_by, created_at);
CREATE INDEX attachments_key ON attachments (key_id);

-- Ciphertext chunks: nonce | ciphertext | tag. Never updated.
CREATE TABLE attachment_chunks (
  attachment_id uuid NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
  idx integer NOT NULL CHECK (idx >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (attachment_id, idx)
);

CREATE TABLE message_attachments (
  message_id uuid NOT NULL REFERENCES messages(id),
  attachment_id uuid NOT NULL REFERENCES attachments(id),
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (message_id, attachment_id)
);
CREATE INDEX message_attachments_file ON message_attachments (attachment_id);

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY; ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
ALTER TABLE attachment_chunks ENABLE ROW LEVEL SECURITY; ALTER TABLE attachment_chunks FORCE ROW LEVEL SECURITY;
ALTER TABLE message_attachments ENABLE ROW LEVEL SECURITY; ALTER TABLE message_attachments FORCE ROW LEVEL SECURITY;

-- The link is visible to who sees the message.
CREATE POLICY message_attachments_read ON message_attachments FOR SELECT USING (tansiq_message_visible(message_id));
-- The sender links ready files they may see (their own upload, or a file of the message they pass on).
CREATE POLICY message_attachments_insert ON message_attachments FOR INSERT WITH CHECK (
  EXISTS (SELECT 1 FROM messages m WHERE m.id = message_id AND m.sender_user_id = tansiq_user())
  AND EXISTS (SELECT 1 FROM attachments a WHERE a.id = attachment_id AND a.status = 'ready'));

-- A file: its uploader, or whoever sees a message carrying it (the subquery runs under message_attachments' policy).
CREATE POLICY attachments_read ON attachments FOR SELECT USING (
  uploaded_by = tansiq_user()
  OR EXISTS (SELECT 1 FROM message_attachments ma WHERE ma.attachment_id = attachments.id));
CREATE POLICY attachments_insert ON attachments FOR INSERT WITH CHECK (
  agency_id = tansiq_agency() AND uploaded_by = tansiq_user() AND status = 'uploading');
-- Only the uploader finishes their own upload; a finished file no longer changes (rotation rewraps as the owner).
CREATE POLICY attachments_update ON attachments FOR UPDATE USING (uploaded_by = tansiq_user() AND status = 'uploading')
  WITH CHECK (uploaded_by = tansiq_user() AND agency_id = tansiq_agency());
-- The uploader may discard a file no message carries yet (a failed or abandoned upload).
CREATE POLICY attachments_delete ON attachments FOR DELETE USING (
  uploaded_by = tansiq_user() AND NOT EXISTS (SELECT 1 FROM message_attachments ma WHERE ma.attachment_id = attachments.id));

CREATE POLICY attachment_chunks_read ON attachment_chunks FOR SELECT USING (
  EXISTS (SELECT 1 FROM attachments a WHERE a.id = attachment_id));
CREATE POLICY attachment_chunks_insert ON attachment_chunks FOR INSERT WITH CHECK (
  EXISTS (SELECT 1 FROM attachments a WHERE a.id = attachment_id AND a.uploaded_by = tansiq_user() AND a.status = 'uploading'));
CREATE POLICY attachment_chunks_delete ON attachment_chunks FOR DELETE USING (
  EXISTS (SELECT 1 FROM attachments a WHERE a.id = attachment_id AND a.uploaded_by = tansiq_user()
          AND NOT EXISTS (SELECT 1 FROM message_attachments ma WHERE ma.attachment_id = a.id)));

REVOKE ALL ON attachments, attachment_chunks, message_attachments FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON attachments TO tansiq_app;
GRANT UPDATE (media_type, size_bytes, chunk_count, status) ON attachments TO tansiq_app;
GRANT SELECT, INSERT, DELETE ON attachment_chunks TO tansiq_app;
GRANT SELECT, INSERT ON message_attachments TO tansiq_app;
