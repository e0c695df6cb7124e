-- What: user_management.tg__set_updated_at() and the BEFORE UPDATE trigger set_updated_at on
--       every table with an updated_at column that people edit.
-- Why:  updated_at must mean "last changed", whoever changed the row and whatever the
--       statement said; the trigger overwrites it with the transaction time. The function
--       serves many tables, hence the tg__<task> name without a table.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION user_management.tg__set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION user_management.tg__set_updated_at() IS
  'BEFORE UPDATE trigger function shared by many tables: sets updated_at to the transaction time.';

REVOKE EXECUTE ON FUNCTION user_management.tg__set_updated_at() FROM PUBLIC;

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON user_management.organizations
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON user_management.users
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON content_management.content_items
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON course_management.courses
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON course_management.modules
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON course_management.lessons
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON course_management.learning_paths
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON course_management.lesson_progress
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON gamification.badges
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON gamification.achievements
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON assessment.quizzes
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON assessment.quiz_answer_keys
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON assessment.assignments
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON assessment.submissions
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON social.forums
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON social.threads
  FOR EACH ROW EXECUTE FUNCTION user_management.tg__set_updated_at();

RESET ROLE;
