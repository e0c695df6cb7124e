-- What: creates content_management.content_items: learning material with a JSONB body whose
--       shape is checked per content type, a version counter and a generated tsvector.
-- Why:  the seed document asks for flexible JSONB content; the CHECK constraint keeps each
--       type's required fields present and typed, so readers of the body can rely on them.
--       The search_vector column (GIN-indexed) feeds content_management.search().

SET LOCAL ROLE learning_owner;

CREATE TABLE content_management.content_items (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  author_id        uuid,
  content_type     text        NOT NULL,
  title            text        NOT NULL,
  summary          text,
  body             jsonb       NOT NULL,
  status           text        NOT NULL DEFAULT 'draft',
  version          integer     NOT NULL DEFAULT 1,
  search_vector    tsvector    GENERATED ALWAYS AS (
                     setweight(to_tsvector('english', title), 'A')
                     || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
                     || setweight(to_tsvector('english', coalesce(body ->> 'markdown', '') || ' '
                                                         || coalesce(body ->> 'transcript', '')), 'C')
                   ) STORED,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT content_items_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, author_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (author_id),
  CONSTRAINT content_items_type_known
    CHECK (content_type IN ('article', 'video', 'audio', 'document', 'interactive', 'embed')),
  CONSTRAINT content_items_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  CONSTRAINT content_items_status_known CHECK (status IN ('draft', 'published', 'archived')),
  CONSTRAINT content_items_version_positive CHECK (version >= 1),
  -- Required fields per type. Nested CASEs so that a cast is attempted only on a value whose
  -- JSON type was checked first (AND does not promise an evaluation order).
  CONSTRAINT content_items_body_matches_type CHECK (
    jsonb_typeof(body) = 'object'
    AND CASE content_type
      WHEN 'article' THEN
        coalesce(jsonb_typeof(body -> 'markdown') = 'string' AND length(body ->> 'markdown') > 0, false)
      WHEN 'video' THEN
        coalesce(jsonb_typeof(body -> 'media_id') = 'string', false)
        AND CASE WHEN jsonb_typeof(body -> 'duration_seconds') = 'number'
                 THEN (body ->> 'duration_seconds')::numeric > 0 ELSE false END
      WHEN 'audio' THEN
        coalesce(jsonb_typeof(body -> 'media_id') = 'string', false)
        AND CASE WHEN jsonb_typeof(body -> 'duration_seconds') = 'number'
                 THEN (body ->> 'duration_seconds')::numeric > 0 ELSE false END
      WHEN 'document' THEN
        coalesce(jsonb_typeof(body -> 'media_id') = 'string', false)
      WHEN 'interactive' THEN
        CASE WHEN jsonb_typeof(body -> 'steps') = 'array'
             THEN jsonb_array_length(body -> 'steps') > 0 ELSE false END
      WHEN 'embed' THEN
        coalesce(jsonb_typeof(body -> 'url') = 'string' AND (body ->> 'url') ~ '^https://', false)
      ELSE false
    END
  )
);

CREATE INDEX content_items_search_vector_idx ON content_management.content_items USING gin (search_vector);
CREATE INDEX content_items_organization_status_idx ON content_management.content_items (organization_id, status);

ALTER TABLE content_management.content_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE content_management.content_items FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE content_management.content_items IS
  'Learning material. Every edit of title, summary, type or body keeps the previous version in content_versions.';
COMMENT ON COLUMN content_management.content_items.body IS
  'Type-specific JSON: article {markdown}, video/audio {media_id, duration_seconds[, transcript]}, document {media_id}, interactive {steps[]}, embed {url https://...}.';
COMMENT ON COLUMN content_management.content_items.version IS
  'Current version number; raised by one on every edit (trigger), the previous version is kept in content_versions.';
COMMENT ON COLUMN content_management.content_items.search_vector IS
  'Generated: title (weight A), summary (B), markdown and transcript (C); English configuration.';

RESET ROLE;
