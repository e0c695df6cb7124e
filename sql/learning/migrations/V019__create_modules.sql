-- What: creates course_management.modules, the ordered sections of a course.
-- Why:  lessons are grouped into modules; positions are unique per course, checked at the
--       end of the statement (DEFERRABLE) so that a reordering UPDATE can swap two positions.

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.modules (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL,
  course_id        uuid        NOT NULL,
  position         integer     NOT NULL,
  title            text        NOT NULL,
  description      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT modules_course_position_key UNIQUE (course_id, position) DEFERRABLE INITIALLY IMMEDIATE,
  CONSTRAINT modules_organization_course_id_key UNIQUE (organization_id, course_id, id),
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT modules_position_positive CHECK (position >= 1),
  CONSTRAINT modules_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200)
);

CREATE INDEX modules_organization_id_idx ON course_management.modules (organization_id);

ALTER TABLE course_management.modules ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.modules FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.modules IS 'Ordered sections of a course.';
COMMENT ON COLUMN course_management.modules.position IS '1-based order within the course; unique per course.';

RESET ROLE;
