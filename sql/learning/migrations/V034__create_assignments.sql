-- What: creates assessment.assignments, graded work handed in by learners.
-- Why:  unlike quizzes, assignments are graded by a person (grades, V036); the grade earns
--       a share of points_reward proportional to the score.

SET LOCAL ROLE learning_owner;

CREATE TABLE assessment.assignments (
  id               uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid          NOT NULL,
  course_id        uuid          NOT NULL,
  lesson_id        uuid,
  title            text          NOT NULL,
  instructions     text,
  due_at           timestamptz,
  max_score        numeric(8,2)  NOT NULL DEFAULT 100,
  points_reward    integer       NOT NULL DEFAULT 0,
  status           text          NOT NULL DEFAULT 'draft',
  created_at       timestamptz   NOT NULL DEFAULT now(),
  updated_at       timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT assignments_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, course_id, lesson_id)
    REFERENCES course_management.lessons (organization_id, course_id, id) ON DELETE SET NULL (lesson_id),
  CONSTRAINT assignments_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT assignments_max_score_positive CHECK (max_score > 0),
  CONSTRAINT assignments_points_reward_range CHECK (points_reward BETWEEN 0 AND 10000),
  CONSTRAINT assignments_status_known CHECK (status IN ('draft', 'published', 'archived'))
);

CREATE INDEX assignments_course_idx ON assessment.assignments (organization_id, course_id);

ALTER TABLE assessment.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment.assignments FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE assessment.assignments IS 'Assignments of a course, graded by instructors.';
COMMENT ON COLUMN assessment.assignments.points_reward IS
  'Points for a perfect score; a grade earns round(points_reward * score / max_score), once per learner.';

RESET ROLE;
