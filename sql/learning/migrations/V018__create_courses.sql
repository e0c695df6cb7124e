-- What: creates course_management.courses with a generated, GIN-indexed tsvector.
-- Why:  the catalog of an organization; published courses are found by
--       content_management.search() (title weighs more than summary, summary more than
--       description).

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.courses (
  id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id    uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  slug               text        NOT NULL,
  title              text        NOT NULL,
  summary            text,
  description        text,
  difficulty         text        NOT NULL DEFAULT 'beginner',
  status             text        NOT NULL DEFAULT 'draft',
  tags               text[]      NOT NULL DEFAULT '{}',
  estimated_minutes  integer,
  completion_points  integer     NOT NULL DEFAULT 100,
  created_by         uuid,
  published_at       timestamptz,
  search_vector      tsvector    GENERATED ALWAYS AS (
                       setweight(to_tsvector('english', title), 'A')
                       || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
                       || setweight(to_tsvector('english', coalesce(description, '')), 'C')
                     ) STORED,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT courses_organization_slug_key UNIQUE (organization_id, slug),
  CONSTRAINT courses_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, created_by)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (created_by),
  CONSTRAINT courses_slug_format CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$'),
  CONSTRAINT courses_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT courses_difficulty_known CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
  CONSTRAINT courses_status_known CHECK (status IN ('draft', 'published', 'archived')),
  CONSTRAINT courses_published_has_date CHECK (status <> 'published' OR published_at IS NOT NULL),
  CONSTRAINT courses_estimated_minutes_positive CHECK (estimated_minutes > 0),
  CONSTRAINT courses_completion_points_range CHECK (completion_points BETWEEN 0 AND 10000)
);

CREATE INDEX courses_search_vector_idx ON course_management.courses USING gin (search_vector);
CREATE INDEX courses_tags_idx ON course_management.courses USING gin (tags);
CREATE INDEX courses_organization_status_idx ON course_management.courses (organization_id, status);

ALTER TABLE course_management.courses ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.courses FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.courses IS 'Courses of an organization: ordered modules of ordered lessons.';
COMMENT ON COLUMN course_management.courses.completion_points IS 'Points awarded (once) when a learner completes every required lesson.';
COMMENT ON COLUMN course_management.courses.search_vector IS 'Generated: title (weight A), summary (B), description (C); English configuration.';
COMMENT ON COLUMN course_management.courses.published_at IS 'Set when the course was first published; required while status is published.';

RESET ROLE;
