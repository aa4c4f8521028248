-- The photo of a notice's subject (issue 5): at most one per notice, attached, replaced or removed by the requesting
-- NCB while it may edit the notice (a draft, or a refused request being reworked, not while awaiting approval), seen by
-- whoever may see the notice (its own row-level security: a diffusion's only by its addressees, the requesting NCB,
-- the General Secretariat once sent, and an agency with a hit on it).
--
-- Stored as message attachments are (server/platform/files, server/platform/crypto/chunked.ts): AES-256-GCM in chunks
-- under a data key per photo, wrapped by the master key named in key_id, the photo id bound into every chunk. The
-- database holds only ciphertext. `tansiq keys rotate` rewraps these keys too.

CREATE TABLE notice_photos (
  id uuid PRIMARY KEY,                          -- chosen by the application: it is bound into every chunk
  notice_id uuid NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id),   -- the requesting NCB's agency
  uploaded_by uuid NOT NULL REFERENCES users(id),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),   -- detected from the content
  size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  chunk_bytes integer NOT NULL CHECK (chunk_bytes > 0),
  chunk_count integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
  key_id text NOT NULL CHECK (length(key_id) <= 64),
  wrapped_key bytea NOT NULL,
  status text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'ready')),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One photo per notice; a replacement is uploaded beside it and takes its place in one transaction.
CREATE UNIQUE INDEX notice_photos_one ON notice_photos (notice_id) WHERE status = 'ready';
CREATE INDEX notice_photos_notice ON notice_photos (notice_id);
CREATE INDEX notice_photos_key ON notice_photos (key_id);

-- Ciphertext chunks: nonce | ciphertext | tag. Never updated; removed with their photo.
CREATE TABLE notice_photo_chunks (
  photo_id uuid NOT NULL REFERENCES notice_photos(id) ON DELETE CASCADE,
  idx integer NOT NULL CHECK (idx >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (photo_id, idx)
);

ALTER TABLE notice_photos ENABLE ROW LEVEL SECURITY; ALTER TABLE notice_photos FORCE ROW LEVEL SECURITY;
ALTER TABLE notice_photo_chunks ENABLE ROW LEVEL SECURITY; ALTER TABLE notice_photo_chunks FORCE ROW LEVEL SECURITY;

-- Seen with the notice (the subquery runs under the notices' own policy); a photo still uploading only by its uploader.
CREATE POLICY notice_photos_read ON notice_photos FOR SELECT USING (
  EXISTS (SELECT 1 FROM notices n WHERE n.id = notice_photos.notice_id)
  AND (status = 'ready' OR uploaded_by = tansiq_user()));
-- Added by the requesting agency while the notice may change (the application also asks for the NCB desk).
CREATE POLICY notice_photos_insert ON notice_photos FOR INSERT WITH CHECK (
  agency_id = tansiq_agency() AND uploaded_by = tansiq_user() AND status = 'uploading'
  AND EXISTS (SELECT 1 FROM notices n WHERE n.id = notice_photos.notice_id AND n.agency_id = tansiq_agency()
              AND n.state IN ('draft', 'refused') AND NOT n.awaiting_approval));
-- Only the uploader finishes their own upload, and only while the notice may still change.
CREATE POLICY notice_photos_update ON notice_photos FOR UPDATE
  USING (uploaded_by = tansiq_user() AND status = 'uploading')
  WITH CHECK (uploaded_by = tansiq_user() AND agency_id = tansiq_agency()
              AND EXISTS (SELECT 1 FROM notices n WHERE n.id = notice_photos.notice_id AND n.agency_id = tansiq_agency()
                          AND n.state IN ('draft', 'refused') AND NOT n.awaiting_approval));
-- Removed (or replaced) by the requesting agency while the notice may change; a failed upload by its uploader.
CREATE POLICY notice_photos_delete ON notice_photos FOR DELETE USING (
  (uploaded_by = tansiq_user() AND status = 'uploading')
  OR (agency_id = tansiq_agency()
      AND EXISTS (SELECT 1 FROM notices n WHERE n.id = notice_photos.notice_id AND n.agency_id = tansiq_agency()
                  AND n.state IN ('draft', 'refused') AND NOT n.awaiting_approval)));

CREATE POLICY notice_photo_chunks_read ON notice_photo_chunks FOR SELECT USING (
  EXISTS (SELECT 1 FROM notice_photos p WHERE p.id = notice_photo_chunks.photo_id));
CREATE POLICY notice_photo_chunks_insert ON notice_photo_chunks FOR INSERT WITH CHECK (
  EXISTS (SELECT 1 FROM notice_photos p WHERE p.id = notice_photo_chunks.photo_id AND p.uploaded_by = tansiq_user() AND p.status = 'uploading'));

REVOKE ALL ON notice_photos, notice_photo_chunks FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON notice_photos TO tansiq_app;
GRANT UPDATE (size_bytes, chunk_count, status) ON notice_photos TO tansiq_app;
GRANT SELECT, INSERT ON notice_photo_chunks TO tansiq_app;
