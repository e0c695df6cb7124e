-- What: creates course_management.course_prerequisites, "course X requires course Y".
-- Why:  enrolling in a course requires its prerequisites to be completed (trigger on
--       enrollments); a trigger here refuses edges that would close a cycle.

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.course_prerequisites (
  organization_id         uuid NOT NULL,
  course_id               uuid NOT NULL,
  prerequisite_course_id  uuid NOT NULL,
  PRIMARY KEY (course_id, prerequisite_course_id),
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, prerequisite_course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT course_prerequisites_not_self CHECK (course_id <> prerequisite_course_id)
);

CREATE INDEX course_prerequisites_prerequisite_idx
  ON course_management.course_prerequisites (organization_id, prerequisite_course_id);

ALTER TABLE course_management.course_prerequisites ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.course_prerequisites FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.course_prerequisites IS
  'Edges "course_id requires prerequisite_course_id"; acyclic (trigger), enforced on enrollment.';

RESET ROLE;
