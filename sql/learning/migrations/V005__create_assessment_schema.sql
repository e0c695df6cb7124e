-- What: creates the assessment schema.
-- Why:  assessment rules (grading, attempt limits, who may read answer keys) are kept together.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA assessment;

COMMENT ON SCHEMA assessment IS
  'E-learning platform: quizzes (JSONB questions, separately stored answer keys), attempts with automatic grading, assignments, submissions and grades.';
