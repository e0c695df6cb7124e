-- What: the enumerations and percentages of the rows the gamification chain writes become
--       domains, each holding the rule its table CHECK held:
--         analytics.event_type              learning_events.event_type
--         gamification.award_reason         points_ledger.reason
--         gamification.points_amount        points_ledger.points
--         course_management.enrollment_status   enrollments.status
--         course_management.progress_percent    enrollments.progress_percent
--         course_management.lesson_status       lesson_progress.status
--         assessment.attempt_status         quiz_attempts.status
--         assessment.score_percent          quiz_attempts.score_percent
--       The table CHECKs they replace are dropped; the CHECKs that relate two columns stay.
-- Why:  PostgreSQL 15 keeps a table's CHECK constraints as text and reads them back (parse +
--       plan) for every statement that writes the table: 11% of the instructions of a lesson
--       completion, the enumerations' IN lists the longest of them. A domain's constraints
--       are read once per session and cached. Measured with callgrind
--       (bench/learning/instructions.py): 4.34M -> 4.12M instructions per typical lesson
--       completion, 3.44M -> 3.24M per quiz submission.
-- How:  without rewriting a table. Each domain is created without its constraint, so that
--       changing a column to it is binary-coercible (catalog only, indexes kept); then the
--       constraint is added to the domain, which checks the existing rows. The two-column
--       CHECKs that mention a changed column are re-checked too. Both are scans, not
--       rewrites, under the ACCESS EXCLUSIVE lock the type change takes. The triggers (R__31,
--       R__50) and the policy (R__26) that read these columns are dropped for the change and
--       created again from their own definitions. At benchmark scale (2.05M ledger rows,
--       600k enrollments, 1.1M progress rows, 200k attempts) the file takes 2.5 s.
-- Note: values of these columns keep their domain type in expressions: array_agg() returns
--       an array of the domain, and a polymorphic function given the domain and a literal of
--       another type (pgTAP's is(points, 50)) needs a cast to the base type (points::integer).

SET LOCAL ROLE learning_owner;

CREATE DOMAIN analytics.event_type AS text;
CREATE DOMAIN gamification.award_reason AS text;
CREATE DOMAIN gamification.points_amount AS integer;
CREATE DOMAIN course_management.enrollment_status AS text;
CREATE DOMAIN course_management.progress_percent AS numeric(5,2);
CREATE DOMAIN course_management.lesson_status AS text;
CREATE DOMAIN assessment.attempt_status AS text;
CREATE DOMAIN assessment.score_percent AS numeric(5,2);

-- The trigger WHEN clauses and the policy that read the changed columns block a type change.
-- They exist in a database where the repeatables ran before (not in a fresh one): their
-- definitions are kept, they are dropped, and they are created again from those definitions
-- after the change.
CREATE TEMP TABLE v046_dependents ON COMMIT DROP AS
SELECT DISTINCT format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::regclass) AS drop_sql,
       pg_get_triggerdef(t.oid) AS create_sql
  FROM pg_depend d
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  JOIN pg_trigger t ON d.classid = 'pg_trigger'::regclass AND t.oid = d.objid
 WHERE (d.refobjid, a.attname) IN (('course_management.enrollments'::regclass, 'status'),
                                    ('course_management.lesson_progress'::regclass, 'status'),
                                    ('assessment.quiz_attempts'::regclass, 'status'))
UNION ALL
SELECT format('DROP POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename),
       format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s', p.policyname, p.schemaname, p.tablename,
              p.permissive, p.cmd, (SELECT string_agg(quote_ident(r), ', ') FROM unnest(p.roles) r))
       || coalesce(' USING (' || p.qual || ')', '') || coalesce(' WITH CHECK (' || p.with_check || ')', '')
  FROM pg_policies p
 WHERE p.schemaname = 'analytics' AND p.tablename = 'learning_events' AND p.policyname = 'app_insert_client_events';

DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT drop_sql FROM pg_temp.v046_dependents LOOP
    EXECUTE r.drop_sql;
  END LOOP;
END
$$;

ALTER TABLE analytics.learning_events
  DROP CONSTRAINT learning_events_type_known,
  ALTER COLUMN event_type TYPE analytics.event_type;
ALTER TABLE gamification.points_ledger
  DROP CONSTRAINT points_ledger_reason_known,
  DROP CONSTRAINT points_ledger_points_range,
  ALTER COLUMN reason TYPE gamification.award_reason,
  ALTER COLUMN points TYPE gamification.points_amount;
ALTER TABLE course_management.enrollments
  DROP CONSTRAINT enrollments_status_known,
  DROP CONSTRAINT enrollments_progress_range,
  ALTER COLUMN status TYPE course_management.enrollment_status,
  ALTER COLUMN progress_percent TYPE course_management.progress_percent;
ALTER TABLE course_management.lesson_progress
  DROP CONSTRAINT lesson_progress_status_known,
  ALTER COLUMN status TYPE course_management.lesson_status;
ALTER TABLE assessment.quiz_attempts
  DROP CONSTRAINT quiz_attempts_status_known,
  DROP CONSTRAINT quiz_attempts_percent_range,
  ALTER COLUMN status TYPE assessment.attempt_status,
  ALTER COLUMN score_percent TYPE assessment.score_percent;

ALTER DOMAIN analytics.event_type ADD CONSTRAINT event_type_known CHECK (VALUE IN (
    'lesson_started', 'lesson_viewed', 'video_progress', 'search', 'login',
    'lesson_completed', 'course_completed', 'quiz_graded', 'assignment_graded',
    'level_up', 'badge_earned', 'achievement_unlocked', 'forum_post'));
ALTER DOMAIN gamification.award_reason ADD CONSTRAINT award_reason_known CHECK (VALUE IN (
    'lesson_completed', 'course_completed', 'quiz_passed', 'assignment_graded',
    'badge_earned', 'achievement_unlocked', 'manual_adjustment'));
ALTER DOMAIN gamification.points_amount ADD CONSTRAINT points_amount_range
  CHECK (VALUE <> 0 AND VALUE BETWEEN -100000 AND 100000);
ALTER DOMAIN course_management.enrollment_status ADD CONSTRAINT enrollment_status_known
  CHECK (VALUE IN ('active', 'completed', 'dropped'));
ALTER DOMAIN course_management.progress_percent ADD CONSTRAINT progress_percent_range
  CHECK (VALUE BETWEEN 0 AND 100);
ALTER DOMAIN course_management.lesson_status ADD CONSTRAINT lesson_status_known
  CHECK (VALUE IN ('in_progress', 'completed'));
ALTER DOMAIN assessment.attempt_status ADD CONSTRAINT attempt_status_known
  CHECK (VALUE IN ('in_progress', 'submitted', 'graded'));
ALTER DOMAIN assessment.score_percent ADD CONSTRAINT score_percent_range
  CHECK (VALUE BETWEEN 0 AND 100);

COMMENT ON DOMAIN analytics.event_type IS 'The kinds of learning event (V046: was the CHECK learning_events_type_known).';
COMMENT ON DOMAIN gamification.award_reason IS 'Why points were awarded; manual_adjustment is the only reason without a source (V046: was points_ledger_reason_known).';
COMMENT ON DOMAIN gamification.points_amount IS 'A ledger amount: never zero, at most 100,000 either way (V046: was points_ledger_points_range).';
COMMENT ON DOMAIN course_management.enrollment_status IS 'Enrollment states; completed is final (V046: was enrollments_status_known).';
COMMENT ON DOMAIN course_management.progress_percent IS 'Share of a course''s required lessons completed, 0-100 (V046: was enrollments_progress_range).';
COMMENT ON DOMAIN course_management.lesson_status IS 'Lesson progress states; completed is final (V046: was lesson_progress_status_known).';
COMMENT ON DOMAIN assessment.attempt_status IS 'Quiz attempt states, in order: in_progress, submitted, graded (V046: was quiz_attempts_status_known).';
COMMENT ON DOMAIN assessment.score_percent IS 'A graded attempt''s score as a percentage of the maximum, 0-100 (V046: was quiz_attempts_percent_range).';

DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT create_sql FROM pg_temp.v046_dependents LOOP
    EXECUTE r.create_sql;
  END LOOP;
END
$$;

RESET ROLE;
