-- Analytics: learning_events is partitioned by month (a fixed range from the migration, then
-- the monthly job keeps three months ahead) with a default partition;
-- create_learning_event_partitions() creates a missing month and moves
-- its rows out of the default partition; partitions cannot be read directly; the
-- application logs only client event types for itself; the daily_engagement rollup
-- (rebuild_daily_engagement) counts the events and the ledger by learner and UTC day, runs
-- again without changing anything, and refuses a reversed range; the monitoring views work
-- without pg_stat_statements.
BEGIN;
SELECT plan(20);

SELECT is((SELECT count(*) FROM pg_inherits WHERE inhparent = 'analytics.learning_events'::regclass
              AND inhrelid::regclass::text ~ '^analytics\.learning_events_y20(26m(09|1[0-2])|27m(0[1-9]|1[0-2]))$'),
          16::bigint, 'the migration creates the monthly partitions of September 2026 through December 2027');
-- The monthly job: partitions for this month and three months ahead, whatever today is.
SELECT analytics.create_learning_event_partitions(3);
SELECT ok(to_regclass(format('analytics.learning_events_y%sm%s', to_char(now(), 'YYYY'), to_char(now(), 'MM'))) IS NOT NULL
          AND to_regclass(format('analytics.learning_events_y%sm%s', to_char(now() + interval '3 months', 'YYYY'),
                                 to_char(now() + interval '3 months', 'MM'))) IS NOT NULL,
          'after the monthly job, partitions exist for this month and three months ahead');
SELECT is((SELECT count(*) FROM pg_inherits WHERE inhparent = 'analytics.learning_events'::regclass
             AND inhrelid = 'analytics.learning_events_default'::regclass), 1::bigint, 'there is a default partition');

-- A far-future event lands in the default partition ...
INSERT INTO analytics.learning_events (organization_id, user_id, event_type, occurred_at)
VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'login', '2031-01-15 12:00:00+00');
SELECT is((SELECT tableoid::regclass::text FROM analytics.learning_events WHERE occurred_at = '2031-01-15 12:00:00+00'),
          'analytics.learning_events_default', 'an event with no monthly partition goes to the default partition');
-- ... until its month is created.
SELECT is(ARRAY(SELECT analytics.create_learning_event_partitions(0, '2031-01-01')), ARRAY['learning_events_y2031m01'],
          'create_learning_event_partitions creates the missing month');
SELECT is((SELECT tableoid::regclass::text FROM analytics.learning_events WHERE occurred_at = '2031-01-15 12:00:00+00'),
          'analytics.learning_events_y2031m01', 'and moves that month''s rows out of the default partition');
SELECT is((SELECT count(*) FROM analytics.learning_events_default), 0::bigint, 'the default partition is empty again');
SELECT is(ARRAY(SELECT analytics.create_learning_event_partitions(0, '2031-01-01')), '{}'::text[],
          'running it again creates nothing');
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'analytics.learning_events_y2031m01'::regclass),
          'the new partition has row-level security enabled');
SELECT ok(EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'analytics.learning_events_y2031m01'::regclass AND contype = 'f'),
          'the new partition has the foreign key');

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');
SELECT throws_ok($$SELECT count(*) FROM analytics.learning_events_default$$, '42501', NULL,
                 'a partition cannot be read directly');

INSERT INTO analytics.learning_events (organization_id, user_id, event_type, payload)
VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'login', '{"client": "android"}');
SELECT throws_ok($$INSERT INTO analytics.learning_events (organization_id, user_id, event_type)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'lesson_completed')$$,
                 '42501', NULL, 'the application cannot log chain events (lesson_completed) itself');
SELECT throws_ok($$INSERT INTO analytics.learning_events (organization_id, user_id, event_type)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 'login')$$,
                 '42501', NULL, 'nor log events for another user');
RESET ROLE;

-- The rollup, as the scheduled job runs it (superuser: every organization).
SELECT cmp_ok(analytics.rebuild_daily_engagement(), '>', 0, 'the rollup (default: yesterday and today) writes rows');
SELECT is((SELECT ARRAY[events, points_earned] FROM analytics.daily_engagement
            WHERE user_id = '0b000001-0000-4000-8000-000000000003' AND activity_date = (now() AT TIME ZONE 'UTC')::date),
          ARRAY[(SELECT count(*) FROM analytics.learning_events
                  WHERE user_id = '0b000001-0000-4000-8000-000000000003'
                    AND (occurred_at AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date),
                (SELECT coalesce(sum(points), 0) FROM gamification.points_ledger
                  WHERE user_id = '0b000001-0000-4000-8000-000000000003'
                    AND (awarded_at AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date)]::bigint[],
          'a learner''s day counts the day''s events and sums the day''s ledger points');
SELECT is((SELECT count(*) FROM analytics.daily_engagement WHERE refreshed_at = now()),
          (SELECT count(*) FROM analytics.daily_engagement
            WHERE activity_date >= (now() AT TIME ZONE 'UTC')::date - 1),
          'the rows it wrote (and only those) carry this run''s refreshed_at');
CREATE TEMP TABLE first_run ON COMMIT DROP AS
SELECT organization_id, activity_date, user_id, events, lessons_completed, courses_completed, quizzes_graded,
       quizzes_passed, points_earned, badges_earned, forum_posts
  FROM analytics.daily_engagement;
SELECT analytics.rebuild_daily_engagement('2026-01-01', (now() AT TIME ZONE 'UTC')::date);
SELECT set_eq($$SELECT organization_id, activity_date, user_id, events, lessons_completed, courses_completed,
                       quizzes_graded, quizzes_passed, points_earned, badges_earned, forum_posts
                  FROM analytics.daily_engagement$$,
              'SELECT * FROM first_run',
              'rolling up every day again gives the same counters (the seed''s rollup and today''s agree)');
SELECT throws_ok($$SELECT analytics.rebuild_daily_engagement('2026-02-01', '2026-01-01')$$, '22023', NULL,
                 'a reversed range is refused');

-- Monitoring views (pg_stat_statements is not installed in the test database).
SET LOCAL ROLE learning_reporting;
SELECT lives_ok($$SELECT * FROM analytics.slow_statements$$, 'slow_statements works without pg_stat_statements');
SELECT ok((SELECT count(*) FROM analytics.index_usage WHERE index_name = 'points_ledger_once_per_source') = 1
          AND (SELECT kind FROM analytics.table_sizes WHERE schema_name = 'analytics' AND table_name = 'learning_events') = 'partitioned',
          'index_usage and table_sizes list this database''s objects');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
