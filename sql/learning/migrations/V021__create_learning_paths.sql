-- What: creates course_management.learning_paths and course_management.learning_path_courses,
--       an ordered sequence of courses.
-- Why:  organizations curate tracks ("Data analyst in 6 courses"); positions are unique per
--       path and checked at the end of the statement so that courses can be reordered.

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.learning_paths (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  slug             text        NOT NULL,
  title            text        NOT NULL,
  description      text,
  status           text        NOT NULL DEFAULT 'draft',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT learning_paths_organization_slug_key UNIQUE (organization_id, slug),
  CONSTRAINT learning_paths_organization_id_id_key UNIQUE (organization_id, id),
  CONSTRAINT learning_paths_slug_format CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$'),
  CONSTRAINT learning_paths_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT learning_paths_status_known CHECK (status IN ('draft', 'published', 'archived'))
);

CREATE TABLE course_management.learning_path_courses (
  organization_id   uuid    NOT NULL,
  learning_path_id  uuid    NOT NULL,
  course_id         uuid    NOT NULL,
  position          integer NOT NULL,
  PRIMARY KEY (learning_path_id, course_id),
  CONSTRAINT learning_path_courses_position_key UNIQUE (learning_path_id, position) DEFERRABLE INITIALLY IMMEDIATE,
  FOREIGN KEY (organization_id, learning_path_id)
    REFERENCES course_management.learning_paths (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT learning_path_courses_position_positive CHECK (position >= 1)
);

CREATE INDEX learning_path_courses_course_idx ON course_management.learning_path_courses (organization_id, course_id);

ALTER TABLE course_management.learning_paths ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.learning_paths FORCE ROW LEVEL SECURITY;
ALTER TABLE course_management.learning_path_courses ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.learning_path_courses FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.learning_paths IS 'Curated, ordered sequences of courses.';
COMMENT ON TABLE course_management.learning_path_courses IS 'Courses of a learning path, in order.';
COMMENT ON COLUMN course_management.learning_path_courses.position IS '1-based order within the path; unique per path.';

RESET ROLE;
