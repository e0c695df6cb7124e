-- Leaderboards: record_competition_score adds points incrementally (one row per competitor
-- and competition); ranks are rank(): ties share a rank and the next rank skips (1, 1, 3);
-- tied rows list who scored first, then by id; top N includes every tie at the cut-off;
-- season leaderboards follow season XP. Refusals: competition not running (PP009), another
-- game (PP005), bad points (22023), unknown ids (P0002), API role (42501).
BEGIN;
SELECT plan(22);

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name)
SELECT ('00000000-0000-4000-8000-0000000000a' || n)::uuid, 'rank' || n || '@example.test', 'Rank', 'P' || n, 'Rank P' || n
  FROM generate_series(1, 5) AS n;
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'rank-game', 'Rank game', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'rank-other', 'Rank other game', 'active');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name)
SELECT ('00000000-0000-4000-8000-0000000000d' || n)::uuid, '00000000-0000-4000-8000-0000000000b1',
       ('00000000-0000-4000-8000-0000000000a' || n)::uuid, 'P' || n
  FROM generate_series(1, 5) AS n;
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d9', '00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000a1', 'P1 elsewhere');
INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1', 1, 'Rank season',
   now() - interval '1 day', now() + interval '30 days');
INSERT INTO pulseplus.competition (id, game_id, name, status, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'Running', 'running', now() - interval '1 day', now() + interval '1 day'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000b1', 'Scheduled', 'scheduled', now() + interval '1 day', now() + interval '2 days'),
  ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000b1', 'Finished', 'finished', now() - interval '2 days', now() - interval '1 day'),
  ('00000000-0000-4000-8000-0000000000c4', '00000000-0000-4000-8000-0000000000b1', 'Photo finish', 'running', now() - interval '1 day', now() + interval '1 day');

SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', 60),
          60::bigint, 'a first score creates the row');
SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', 40),
          100::bigint, 'later points add up (incremental)');
SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d2', 300),
          300::bigint, 'P2 scores 300');
SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d3', 300),
          300::bigint, 'P3 scores 300 too');
SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d4', 50),
          50::bigint, 'P4 scores 50');
SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d5', 200),
          200::bigint, 'P5 scores 200');
SELECT is((SELECT count(*)::integer FROM pulseplus.leaderboard WHERE competition_id = '00000000-0000-4000-8000-0000000000c1'),
          5, 'one row per competitor');

SELECT results_eq(
  $$SELECT rank, display_name, score FROM pulseplus.competition_leaderboard('00000000-0000-4000-8000-0000000000c1')$$,
  $$VALUES (1::bigint, 'P2'::text, 300::bigint), (1, 'P3', 300), (3, 'P5', 200), (4, 'P1', 100), (5, 'P4', 50)$$,
  'rank(): P2 and P3 share rank 1, the next is 3rd');
SELECT results_eq(
  $$SELECT rank FROM pulseplus.competition_leaderboard('00000000-0000-4000-8000-0000000000c1', 1)$$,
  $$VALUES (1::bigint), (1)$$, 'the top 1 holds both competitors tied for first');
SELECT results_eq(
  $$SELECT display_name FROM pulseplus.competition_leaderboard('00000000-0000-4000-8000-0000000000c1', 3)$$,
  $$VALUES ('P2'::text), ('P3'), ('P5')$$, 'the top 3 is P2, P3, P5');
SELECT results_eq(
  $$SELECT competitor_id, rank FROM pulseplus.leaderboard_ranking
     WHERE competition_id = '00000000-0000-4000-8000-0000000000c1' ORDER BY rank, competitor_id$$,
  $$SELECT competitor_id, rank FROM pulseplus.competition_leaderboard('00000000-0000-4000-8000-0000000000c1') ORDER BY rank, competitor_id$$,
  'the view ranks the same way as the top-N function');

SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d5', 100),
          300::bigint, 'P5 catches up to 300');
SELECT results_eq(
  $$SELECT rank, display_name FROM pulseplus.competition_leaderboard('00000000-0000-4000-8000-0000000000c1')$$,
  $$VALUES (1::bigint, 'P2'::text), (1, 'P3'), (1, 'P5'), (4, 'P1'), (5, 'P4')$$,
  'a three-way tie for first; P1 is now 4th');

-- who scored first is listed first within a shared rank
INSERT INTO pulseplus.leaderboard (game_id, competition_id, competitor_id, score, last_scored_at) VALUES
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c4', '00000000-0000-4000-8000-0000000000d1', 500, now() - interval '1 minute'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c4', '00000000-0000-4000-8000-0000000000d2', 500, now() - interval '5 minutes'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c4', '00000000-0000-4000-8000-0000000000d3', 700, now());
SELECT results_eq(
  $$SELECT rank, display_name FROM pulseplus.competition_leaderboard('00000000-0000-4000-8000-0000000000c4')$$,
  $$VALUES (1::bigint, 'P3'::text), (2, 'P2'), (2, 'P1')$$,
  'tied on 500, P2 (who got there first) is listed before P1');

-- season leaderboard
SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 500)
          + pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000e1', 500)
          + pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d3', '00000000-0000-4000-8000-0000000000e1', 200),
          0, 'season XP for three competitors (the season has no tiers)');
SELECT results_eq(
  $$SELECT rank, display_name, score FROM pulseplus.season_leaderboard('00000000-0000-4000-8000-0000000000e1')$$,
  $$VALUES (1::bigint, 'P1'::text, 500::bigint), (1, 'P2', 500), (3, 'P3', 200)$$,
  'the season leaderboard ranks by season XP with ties');

-- refusals
SELECT throws_ok($$SELECT pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000d1', 10)$$,
                 'PP009', NULL, 'a scheduled competition takes no scores');
SELECT throws_ok($$SELECT pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000d1', 10)$$,
                 'PP009', NULL, 'a finished competition takes no scores');
SELECT throws_ok($$SELECT pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d9', 10)$$,
                 'PP005', NULL, 'a competitor of another game cannot score');
SELECT throws_ok($$SELECT pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', 0)$$,
                 '22023', NULL, 'zero points are refused');
SELECT throws_ok($$SELECT pulseplus.record_competition_score('00000000-0000-4000-8000-00000000dead', '00000000-0000-4000-8000-0000000000d1', 10)$$,
                 'P0002', NULL, 'an unknown competition is refused');
SET LOCAL ROLE pulseplus_app;
SELECT throws_ok($$SELECT pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', 10)$$,
                 '42501', NULL, 'the API cannot record scores (it may read them)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
