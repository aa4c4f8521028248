-- Browsing a watchlist's entries and deleting a watchlist.
--
-- Entries get the text they are searched by (every name, folded the way the screening engine folds names, written
-- by the importer) and the kind of entity when the source says it. A deleted watchlist keeps a tombstone row (its
-- name, scope, owner and when it was deleted) so that hits and batch results that point at it stay readable and can
-- say "list deleted"; its entries (the personal data) are deleted. Names are unique among live lists only, so a new
-- import under the same name creates a fresh list.

ALTER TABLE watchlists ADD COLUMN deleted_at timestamptz, ADD COLUMN deleted_by uuid;
DROP INDEX watchlists_name_global;
DROP INDEX watchlists_name_agency;
CREATE UNIQUE INDEX watchlists_name_global_live ON watchlists(lower(name)) WHERE scope = 'global' AND deleted_at IS NULL;
CREATE UNIQUE INDEX watchlists_name_agency_live ON watchlists(agency_id, lower(name)) WHERE scope = 'agency' AND deleted_at IS NULL;

ALTER TABLE watchlist_entries ADD COLUMN search_text text, ADD COLUMN kind text
  CHECK (kind IS NULL OR kind IN ('person','organization','vessel','other'));
CREATE INDEX watchlist_entries_kind ON watchlist_entries(watchlist_id, kind, source_id) WHERE version_removed IS NULL;

-- Whoever may change a list's entries may delete them (the platform administrator for a global list, the owning
-- agency for its own); the application narrows further to the agency's administrators.
CREATE POLICY watchlist_entries_delete ON watchlist_entries FOR DELETE USING (
  (agency_id IS NULL AND tansiq_platform_admin()) OR agency_id = tansiq_agency());
GRANT DELETE ON watchlist_entries TO tansiq_app;
