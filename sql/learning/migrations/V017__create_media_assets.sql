-- What: creates content_management.media_assets, metadata of uploaded media files.
-- Why:  the bytes live in object storage (storage_key); the database keeps what the
--       platform needs to serve and check them: type, size, duration, dimensions, checksum.

SET LOCAL ROLE learning_owner;

CREATE TABLE content_management.media_assets (
  id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  content_item_id   uuid,
  uploaded_by       uuid,
  kind              text        NOT NULL,
  storage_key       text        NOT NULL,
  mime_type         text        NOT NULL,
  byte_size         bigint      NOT NULL,
  duration_seconds  numeric(10,2),
  width             integer,
  height            integer,
  checksum_sha256   text        NOT NULL,
  metadata          jsonb       NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT media_assets_organization_id_id_key UNIQUE (organization_id, id),
  CONSTRAINT media_assets_storage_key_key UNIQUE (organization_id, storage_key),
  FOREIGN KEY (organization_id, content_item_id)
    REFERENCES content_management.content_items (organization_id, id) ON DELETE SET NULL (content_item_id),
  FOREIGN KEY (organization_id, uploaded_by)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (uploaded_by),
  CONSTRAINT media_assets_kind_known CHECK (kind IN ('image', 'video', 'audio', 'document')),
  CONSTRAINT media_assets_mime_type_format CHECK (mime_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  CONSTRAINT media_assets_mime_matches_kind CHECK (kind = 'document' OR split_part(mime_type, '/', 1) = kind),
  CONSTRAINT media_assets_byte_size_positive CHECK (byte_size > 0),
  CONSTRAINT media_assets_duration_for_time_media
    CHECK (CASE WHEN kind IN ('video', 'audio') THEN coalesce(duration_seconds > 0, false)
                ELSE duration_seconds IS NULL END),
  CONSTRAINT media_assets_dimensions_positive CHECK (width > 0 AND height > 0),
  CONSTRAINT media_assets_checksum_format CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT media_assets_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX media_assets_content_item_idx ON content_management.media_assets (organization_id, content_item_id);

ALTER TABLE content_management.media_assets ENABLE ROW LEVEL SECURITY;
ALTER TABLE content_management.media_assets FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE content_management.media_assets IS 'Metadata of media files kept in object storage.';
COMMENT ON COLUMN content_management.media_assets.storage_key IS 'Object-storage key of the file, unique within the organization.';
COMMENT ON COLUMN content_management.media_assets.duration_seconds IS 'Playing time; required for video and audio, absent otherwise.';
COMMENT ON COLUMN content_management.media_assets.checksum_sha256 IS 'Lower-case hex SHA-256 of the file, to detect corrupt or duplicate uploads.';
COMMENT ON COLUMN content_management.media_assets.content_item_id IS 'Content item the file was uploaded for, if any.';

RESET ROLE;
