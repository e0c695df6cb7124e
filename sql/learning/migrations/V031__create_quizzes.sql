-- What: creates assessment.quizzes with the questions as a JSONB array.
-- Why:  a quiz belongs to a course (optionally to one of its lessons). The CHECK constraint
--       keeps every question gradable: an id, a prompt, a known type, positive points and,
--       for choice questions, options. The answer key is stored apart (V032) because the
--       application role may read questions but never answers.

SET LOCAL ROLE learning_owner;

CREATE TABLE assessment.quizzes (
  id                  uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id     uuid         NOT NULL,
  course_id           uuid         NOT NULL,
  lesson_id           uuid,
  title               text         NOT NULL,
  description         text,
  questions           jsonb        NOT NULL,
  passing_percent     numeric(5,2) NOT NULL DEFAULT 70,
  max_attempts        integer,
  time_limit_seconds  integer,
  points_reward       integer      NOT NULL DEFAULT 50,
  status              text         NOT NULL DEFAULT 'draft',
  created_at          timestamptz  NOT NULL DEFAULT now(),
  updated_at          timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT quizzes_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, course_id, lesson_id)
    REFERENCES course_management.lessons (organization_id, course_id, id) ON DELETE SET NULL (lesson_id),
  CONSTRAINT quizzes_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT quizzes_passing_percent_range CHECK (passing_percent BETWEEN 0 AND 100),
  CONSTRAINT quizzes_max_attempts_positive CHECK (max_attempts >= 1),
  CONSTRAINT quizzes_time_limit_positive CHECK (time_limit_seconds > 0),
  CONSTRAINT quizzes_points_reward_range CHECK (points_reward BETWEEN 0 AND 10000),
  CONSTRAINT quizzes_status_known CHECK (status IN ('draft', 'published', 'archived')),
  CONSTRAINT quizzes_questions_valid CHECK (
    CASE WHEN jsonb_typeof(questions) = 'array' THEN
      jsonb_array_length(questions) BETWEEN 1 AND 200
      AND NOT jsonb_path_exists(questions, '$[*] ? (
            !(@.id.type() == "string") || !(@.prompt.type() == "string")
         || !(@.points.type() == "number") || !(@.points > 0)
         || !(@.type == "single_choice" || @.type == "multiple_choice"
              || @.type == "true_false" || @.type == "short_answer")
         || ((@.type == "single_choice" || @.type == "multiple_choice")
             && !(@.options.type() == "array" && @.options.size() > 0)))')
    ELSE false END
  )
);

CREATE INDEX quizzes_course_idx ON assessment.quizzes (organization_id, course_id);

ALTER TABLE assessment.quizzes ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment.quizzes FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE assessment.quizzes IS 'Quizzes with their questions; answer keys are in quiz_answer_keys.';
COMMENT ON COLUMN assessment.quizzes.questions IS
  'Array of {id, type: single_choice|multiple_choice|true_false|short_answer, prompt, points > 0, options: [{id, text}] for choice types}; ids unique (trigger).';
COMMENT ON COLUMN assessment.quizzes.passing_percent IS 'Score percentage needed to pass (and earn points_reward, once).';
COMMENT ON COLUMN assessment.quizzes.max_attempts IS 'Attempts allowed per learner; NULL: unlimited.';

RESET ROLE;
