-- What: undoes V046: the chain's columns go back to their base types and the table CHECKs
--       of V023, V024, V026, V033 and V042 come back (same names, same rules); the domains
--       are dropped.
-- Why:  a domain over a type changes back to that type without a rewrite (binary-coercible);
--       the CHECKs added back scan their tables, under the ACCESS EXCLUSIVE lock of the
--       change. The triggers and the policy that read the columns are dropped for the change
--       and created again from their own definitions, as in V046.

SET LOCAL ROLE learning_owner;

CREATE TEMP TABLE u046_dependents ON COMMIT DROP AS
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
  FOR r IN SELECT drop_sql FROM pg_temp.u046_dependents LOOP
    EXECUTE r.drop_sql;
  END LOOP;
END
$$;

ALTER TABLE analytics.learning_events
  ALTER COLUMN event_type TYPE text,
  ADD CONSTRAINT learning_events_type_known CHECK (event_type IN (
    'lesson_started', 'lesson_viewed', 'video_progress', 'search', 'login',
    'lesson_completed', 'course_completed', 'quiz_graded', 'assignment_graded',
    'level_up', 'badge_earned', 'achievement_unlocked', 'forum_post'));
ALTER TABLE gamification.points_ledger
  ALTER COLUMN reason TYPE text,
  ALTER COLUMN points TYPE integer,
  ADD CONSTRAINT points_ledger_reason_known CHECK (reason IN (
    'lesson_completed', 'course_completed', 'quiz_passed', 'assignment_graded',
    'badge_earned', 'achievement_unlocked', 'manual_adjustment')),
  ADD CONSTRAINT points_ledger_points_range CHECK (points <> 0 AND points BETWEEN -100000 AND 100000);
ALTER TABLE course_management.enrollments
  ALTER COLUMN status TYPE text,
  ALTER COLUMN progress_percent TYPE numeric(5,2),
  ADD CONSTRAINT enrollments_status_known CHECK (status IN ('active', 'completed', 'dropped')),
  ADD CONSTRAINT enrollments_progress_range CHECK (progress_percent BETWEEN 0 AND 100);
ALTER TABLE course_management.lesson_progress
  ALTER COLUMN status TYPE text,
  ADD CONSTRAINT lesson_progress_status_known CHECK (status IN ('in_progress', 'completed'));
ALTER TABLE assessment.quiz_attempts
  ALTER COLUMN status TYPE text,
  ALTER COLUMN score_percent TYPE numeric(5,2),
  ADD CONSTRAINT quiz_attempts_status_known CHECK (status IN ('in_progress', 'submitted', 'graded')),
  ADD CONSTRAINT quiz_attempts_percent_range CHECK (score_percent BETWEEN 0 AND 100);

DROP DOMAIN analytics.event_type, gamification.award_reason, gamification.points_amount,
            course_management.enrollment_status, course_management.progress_percent,
            course_management.lesson_status, assessment.attempt_status, assessment.score_percent;

DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT create_sql FROM pg_temp.u046_dependents LOOP
    EXECUTE r.create_sql;
  END LOOP;
END
$$;

RESET ROLE;
