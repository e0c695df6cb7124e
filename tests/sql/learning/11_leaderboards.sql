-- Leaderboards per organization, all-time and weekly (the views and the top-N functions),
-- read as the application: each organization sees its own board only; rank follows points,
-- ties share a rank and are kept at the cut of a top N; a large
-- award moves a learner to the top of both boards (and raises the level); the weekly board
-- adds up to the ledger's points of the week. Sam Rivera belongs to both Northwind and
-- Globex and has a separate standing on each board. The boards carry the names themselves
-- (V044): a rename reaches every board of every organization at once, and a balance row
-- with a name other than the user's cannot be written.
BEGIN;
SELECT plan(22);

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');

SELECT ok((SELECT count(*) FROM gamification.leaderboard_all_time) > 0
          AND (SELECT count(*) FROM gamification.leaderboard_all_time WHERE organization_id <> '0a000000-0000-4000-8000-000000000001') = 0,
          'Northwind''s board shows Northwind only');
SELECT is((SELECT display_name FROM gamification.leaderboard_all_time WHERE rank = 1), 'Lena Schmidt', 'Lena leads Northwind');
SELECT is(ARRAY(SELECT user_id FROM gamification.leaderboard_all_time ORDER BY rank, user_id),
          ARRAY(SELECT user_id FROM gamification.point_balances ORDER BY total_points DESC, user_id),
          'rank follows total points');
SELECT is((SELECT total_points FROM gamification.leaderboard_all_time WHERE user_id = '0b000001-0000-4000-8000-000000000006'),
          15::bigint, 'Sam''s Northwind standing counts his Northwind points only');
SELECT is(ARRAY(SELECT user_id FROM gamification.top_learners(3)),
          ARRAY(SELECT user_id FROM gamification.leaderboard_all_time WHERE rank <= 3 ORDER BY rank, display_name),
          'top_learners(3) is the top of the board');

-- Priya catches up with Omar exactly: a tie.
SELECT gamification.adjust_points('0b000001-0000-4000-8000-000000000005',
         (SELECT total_points::int FROM gamification.point_balances WHERE user_id = '0b000001-0000-4000-8000-000000000004'),
         'Mentoring bonus');
SELECT is((SELECT count(DISTINCT rank) FROM gamification.leaderboard_all_time
            WHERE user_id IN ('0b000001-0000-4000-8000-000000000004', '0b000001-0000-4000-8000-000000000005')),
          1::bigint, 'equal points share a rank');
SELECT is((SELECT array_agg(rank ORDER BY rank) FROM gamification.top_learners(2)), ARRAY[1, 2, 2]::bigint[],
          'top_learners(2) includes both learners tied at the cut');

-- Omar wins a prize of 1000 points.
SELECT gamification.adjust_points('0b000001-0000-4000-8000-000000000004', 1000, 'Hackathon first prize');
SELECT is((SELECT display_name FROM gamification.leaderboard_all_time WHERE rank = 1), 'Omar Haddad', 'Omar now leads all-time');
SELECT is((SELECT array_agg(display_name ORDER BY display_name) FROM gamification.top_learners(2) WHERE rank = 2),
          ARRAY['Lena Schmidt'], 'top_learners ranks the same way');
SELECT is((SELECT level_name FROM gamification.leaderboard_all_time WHERE user_id = '0b000001-0000-4000-8000-000000000004'),
          'Master', 'and crossed into level 5 (Master, 1000 points)');
SELECT is((SELECT display_name FROM gamification.leaderboard_weekly
            WHERE week_start = date_trunc('week', now() AT TIME ZONE 'UTC')::date AND rank = 1),
          'Omar Haddad', 'and leads this week''s board');
SELECT is((SELECT display_name FROM gamification.top_learners_of_week() WHERE rank = 1), 'Omar Haddad',
          'top_learners_of_week agrees (this week by default)');
SELECT is((SELECT sum(points) FROM gamification.leaderboard_weekly WHERE week_start = date_trunc('week', now() AT TIME ZONE 'UTC')::date),
          (SELECT sum(points)::numeric FROM gamification.points_ledger
            WHERE awarded_at >= date_trunc('week', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'),
          'this week''s board adds up to the ledger''s points of the week');
SELECT is((SELECT count(*) FROM gamification.leaderboard_weekly WHERE organization_id <> '0a000000-0000-4000-8000-000000000001'),
          0::bigint, 'the weekly board shows Northwind only');

SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000002', '0b000002-0000-4000-8000-000000000001');
SELECT is((SELECT total_points FROM gamification.leaderboard_all_time WHERE user_id = '0b000001-0000-4000-8000-000000000006'),
          25::bigint, 'on Globex''s board Sam has his Globex points');
SELECT is((SELECT count(*) FROM gamification.leaderboard_all_time WHERE display_name IN ('Omar Haddad', 'Lena Schmidt')),
          0::bigint, 'Globex''s board shows no Northwind-only learner');

-- Sam renames himself while working in Globex.
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000006');
UPDATE user_management.users SET display_name = 'Sam R.' WHERE id = '0b000001-0000-4000-8000-000000000006';
SELECT is((SELECT display_name FROM gamification.top_learners(50) WHERE user_id = '0b000001-0000-4000-8000-000000000006'),
          'Sam R.', 'the rename shows on Globex''s top learners');
SELECT is((SELECT count(*) FROM gamification.weekly_points
            WHERE user_id = '0b000001-0000-4000-8000-000000000006' AND display_name <> 'Sam R.'),
          0::bigint, 'and on every Globex weekly row of his');
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000006');
SELECT is((SELECT display_name FROM gamification.leaderboard_all_time WHERE user_id = '0b000001-0000-4000-8000-000000000006'),
          'Sam R.', 'and on Northwind''s board, another organization');
SELECT ok((SELECT count(*) FROM gamification.weekly_points WHERE user_id = '0b000001-0000-4000-8000-000000000006') > 0
          AND (SELECT count(*) FROM gamification.weekly_points
                WHERE user_id = '0b000001-0000-4000-8000-000000000006' AND display_name <> 'Sam R.') = 0,
          'and on every Northwind weekly row of his');
RESET ROLE;

-- Not even the owner can give a board row a name other than the user's.
SET LOCAL ROLE learning_owner;
SELECT throws_ok($$UPDATE gamification.point_balances SET display_name = 'Lena Schmidt'
                    WHERE user_id = '0b000001-0000-4000-8000-000000000006'$$,
                 '23503', NULL, 'a balance row cannot carry a name other than its user''s');
SELECT throws_ok($$UPDATE gamification.weekly_points SET display_name = 'Lena Schmidt'
                    WHERE user_id = '0b000001-0000-4000-8000-000000000006'$$,
                 '23503', NULL, 'nor a weekly row');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
