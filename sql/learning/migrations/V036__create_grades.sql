-- What: creates assessment.grades, an instructor's grade for a submission.
-- Why:  recording a grade marks the submission graded and awards the assignment's points
--       share (once) through the trigger chain; the score may not exceed the assignment's
--       max_score (checked by that trigger, which can see the assignment).

SET LOCAL ROLE learning_owner;

CREATE TABLE assessment.grades (
  id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid         NOT NULL,
  submission_id    uuid         NOT NULL,
  grader_id        uuid,
  score            numeric(8,2) NOT NULL,
  feedback         text,
  graded_at        timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT grades_submission_key UNIQUE (submission_id),
  FOREIGN KEY (organization_id, submission_id)
    REFERENCES assessment.submissions (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, grader_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (grader_id),
  CONSTRAINT grades_score_nonnegative CHECK (score >= 0)
);

CREATE INDEX grades_organization_id_idx ON assessment.grades (organization_id);

ALTER TABLE assessment.grades ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment.grades FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE assessment.grades IS 'Grades of submissions (one each); writing one requires the assignment.grade permission.';
COMMENT ON COLUMN assessment.grades.score IS 'Between 0 and the assignment''s max_score (checked by trigger).';

RESET ROLE;
