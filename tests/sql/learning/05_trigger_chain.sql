-- The live gamification chain, driven the way the application drives it (learning_app,
-- complete_lesson): lesson completion -> ledger -> balance -> level -> badges/achievements,
-- and its idempotence: repeating the call, re-writing the progress row and replaying the
-- event (progress row deleted and inserted again) never award anything twice.
-- A fresh learner, Tess, enrolls in Northwind's "SQL Fundamentals": required lessons worth
-- 10, 10, 15 and 20 points, an optional one worth 5, course completion 150. Northwind's
-- levels: 1 at 0, 2 at 50, 3 at 150 points. Badges: first_steps (1 lesson, +5),
-- course_finisher (1 course, +25), scholar (level 3, +0), on_a_roll (3-day streak, +15);
-- achievement five_lessons (+20).
BEGIN;
SELECT plan(30);

INSERT INTO user_management.users (id, email, display_name, timezone)
VALUES ('0b000001-0000-4000-8000-0000000000a1', 'tess@northwind.example', 'Tess Tester', 'UTC'),
       ('0b000001-0000-4000-8000-0000000000a2', 'uma@northwind.example', 'Uma Tester', 'UTC');
INSERT INTO user_management.organization_members (organization_id, user_id)
VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a1'),
       ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a2');
INSERT INTO course_management.enrollments (organization_id, course_id, user_id)
VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a1'),
       ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a2');

CREATE TEMP VIEW tess AS
SELECT (SELECT total_points FROM gamification.point_balances WHERE user_id = '0b000001-0000-4000-8000-0000000000a1') AS total,
       (SELECT level_number FROM gamification.point_balances WHERE user_id = '0b000001-0000-4000-8000-0000000000a1') AS level,
       (SELECT count(*) FROM gamification.points_ledger WHERE user_id = '0b000001-0000-4000-8000-0000000000a1') AS ledger_rows,
       (SELECT array_agg(b.key ORDER BY b.key) FROM gamification.user_badges ub JOIN gamification.badges b ON b.id = ub.badge_id
         WHERE ub.user_id = '0b000001-0000-4000-8000-0000000000a1') AS badges,
       (SELECT progress_percent::numeric FROM course_management.enrollments
         WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND course_id = '0d000001-0000-4000-8000-000000000001') AS progress;
GRANT SELECT ON tess TO learning_app;

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a1');

-- 1. First lesson.
SELECT isnt(course_management.complete_lesson('0f000001-0000-4000-8000-000000000111', 600), NULL, 'complete_lesson returns the progress id');
SELECT is((SELECT array_agg(points::integer) FROM gamification.points_ledger
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND reason = 'lesson_completed'
              AND source_id = '0f000001-0000-4000-8000-000000000111'),
          ARRAY[10], 'completing a lesson writes one ledger row with the lesson''s points');
SELECT is((SELECT badges FROM tess), ARRAY['first_steps'], 'the first lesson earns first_steps');
SELECT is((SELECT total FROM tess), 15::bigint, 'balance: 10 for the lesson + 5 for the badge');
SELECT is((SELECT level FROM tess), 1, 'level 1 reached (threshold 0)');
SELECT is((SELECT progress FROM tess), 25.00, 'enrollment progress: 1 of 4 required lessons');
SELECT is((SELECT count(*) FROM analytics.learning_events
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND event_type = 'lesson_completed'), 1::bigint,
          'the completion is logged as a learning event');
SELECT is((SELECT count(*) FROM analytics.daily_engagement
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1'), 0::bigint,
          'the chain writes no daily_engagement row (the rollup job does, see 09_analytics)');

-- 2. The same event again, three ways: nothing more is awarded.
SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000111');
SELECT is((SELECT ARRAY[total, ledger_rows] FROM tess), ARRAY[15, 2]::bigint[], 'completing the same lesson again awards nothing');
UPDATE course_management.lesson_progress SET status = 'completed'
 WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND lesson_id = '0f000001-0000-4000-8000-000000000111';
SELECT is((SELECT ARRAY[total, ledger_rows] FROM tess), ARRAY[15, 2]::bigint[], 're-writing the completed row awards nothing');
UPDATE course_management.lesson_progress SET status = 'in_progress'
 WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND lesson_id = '0f000001-0000-4000-8000-000000000111';
SELECT is((SELECT status FROM course_management.lesson_progress
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND lesson_id = '0f000001-0000-4000-8000-000000000111'),
          'completed', 'completion is final: setting the row back to in_progress keeps it completed');

-- 3. Up to the end of the course: levels 2 and 3 are crossed, three badges earned.
SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000112');
SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000121');
SELECT is((SELECT ARRAY[total, level] FROM tess), ARRAY[40, 1]::bigint[], 'after three lessons: 40 points, still level 1');
SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000122');
SELECT is((SELECT progress FROM tess), 100.00, 'all required lessons done: progress 100%');
SELECT is((SELECT status FROM course_management.enrollments
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND course_id = '0d000001-0000-4000-8000-000000000001'),
          'completed', 'the enrollment is completed');
SELECT is((SELECT points::integer FROM gamification.points_ledger
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND reason = 'course_completed'),
          150, 'course completion awards the course''s 150 points');
SELECT is((SELECT total FROM tess), 235::bigint, 'balance: 40 + 20 + 150 + 25 (course_finisher)');
SELECT is((SELECT level FROM tess), 3, 'crossing 50 and 150 raised the level to 3');
SELECT is((SELECT array_agg((payload ->> 'to')::int ORDER BY (payload ->> 'to')::int) FROM analytics.learning_events
            WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND event_type = 'level_up'),
          ARRAY[1, 2, 3], 'one level_up event per level crossed');
SELECT is((SELECT badges FROM tess), ARRAY['course_finisher', 'first_steps', 'scholar'],
          'course_finisher (course rule) and scholar (level rule) are earned');
SELECT is((SELECT progress FROM gamification.user_achievements ua JOIN gamification.achievements a ON a.id = ua.achievement_id
            WHERE ua.user_id = '0b000001-0000-4000-8000-0000000000a1' AND a.key = 'five_lessons'),
          4::numeric, 'achievement progress: 4 of 5 lessons');

-- 4. The optional lesson: its points, and the five-lesson achievement.
SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000123');
SELECT isnt((SELECT achieved_at FROM gamification.user_achievements ua JOIN gamification.achievements a ON a.id = ua.achievement_id
              WHERE ua.user_id = '0b000001-0000-4000-8000-0000000000a1' AND a.key = 'five_lessons'),
            NULL, 'the fifth lesson unlocks five_lessons');
SELECT is((SELECT total FROM tess), 260::bigint, 'balance: 235 + 5 + 20 (achievement)');
SELECT is((SELECT sum(points) FROM gamification.points_ledger WHERE user_id = '0b000001-0000-4000-8000-0000000000a1'),
          (SELECT total FROM tess), 'the balance equals the sum of the ledger');
RESET ROLE;

-- 5. A replayed event: the progress row is deleted and the completion arrives again.
DELETE FROM course_management.lesson_progress
 WHERE user_id = '0b000001-0000-4000-8000-0000000000a1' AND lesson_id = '0f000001-0000-4000-8000-000000000111';
SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a1');
SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000111');
SELECT is((SELECT ARRAY[total, ledger_rows] FROM tess), ARRAY[260, 9]::bigint[],
          'a replayed completion (new progress row) awards nothing: the ledger key is the guard');
RESET ROLE;
SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, source_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-0000000000a1', 10,
                           'lesson_completed', '0f000001-0000-4000-8000-000000000111')$$,
                 '23505', NULL, 'even a superuser cannot record the same award twice');

-- 6. Streaks, counted in the learner's time zone: three days in a row, then a gap.
INSERT INTO course_management.lesson_progress (organization_id, enrollment_id, course_id, user_id, lesson_id, status, started_at, completed_at)
SELECT e.organization_id, e.id, e.course_id, e.user_id, v.lesson_id, 'completed', v.at - interval '10 minutes', v.at
  FROM course_management.enrollments e,
       (VALUES ('0f000001-0000-4000-8000-000000000111'::uuid, '2026-11-17 10:00:00+00'::timestamptz),
               ('0f000001-0000-4000-8000-000000000112', '2026-11-18 23:30:00+00'),
               ('0f000001-0000-4000-8000-000000000121', '2026-11-19 00:30:00+00')) AS v (lesson_id, at)
 WHERE e.user_id = '0b000001-0000-4000-8000-0000000000a2'
 ORDER BY v.at;
SELECT is((SELECT ARRAY[current_days, longest_days] FROM gamification.streaks WHERE user_id = '0b000001-0000-4000-8000-0000000000a2'),
          ARRAY[3, 3], 'three consecutive days make a streak of 3');
SELECT ok(EXISTS (SELECT 1 FROM gamification.user_badges ub JOIN gamification.badges b ON b.id = ub.badge_id
                   WHERE ub.user_id = '0b000001-0000-4000-8000-0000000000a2' AND b.key = 'on_a_roll'),
          'the streak rule awards on_a_roll');
INSERT INTO course_management.lesson_progress (organization_id, enrollment_id, course_id, user_id, lesson_id, status, started_at, completed_at)
SELECT e.organization_id, e.id, e.course_id, e.user_id, '0f000001-0000-4000-8000-000000000122', 'completed',
       '2026-11-21 09:00:00+00', '2026-11-21 10:00:00+00'
  FROM course_management.enrollments e WHERE e.user_id = '0b000001-0000-4000-8000-0000000000a2';
SELECT is((SELECT ARRAY[current_days, longest_days] FROM gamification.streaks WHERE user_id = '0b000001-0000-4000-8000-0000000000a2'),
          ARRAY[1, 3], 'after a missed day the streak restarts; the longest run is kept');

-- 7. Rules that the engine relies on.
SELECT throws_ok($$INSERT INTO gamification.levels (organization_id, level_number, name, min_points)
                   VALUES ('0a000000-0000-4000-8000-000000000001', 6, 'Backwards', 500)$$,
                 '23514', NULL, 'level thresholds must rise with the level');
SELECT throws_ok($$INSERT INTO gamification.badges (organization_id, key, name, rule)
                   VALUES ('0a000000-0000-4000-8000-000000000001', 'bad_rule', 'Bad', '{"metric": "logins", "threshold": 1}')$$,
                 '23514', NULL, 'a badge rule with an unknown metric is refused');

SELECT * FROM finish();
ROLLBACK;
