-- V046: the enumerations and percentages of the rows the trigger chain writes are domains
-- (their checks are cached per session; a table CHECK is parsed again by every statement
-- that writes the table). The columns have the domain types, the table CHECKs they replace
-- are gone, every domain constraint is validated and refuses what the CHECK refused, and
-- the triggers and the policy V046 had to drop and create again are there.
BEGIN;
SELECT plan(24);

SELECT col_type_is(s, t, c, d, format('%s.%s.%s is %s', s, t, c, d))
  FROM (VALUES ('analytics', 'learning_events', 'event_type', 'analytics.event_type'),
               ('gamification', 'points_ledger', 'reason', 'gamification.award_reason'),
               ('gamification', 'points_ledger', 'points', 'gamification.points_amount'),
               ('course_management', 'enrollments', 'status', 'course_management.enrollment_status'),
               ('course_management', 'enrollments', 'progress_percent', 'course_management.progress_percent'),
               ('course_management', 'lesson_progress', 'status', 'course_management.lesson_status'),
               ('assessment', 'quiz_attempts', 'status', 'assessment.attempt_status'),
               ('assessment', 'quiz_attempts', 'score_percent', 'assessment.score_percent')) AS x (s, t, c, d);

SELECT is_empty($$SELECT conname FROM pg_constraint
                   WHERE conname IN ('learning_events_type_known', 'points_ledger_reason_known', 'points_ledger_points_range',
                                     'enrollments_status_known', 'enrollments_progress_range', 'lesson_progress_status_known',
                                     'quiz_attempts_status_known', 'quiz_attempts_percent_range')$$,
                'the table CHECKs the domains replace are gone (also from every partition of learning_events)');
SELECT is((SELECT count(*)::integer FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid
            WHERE t.typname IN ('event_type', 'award_reason', 'points_amount', 'enrollment_status', 'progress_percent',
                                'lesson_status', 'attempt_status', 'score_percent')
              AND c.contype = 'c' AND c.convalidated),
          8, 'each of the eight domains has one validated CHECK');

-- Each domain refuses what its CHECK refused, with the domain named in the message.
SELECT throws_ok($$UPDATE analytics.learning_events SET event_type = 'page_view'
                    WHERE id = (SELECT min(id) FROM analytics.learning_events)$$,
                 '23514', 'value for domain analytics.event_type violates check constraint "event_type_known"',
                 'an unknown event type is refused');
SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, source_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 5, 'bonus',
                           gen_random_uuid())$$,
                 '23514', 'value for domain gamification.award_reason violates check constraint "award_reason_known"',
                 'an unknown award reason is refused');
SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, source_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 0,
                           'lesson_completed', gen_random_uuid())$$,
                 '23514', 'value for domain gamification.points_amount violates check constraint "points_amount_range"',
                 'a ledger row of zero points is refused');
SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, source_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 100001,
                           'lesson_completed', gen_random_uuid())$$,
                 '23514', 'value for domain gamification.points_amount violates check constraint "points_amount_range"',
                 'a ledger row over 100,000 points is refused');
SELECT throws_ok($$UPDATE course_management.enrollments SET status = 'paused'
                    WHERE id = (SELECT min(id::text)::uuid FROM course_management.enrollments)$$,
                 '23514', 'value for domain course_management.enrollment_status violates check constraint "enrollment_status_known"',
                 'an unknown enrollment status is refused');
SELECT throws_ok($$UPDATE course_management.enrollments SET progress_percent = 100.5
                    WHERE id = (SELECT min(id::text)::uuid FROM course_management.enrollments)$$,
                 '23514', 'value for domain course_management.progress_percent violates check constraint "progress_percent_range"',
                 'a progress over 100% is refused');
SELECT throws_ok($$UPDATE course_management.lesson_progress SET status = 'done'
                    WHERE id = (SELECT min(id::text)::uuid FROM course_management.lesson_progress)$$,
                 '23514', 'value for domain course_management.lesson_status violates check constraint "lesson_status_known"',
                 'an unknown lesson progress status is refused');
SELECT throws_ok($$UPDATE assessment.quiz_attempts SET status = 'lost'
                    WHERE id = (SELECT min(id::text)::uuid FROM assessment.quiz_attempts)$$,
                 '23514', 'value for domain assessment.attempt_status violates check constraint "attempt_status_known"',
                 'an unknown attempt status is refused');
SELECT throws_ok($$UPDATE assessment.quiz_attempts SET score_percent = -1
                    WHERE id = (SELECT min(id::text)::uuid FROM assessment.quiz_attempts)$$,
                 '23514', 'value for domain assessment.score_percent violates check constraint "score_percent_range"',
                 'a negative score percentage is refused');
-- The same refusal reaches a value computed inside the chain (a PL/pgSQL parameter, not a literal).
SELECT throws_ok($$SELECT gamification.award_points('0a000000-0000-4000-8000-000000000001',
                                                    '0b000001-0000-4000-8000-000000000003', 5, 'bonus', gen_random_uuid())$$,
                 '23514', 'value for domain gamification.award_reason violates check constraint "award_reason_known"',
                 'a reason passed as text to award_points() is checked by the domain');

-- What V046 dropped for the type change is back, WHEN clauses included.
SELECT is((SELECT array_agg(format('%s.%s', t.tgrelid::regclass, t.tgname) ORDER BY t.tgrelid::regclass::text, t.tgname)
             FROM pg_trigger t
            WHERE NOT t.tgisinternal AND t.tgqual IS NOT NULL
              AND t.tgrelid IN ('course_management.enrollments'::regclass, 'course_management.lesson_progress'::regclass,
                                'assessment.quiz_attempts'::regclass)),
          ARRAY['assessment.quiz_attempts.award_on_graded', 'assessment.quiz_attempts.award_on_insert',
                'assessment.quiz_attempts.score_on_insert', 'assessment.quiz_attempts.score_on_submit',
                'course_management.enrollments.award_completion_on_insert', 'course_management.enrollments.award_completion_on_update',
                'course_management.lesson_progress.award_completion_on_insert', 'course_management.lesson_progress.award_completion_on_update'],
          'the eight chain triggers with a WHEN on status exist');
SELECT policy_roles_are('analytics', 'learning_events', 'app_insert_client_events', ARRAY['learning_app'],
                        'the client-events policy is back, for learning_app');

-- And the policy still limits the application to client event types.
SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');
SELECT lives_ok($$INSERT INTO analytics.learning_events (organization_id, user_id, event_type)
                  VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'lesson_viewed')$$,
                'the application logs a client event type');
SELECT throws_ok($$INSERT INTO analytics.learning_events (organization_id, user_id, event_type)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'level_up')$$,
                 '42501', NULL, 'the application cannot log a chain event type (level_up)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
