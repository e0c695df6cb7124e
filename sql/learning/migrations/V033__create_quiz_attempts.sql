-- What: creates assessment.quiz_attempts.
-- Why:  a learner inserts an attempt (in_progress), then sets answers and status submitted;
--       the database grades it (status graded, score, passed, per-question feedback) and,
--       on a pass, awards the quiz's points once. The application may write only answers and
--       status (column privileges), so it cannot set its own score.

SET LOCAL ROLE learning_owner;

CREATE TABLE assessment.quiz_attempts (
  id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid         NOT NULL,
  quiz_id          uuid         NOT NULL,
  user_id          uuid         NOT NULL,
  attempt_number   integer      NOT NULL,
  status           text         NOT NULL DEFAULT 'in_progress',
  answers          jsonb        NOT NULL DEFAULT '{}',
  score            numeric(8,2),
  max_score        numeric(8,2),
  score_percent    numeric(5,2),
  passed           boolean,
  feedback         jsonb,
  started_at       timestamptz  NOT NULL DEFAULT now(),
  submitted_at     timestamptz,
  graded_at        timestamptz,
  CONSTRAINT quiz_attempts_number_key UNIQUE (quiz_id, user_id, attempt_number),
  FOREIGN KEY (organization_id, quiz_id)
    REFERENCES assessment.quizzes (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT quiz_attempts_number_positive CHECK (attempt_number >= 1),
  CONSTRAINT quiz_attempts_status_known CHECK (status IN ('in_progress', 'submitted', 'graded')),
  CONSTRAINT quiz_attempts_answers_object CHECK (jsonb_typeof(answers) = 'object'),
  CONSTRAINT quiz_attempts_submitted_has_time CHECK (status = 'in_progress' OR submitted_at IS NOT NULL),
  CONSTRAINT quiz_attempts_graded_complete CHECK (
    (status = 'graded') = (score IS NOT NULL AND max_score IS NOT NULL AND score_percent IS NOT NULL
                           AND passed IS NOT NULL AND graded_at IS NOT NULL)),
  CONSTRAINT quiz_attempts_score_range CHECK (score >= 0 AND score <= max_score),
  CONSTRAINT quiz_attempts_percent_range CHECK (score_percent BETWEEN 0 AND 100)
);

CREATE INDEX quiz_attempts_user_idx ON assessment.quiz_attempts (organization_id, user_id);

ALTER TABLE assessment.quiz_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment.quiz_attempts FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE assessment.quiz_attempts IS
  'Quiz attempts; graded automatically when submitted. Answers are frozen once submitted.';
COMMENT ON COLUMN assessment.quiz_attempts.attempt_number IS 'Assigned by trigger (1, 2, ...); limited by quizzes.max_attempts.';
COMMENT ON COLUMN assessment.quiz_attempts.answers IS 'Object question id -> answer, in the shape of the answer key.';
COMMENT ON COLUMN assessment.quiz_attempts.feedback IS 'Set by grading: object question id -> true/false (answered correctly).';

RESET ROLE;
