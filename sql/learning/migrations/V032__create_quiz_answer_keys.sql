-- What: creates assessment.quiz_answer_keys, the correct answers of each quiz.
-- Why:  kept in a table of its own so that the application role has no privilege on it at
--       all: learners can read quizzes but never answers. Authors with the quiz.manage
--       permission read and write keys through assessment.get_answer_key() and
--       assessment.set_answer_key(); grading reads them inside a SECURITY DEFINER trigger.

SET LOCAL ROLE learning_owner;

CREATE TABLE assessment.quiz_answer_keys (
  organization_id  uuid        NOT NULL,
  quiz_id          uuid        PRIMARY KEY,
  answer_key       jsonb       NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, quiz_id)
    REFERENCES assessment.quizzes (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT quiz_answer_keys_object CHECK (jsonb_typeof(answer_key) = 'object')
);

CREATE INDEX quiz_answer_keys_organization_id_idx ON assessment.quiz_answer_keys (organization_id);

ALTER TABLE assessment.quiz_answer_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment.quiz_answer_keys FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE assessment.quiz_answer_keys IS
  'Correct answers per quiz; no privilege for the application role (use get_answer_key / set_answer_key).';
COMMENT ON COLUMN assessment.quiz_answer_keys.answer_key IS
  'Object question id -> answer: option id (single_choice), array of option ids (multiple_choice), boolean (true_false), array of accepted strings (short_answer). Checked against the questions by trigger.';

RESET ROLE;
