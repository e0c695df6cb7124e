-- What: creates course_management.lessons, the ordered units of a module.
-- Why:  a lesson is what a learner completes; completing it awards completion_points. The
--       lesson carries its course id (checked against its module by the composite foreign
--       key) so that progress can be checked against the enrollment's course.

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.lessons (
  id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id    uuid        NOT NULL,
  course_id          uuid        NOT NULL,
  module_id          uuid        NOT NULL,
  position           integer     NOT NULL,
  title              text        NOT NULL,
  lesson_type        text        NOT NULL,
  content_item_id    uuid,
  estimated_minutes  integer,
  completion_points  integer     NOT NULL DEFAULT 10,
  is_required        boolean     NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT lessons_module_position_key UNIQUE (module_id, position) DEFERRABLE INITIALLY IMMEDIATE,
  CONSTRAINT lessons_organization_course_id_key UNIQUE (organization_id, course_id, id),
  CONSTRAINT lessons_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, course_id, module_id)
    REFERENCES course_management.modules (organization_id, course_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, content_item_id)
    REFERENCES content_management.content_items (organization_id, id) ON DELETE SET NULL (content_item_id),
  CONSTRAINT lessons_position_positive CHECK (position >= 1),
  CONSTRAINT lessons_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT lessons_type_known CHECK (lesson_type IN ('video', 'reading', 'interactive', 'quiz', 'assignment')),
  CONSTRAINT lessons_estimated_minutes_positive CHECK (estimated_minutes > 0),
  CONSTRAINT lessons_completion_points_range CHECK (completion_points BETWEEN 0 AND 1000)
);

CREATE INDEX lessons_course_id_idx ON course_management.lessons (course_id);
CREATE INDEX lessons_content_item_idx ON course_management.lessons (organization_id, content_item_id);

ALTER TABLE course_management.lessons ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.lessons FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.lessons IS 'Ordered units of a module; the thing a learner completes.';
COMMENT ON COLUMN course_management.lessons.course_id IS 'Course of the module (denormalised, kept consistent by the composite foreign key).';
COMMENT ON COLUMN course_management.lessons.completion_points IS 'Points awarded (once per learner) when the lesson is completed.';
COMMENT ON COLUMN course_management.lessons.is_required IS 'Counts towards course completion; optional lessons still award points.';

RESET ROLE;
