-- What: creates content_management.content_versions, the previous versions of content items.
-- Why:  "every edit keeps the previous version": a trigger (R__30_fn_content.sql) copies the
--       old title, summary, type and body here before an edit replaces them. Rows are written
--       only by that trigger; the application can read them (and restore one through
--       content_management.restore_content_version).

SET LOCAL ROLE learning_owner;

CREATE TABLE content_management.content_versions (
  organization_id  uuid        NOT NULL,
  content_item_id  uuid        NOT NULL,
  version          integer     NOT NULL,
  content_type     text        NOT NULL,
  title            text        NOT NULL,
  summary          text,
  body             jsonb       NOT NULL,
  valid_from       timestamptz NOT NULL,
  replaced_at      timestamptz NOT NULL DEFAULT now(),
  replaced_by      uuid,
  PRIMARY KEY (content_item_id, version),
  FOREIGN KEY (organization_id, content_item_id)
    REFERENCES content_management.content_items (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, replaced_by)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (replaced_by),
  CONSTRAINT content_versions_version_positive CHECK (version >= 1),
  CONSTRAINT content_versions_period CHECK (replaced_at >= valid_from)
);

CREATE INDEX content_versions_organization_id_idx ON content_management.content_versions (organization_id);

ALTER TABLE content_management.content_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE content_management.content_versions FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE content_management.content_versions IS
  'Previous versions of content items, one row per edit, written by trigger; the current version is the content_items row.';
COMMENT ON COLUMN content_management.content_versions.valid_from IS 'When this version became current (the item''s updated_at at the time).';
COMMENT ON COLUMN content_management.content_versions.replaced_at IS 'When the edit that replaced this version happened.';
COMMENT ON COLUMN content_management.content_versions.replaced_by IS 'User of the tenant context that made the replacing edit, when known.';

RESET ROLE;
