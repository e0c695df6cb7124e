-- What: assessment rules:
--         grade_answers()        - scores answers against a key (pure function);
--         answer_key_problems()  - what is wrong with a key for a set of questions;
--         get_answer_key() / set_answer_key() - the only way the application reaches keys
--                                  (SECURITY DEFINER, permission quiz.manage);
--       and the triggers: question ids unique; keys checked against questions; attempts
--       numbered and limited; answers frozen once submitted; a submitted attempt graded
--       automatically, and a graded pass awarding the quiz's points once; a grade marking
--       its submission graded and awarding the assignment's share of points once.
-- Why:  grading must not depend on the client, and learners must never see answer keys.
--       Grading happens in a BEFORE trigger that, as learning_owner, reads the key and
--       writes the grade into the row being submitted (one row version, not an insert and
--       then an update: ~0.2 ms of a ~1.3 ms submission at bench scale); the graded row
--       fires the award trigger - all in the transaction that submitted the attempt.
--       Error codes: LRN03 attempt limit reached, LRN04 invalid attempt change (answers
--       frozen, status going back), LRN06 grade above max_score, LRN08 answer key does not
--       match the questions.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION assessment.grade_answers(p_questions jsonb, p_answer_key jsonb, p_answers jsonb,
                                                    OUT score numeric, OUT max_score numeric, OUT feedback jsonb)
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
AS $$
#variable_conflict use_column
BEGIN
  -- PL/pgSQL, not SQL: a SQL function that returns a record is not inlined, so it was parsed
  -- and planned again for every graded attempt; here the plan is kept for the session.
  SELECT coalesce(sum(q.points) FILTER (WHERE q.correct), 0),
         coalesce(sum(q.points), 0),
         coalesce(jsonb_object_agg(q.id, q.correct), '{}'::jsonb)
    INTO score, max_score, feedback
    FROM (
      SELECT e ->> 'id' AS id,
             (e ->> 'points')::numeric AS points,
             coalesce(CASE e ->> 'type'
               WHEN 'single_choice' THEN p_answers -> (e ->> 'id') = p_answer_key -> (e ->> 'id')
               WHEN 'true_false'    THEN p_answers -> (e ->> 'id') = p_answer_key -> (e ->> 'id')
               -- Same set of options, whatever the order: mutual containment of two arrays.
               WHEN 'multiple_choice' THEN
                 jsonb_typeof(p_answers -> (e ->> 'id')) = 'array'
                 AND (p_answers -> (e ->> 'id')) @> (p_answer_key -> (e ->> 'id'))
                 AND (p_answer_key -> (e ->> 'id')) @> (p_answers -> (e ->> 'id'))
               -- Any accepted answer, ignoring case and surrounding blanks.
               WHEN 'short_answer' THEN
                 jsonb_typeof(p_answers -> (e ->> 'id')) = 'string'
                 AND EXISTS (SELECT 1
                               FROM jsonb_array_elements_text(p_answer_key -> (e ->> 'id')) AS accepted (answer)
                              WHERE lower(btrim(accepted.answer)) = lower(btrim(p_answers ->> (e ->> 'id'))))
             END, false) AS correct
        FROM jsonb_array_elements(p_questions) AS e
    ) q;
END
$$;

COMMENT ON FUNCTION assessment.grade_answers(jsonb, jsonb, jsonb) IS
  'Scores answers against an answer key: full points per correct question, none otherwise; feedback maps question id to correctness.';

CREATE OR REPLACE FUNCTION assessment.answer_key_problems(p_questions jsonb, p_answer_key jsonb)
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(problem ORDER BY problem), '{}')
    FROM (
      SELECT format('question %s: %s', qid, message) AS problem
        FROM (
          SELECT e ->> 'id' AS qid,
                 CASE
                   WHEN NOT p_answer_key ? (e ->> 'id') THEN 'no answer in the key'
                   WHEN e ->> 'type' = 'true_false' AND jsonb_typeof(k) <> 'boolean'
                     THEN 'a true_false answer must be true or false'
                   WHEN e ->> 'type' = 'single_choice'
                    AND NOT (jsonb_typeof(k) = 'string'
                             AND (e -> 'options') @> jsonb_build_array(jsonb_build_object('id', k)))
                     THEN 'a single_choice answer must be the id of one of its options'
                   WHEN e ->> 'type' = 'multiple_choice'
                    AND NOT (jsonb_typeof(k) = 'array' AND jsonb_array_length(k) > 0
                             AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(k) AS o (id)
                                              WHERE NOT (e -> 'options') @> jsonb_build_array(jsonb_build_object('id', o.id))))
                     THEN 'a multiple_choice answer must be a non-empty array of option ids'
                   WHEN e ->> 'type' = 'short_answer'
                    AND NOT (jsonb_typeof(k) = 'array' AND jsonb_array_length(k) > 0
                             AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(k) AS a (v)
                                              WHERE jsonb_typeof(a.v) <> 'string'))
                     THEN 'a short_answer answer must be a non-empty array of accepted strings'
                 END AS message
            FROM jsonb_array_elements(p_questions) AS e
            CROSS JOIN LATERAL (SELECT p_answer_key -> (e ->> 'id') AS k) AS key_of
        ) per_question
       WHERE message IS NOT NULL
      UNION ALL
      SELECT format('key %s: no such question', key_id)
        FROM jsonb_object_keys(p_answer_key) AS key_id
       WHERE NOT p_questions @> jsonb_build_array(jsonb_build_object('id', key_id))
    ) problems
$$;

COMMENT ON FUNCTION assessment.answer_key_problems(jsonb, jsonb) IS
  'Empty when the answer key answers every question in the right shape and names no unknown question; otherwise one message per problem.';

CREATE OR REPLACE FUNCTION assessment.tg_quizzes__check_questions()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF EXISTS (SELECT e ->> 'id' FROM jsonb_array_elements(NEW.questions) AS e
              GROUP BY 1 HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'quiz question ids must be unique' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1
               FROM jsonb_array_elements(NEW.questions) AS e,
                    jsonb_array_elements(CASE WHEN jsonb_typeof(e -> 'options') = 'array'
                                              THEN e -> 'options' ELSE '[]'::jsonb END) AS o
              GROUP BY e ->> 'id', o ->> 'id'
             HAVING count(*) > 1 OR bool_or(jsonb_typeof(o -> 'id') IS DISTINCT FROM 'string')) THEN
    RAISE EXCEPTION 'quiz options need a string id, unique within their question' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION assessment.tg_quizzes__check_questions() IS
  'BEFORE INSERT/UPDATE OF questions on quizzes: question ids unique, option ids strings and unique per question.';

CREATE OR REPLACE FUNCTION assessment.tg_quizzes__recheck_answer_key()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
  v_problems text[];
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  SELECT assessment.answer_key_problems(NEW.questions, k.answer_key) INTO v_problems
    FROM assessment.quiz_answer_keys k
   WHERE k.quiz_id = NEW.id;
  IF cardinality(v_problems) > 0 THEN
    RAISE EXCEPTION 'the questions no longer match the quiz''s answer key'
      USING ERRCODE = 'LRN08', DETAIL = array_to_string(v_problems, '; '),
            HINT = 'change the questions and the key (assessment.set_answer_key) in one transaction, key first';
  END IF;
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION assessment.tg_quizzes__recheck_answer_key() IS
  'AFTER UPDATE OF questions on quizzes: an existing answer key must still match (LRN08). SECURITY DEFINER (reads the key), acts in the row''s organization.';

CREATE OR REPLACE FUNCTION assessment.tg_quiz_answer_keys__check()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_problems text[];
BEGIN
  SELECT assessment.answer_key_problems(q.questions, NEW.answer_key) INTO v_problems
    FROM assessment.quizzes q
   WHERE q.id = NEW.quiz_id;
  IF cardinality(v_problems) > 0 THEN
    RAISE EXCEPTION 'answer key does not match the quiz''s questions'
      USING ERRCODE = 'LRN08', DETAIL = array_to_string(v_problems, '; ');
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION assessment.tg_quiz_answer_keys__check() IS
  'BEFORE INSERT/UPDATE on quiz_answer_keys: the key must answer every question in the right shape (LRN08).';

CREATE OR REPLACE FUNCTION assessment.get_answer_key(p_quiz_id uuid)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_key jsonb;
BEGIN
  PERFORM user_management.require_permission('quiz.manage');
  SELECT k.answer_key INTO v_key FROM assessment.quiz_answer_keys k WHERE k.quiz_id = p_quiz_id;
  RETURN v_key;
END
$$;

COMMENT ON FUNCTION assessment.get_answer_key(uuid) IS
  'The answer key of a quiz of the context organization (NULL if none). Requires quiz.manage.';

CREATE OR REPLACE FUNCTION assessment.set_answer_key(p_quiz_id uuid, p_answer_key jsonb)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM user_management.require_permission('quiz.manage');
  IF NOT EXISTS (SELECT 1 FROM assessment.quizzes q WHERE q.id = p_quiz_id) THEN
    RAISE EXCEPTION 'no quiz %', p_quiz_id USING ERRCODE = 'no_data_found';
  END IF;
  INSERT INTO assessment.quiz_answer_keys AS k (organization_id, quiz_id, answer_key)
  VALUES (user_management.current_organization_id(), p_quiz_id, p_answer_key)
  ON CONFLICT (quiz_id) DO UPDATE SET answer_key = EXCLUDED.answer_key;
END
$$;

COMMENT ON FUNCTION assessment.set_answer_key(uuid, jsonb) IS
  'Sets the answer key of a quiz of the context organization (checked against its questions). Requires quiz.manage.';

CREATE OR REPLACE FUNCTION assessment.tg_quiz_attempts__prepare()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_max_attempts integer;
  v_previous     integer;
BEGIN
  -- Two attempts started at once by the same learner must not get the same number.
  PERFORM pg_advisory_xact_lock(hashtextextended('learning.quiz_attempt:' || NEW.quiz_id || ':' || NEW.user_id, 0));
  SELECT q.max_attempts INTO v_max_attempts FROM assessment.quizzes q WHERE q.id = NEW.quiz_id;
  SELECT coalesce(max(a.attempt_number), 0) INTO v_previous
    FROM assessment.quiz_attempts a
   WHERE a.quiz_id = NEW.quiz_id AND a.user_id = NEW.user_id;
  IF v_previous >= v_max_attempts THEN
    RAISE EXCEPTION 'attempt limit of % reached for this quiz', v_max_attempts
      USING ERRCODE = 'LRN03';
  END IF;
  NEW.attempt_number := v_previous + 1;
  -- Grading is the database's: whatever the statement says, a new attempt starts ungraded.
  IF NEW.status = 'graded' THEN
    NEW.status := 'submitted';
  END IF;
  NEW.score := NULL;
  NEW.max_score := NULL;
  NEW.score_percent := NULL;
  NEW.passed := NULL;
  NEW.feedback := NULL;
  NEW.graded_at := NULL;
  NEW.submitted_at := CASE WHEN NEW.status = 'submitted' THEN coalesce(NEW.submitted_at, now()) END;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION assessment.tg_quiz_attempts__prepare() IS
  'BEFORE INSERT on quiz_attempts: numbers the attempt, enforces max_attempts (LRN03), clears any client-supplied grading.';

CREATE OR REPLACE FUNCTION assessment.tg_quiz_attempts__guard()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF OLD.status <> 'in_progress' AND NEW.answers IS DISTINCT FROM OLD.answers THEN
    RAISE EXCEPTION 'answers of a submitted attempt cannot change' USING ERRCODE = 'LRN04';
  END IF;
  IF NOT ((OLD.status, NEW.status) IN (('in_progress', 'in_progress'), ('in_progress', 'submitted'),
                                       ('submitted', 'submitted'), ('submitted', 'graded'), ('graded', 'graded'))) THEN
    RAISE EXCEPTION 'an attempt cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'LRN04';
  END IF;
  IF OLD.status = 'in_progress' AND NEW.status = 'submitted' THEN
    NEW.submitted_at := now();
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION assessment.tg_quiz_attempts__guard() IS
  'BEFORE UPDATE on quiz_attempts: answers frozen once submitted, status only moves forward (LRN04).';

CREATE OR REPLACE FUNCTION assessment.tg_quiz_attempts__grade()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
  v_result record;
  v_found  boolean;
  v_pass   numeric;
BEGIN
  -- The quiz and its key are read in the row's organization; a row forged for another
  -- organization is graded here but then refused by the table's row-level security check.
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  SELECT g.score, g.max_score, g.feedback, q.passing_percent INTO v_result
    FROM assessment.quizzes q
    LEFT JOIN assessment.quiz_answer_keys k ON k.quiz_id = q.id
    CROSS JOIN LATERAL assessment.grade_answers(q.questions, coalesce(k.answer_key, '{}'::jsonb), NEW.answers) AS g
   WHERE q.id = NEW.quiz_id;
  v_found := FOUND;
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  IF NOT v_found THEN
    RETURN NEW;   -- no such quiz here: the foreign key refuses the row
  END IF;
  v_pass := CASE WHEN v_result.max_score > 0 THEN round(100 * v_result.score / v_result.max_score, 2) ELSE 0 END;
  NEW.status := 'graded';
  NEW.score := v_result.score;
  NEW.max_score := v_result.max_score;
  NEW.score_percent := v_pass;
  NEW.passed := v_pass >= v_result.passing_percent;
  NEW.feedback := v_result.feedback;
  NEW.graded_at := now();
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION assessment.tg_quiz_attempts__grade() IS
  'BEFORE an attempt is stored as submitted: grades it against the answer key and stores it graded (which fires the award). SECURITY DEFINER, reads the quiz in the row''s organization.';

CREATE OR REPLACE FUNCTION assessment.tg_quiz_attempts__award()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
  v_quiz record;
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  PERFORM gamification.lock_learner(NEW.organization_id, NEW.user_id);
  SELECT q.course_id, q.points_reward INTO v_quiz FROM assessment.quizzes q WHERE q.id = NEW.quiz_id;
  PERFORM analytics.record_event(NEW.organization_id, NEW.user_id, 'quiz_graded', v_quiz.course_id, NEW.quiz_id,
                                 jsonb_build_object('attempt', NEW.attempt_number, 'score_percent', NEW.score_percent,
                                                    'passed', NEW.passed),
                                 NEW.graded_at);
  PERFORM gamification.touch_streak(NEW.organization_id, NEW.user_id, NEW.submitted_at);
  IF NEW.passed THEN
    PERFORM gamification.award_points(NEW.organization_id, NEW.user_id, v_quiz.points_reward, 'quiz_passed', NEW.quiz_id);
  END IF;
  PERFORM gamification.evaluate_rules(NEW.organization_id, NEW.user_id,
                                      ARRAY['quizzes_passed', 'perfect_quizzes', 'streak_days']);
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION assessment.tg_quiz_attempts__award() IS
  'AFTER an attempt becomes graded: event, streak, the quiz''s points on a pass (once per quiz), quiz badge rules. SECURITY DEFINER, acts in the row''s organization.';

CREATE OR REPLACE FUNCTION assessment.tg_grades__apply()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
  v_work record;
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  SELECT s.user_id, a.id AS assignment_id, a.course_id, a.max_score, a.points_reward INTO v_work
    FROM assessment.submissions s
    JOIN assessment.assignments a ON a.id = s.assignment_id
   WHERE s.id = NEW.submission_id;
  IF NEW.score > v_work.max_score THEN
    RAISE EXCEPTION 'score % exceeds the assignment''s maximum of %', NEW.score, v_work.max_score
      USING ERRCODE = 'LRN06';
  END IF;
  UPDATE assessment.submissions s SET status = 'graded' WHERE s.id = NEW.submission_id AND s.status <> 'graded';
  PERFORM gamification.lock_learner(NEW.organization_id, v_work.user_id);
  PERFORM analytics.record_event(NEW.organization_id, v_work.user_id, 'assignment_graded', v_work.course_id,
                                 v_work.assignment_id, jsonb_build_object('score', NEW.score, 'max_score', v_work.max_score),
                                 NEW.graded_at);
  PERFORM gamification.award_points(NEW.organization_id, v_work.user_id,
                                    round(v_work.points_reward * NEW.score / v_work.max_score)::integer,
                                    'assignment_graded', v_work.assignment_id);
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION assessment.tg_grades__apply() IS
  'AFTER INSERT/UPDATE OF score on grades: score within max_score (LRN06), submission graded, event, the assignment''s share of points (once). SECURITY DEFINER, acts in the row''s organization.';

REVOKE EXECUTE ON FUNCTION assessment.grade_answers(jsonb, jsonb, jsonb),
                           assessment.answer_key_problems(jsonb, jsonb),
                           assessment.tg_quizzes__check_questions(),
                           assessment.tg_quizzes__recheck_answer_key(),
                           assessment.tg_quiz_answer_keys__check(),
                           assessment.get_answer_key(uuid),
                           assessment.set_answer_key(uuid, jsonb),
                           assessment.tg_quiz_attempts__prepare(),
                           assessment.tg_quiz_attempts__guard(),
                           assessment.tg_quiz_attempts__grade(),
                           assessment.tg_quiz_attempts__award(),
                           assessment.tg_grades__apply() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION assessment.get_answer_key(uuid),
                          assessment.set_answer_key(uuid, jsonb),
                          assessment.answer_key_problems(jsonb, jsonb) TO learning_app;

CREATE OR REPLACE TRIGGER check_questions
  BEFORE INSERT OR UPDATE OF questions ON assessment.quizzes
  FOR EACH ROW EXECUTE FUNCTION assessment.tg_quizzes__check_questions();

CREATE OR REPLACE TRIGGER recheck_answer_key
  AFTER UPDATE OF questions ON assessment.quizzes
  FOR EACH ROW WHEN (NEW.questions IS DISTINCT FROM OLD.questions)
  EXECUTE FUNCTION assessment.tg_quizzes__recheck_answer_key();

CREATE OR REPLACE TRIGGER check_answer_key
  BEFORE INSERT OR UPDATE ON assessment.quiz_answer_keys
  FOR EACH ROW EXECUTE FUNCTION assessment.tg_quiz_answer_keys__check();

CREATE OR REPLACE TRIGGER prepare_attempt
  BEFORE INSERT ON assessment.quiz_attempts
  FOR EACH ROW EXECUTE FUNCTION assessment.tg_quiz_attempts__prepare();

CREATE OR REPLACE TRIGGER guard_attempt
  BEFORE UPDATE ON assessment.quiz_attempts
  FOR EACH ROW EXECUTE FUNCTION assessment.tg_quiz_attempts__guard();

-- Earlier versions graded in AFTER triggers of these names.
DROP TRIGGER IF EXISTS grade_on_insert ON assessment.quiz_attempts;
DROP TRIGGER IF EXISTS grade_on_submit ON assessment.quiz_attempts;

-- BEFORE triggers fire in name order: prepare_attempt (insert) and guard_attempt (update)
-- have run when score_* sees the row.
CREATE OR REPLACE TRIGGER score_on_insert
  BEFORE INSERT ON assessment.quiz_attempts
  FOR EACH ROW WHEN (NEW.status = 'submitted')
  EXECUTE FUNCTION assessment.tg_quiz_attempts__grade();

CREATE OR REPLACE TRIGGER score_on_submit
  BEFORE UPDATE OF status ON assessment.quiz_attempts
  FOR EACH ROW WHEN (OLD.status = 'in_progress' AND NEW.status = 'submitted')
  EXECUTE FUNCTION assessment.tg_quiz_attempts__grade();

CREATE OR REPLACE TRIGGER award_on_insert
  AFTER INSERT ON assessment.quiz_attempts
  FOR EACH ROW WHEN (NEW.status = 'graded')
  EXECUTE FUNCTION assessment.tg_quiz_attempts__award();

CREATE OR REPLACE TRIGGER award_on_graded
  AFTER UPDATE OF status ON assessment.quiz_attempts
  FOR EACH ROW WHEN (OLD.status <> 'graded' AND NEW.status = 'graded')
  EXECUTE FUNCTION assessment.tg_quiz_attempts__award();

CREATE OR REPLACE TRIGGER apply_grade
  AFTER INSERT OR UPDATE OF score ON assessment.grades
  FOR EACH ROW EXECUTE FUNCTION assessment.tg_grades__apply();

RESET ROLE;
