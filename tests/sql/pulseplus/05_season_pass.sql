-- add_season_xp: XP accumulates on the pass; each tier unlocks exactly once when its
-- xp_required is reached, paying its reward (in its currency) and notifying the user;
-- current_tier follows; the season leaderboard row follows the XP. Refusals: bad XP (22023),
-- unknown ids (P0002), another game (PP005), season not running (PP006).
BEGIN;
SELECT plan(27);

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'pass.one@example.test', 'Pass', 'One', 'Pass One');
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'pass-game', 'Pass game', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'pass-other', 'Pass other game', 'active');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'COIN', 'Coins'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000b1', 'GEM', 'Gems');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'One');
INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1', 1, 'Running season',
   now() - interval '1 day', now() + interval '30 days'),
  ('00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-0000000000b1', 2, 'Past season',
   now() - interval '60 days', now() - interval '30 days'),
  ('00000000-0000-4000-8000-0000000000e3', '00000000-0000-4000-8000-0000000000b1', 3, 'Future season',
   now() + interval '30 days', now() + interval '60 days'),
  ('00000000-0000-4000-8000-0000000000e4', '00000000-0000-4000-8000-0000000000b2', 1, 'Other game season',
   now() - interval '1 day', now() + interval '30 days');
INSERT INTO pulseplus.season_tier (id, season_id, tier_number, name, xp_required, reward_currency_id, reward_amount) VALUES
  ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000e1', 1, 'Bronze', 100,
   '00000000-0000-4000-8000-0000000000c1', 10),
  ('00000000-0000-4000-8000-0000000000f2', '00000000-0000-4000-8000-0000000000e1', 2, 'Silver', 250,
   '00000000-0000-4000-8000-0000000000c1', 20),
  ('00000000-0000-4000-8000-0000000000f3', '00000000-0000-4000-8000-0000000000e1', 3, 'Gold', 500,
   '00000000-0000-4000-8000-0000000000c2', 5),
  ('00000000-0000-4000-8000-0000000000f4', '00000000-0000-4000-8000-0000000000e1', 4, 'Platinum', 1000, NULL, 0);

CREATE FUNCTION pg_temp.pass() RETURNS TABLE (xp bigint, current_tier integer, unlocks bigint, coins bigint, gems bigint)
LANGUAGE sql STABLE AS $$
  SELECT p.xp, p.current_tier,
         (SELECT count(*) FROM pulseplus.season_tier_unlock u WHERE u.progress_id = p.id),
         (SELECT b.balance FROM pulseplus.currency_balance b
           WHERE b.competitor_id = p.competitor_id AND b.currency_id = '00000000-0000-4000-8000-0000000000c1'),
         (SELECT b.balance FROM pulseplus.currency_balance b
           WHERE b.competitor_id = p.competitor_id AND b.currency_id = '00000000-0000-4000-8000-0000000000c2')
    FROM pulseplus.season_pass_progress p
   WHERE p.competitor_id = '00000000-0000-4000-8000-0000000000d1' AND p.season_id = '00000000-0000-4000-8000-0000000000e1'
$$;

SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 50),
          0, '50 XP unlock nothing');
SELECT results_eq($$SELECT * FROM pg_temp.pass()$$, $$VALUES (50::bigint, 0, 0::bigint, NULL::bigint, NULL::bigint)$$,
                  'the pass exists with 50 XP, tier 0, no reward');
SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 60),
          1, '110 XP unlock tier 1');
SELECT results_eq($$SELECT * FROM pg_temp.pass()$$, $$VALUES (110::bigint, 1, 1::bigint, 10::bigint, NULL::bigint)$$,
                  'tier 1 is unlocked and its 10 coins are paid');
SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 500),
          2, '610 XP unlock tiers 2 and 3 in one go');
SELECT results_eq($$SELECT * FROM pg_temp.pass()$$, $$VALUES (610::bigint, 3, 3::bigint, 30::bigint, 5::bigint)$$,
                  'tier 3; 20 more coins and 5 gems (each tier in its own currency)');
SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 1),
          0, 'more XP below the next tier unlocks nothing again');
SELECT results_eq($$SELECT * FROM pg_temp.pass()$$, $$VALUES (611::bigint, 3, 3::bigint, 30::bigint, 5::bigint)$$,
                  'no tier is paid twice');
SELECT results_eq(
  $$SELECT t.tier_number, x.amount, x.kind FROM pulseplus.currency_transaction x
      JOIN pulseplus.season_tier t ON t.id = x.season_tier_id
     WHERE x.competitor_id = '00000000-0000-4000-8000-0000000000d1' ORDER BY t.tier_number$$,
  $$VALUES (1, 10::bigint, 'tier_reward'::text), (2, 20, 'tier_reward'), (3, 5, 'tier_reward')$$,
  'each reward is one tier_reward ledger row naming its tier');
SELECT is(
  (SELECT array_agg(data ->> 'season_tier_id' ORDER BY title) FROM pulseplus.notification
    WHERE user_id = '00000000-0000-4000-8000-0000000000a1' AND kind = 'tier_unlocked'),
  ARRAY['00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000f2', '00000000-0000-4000-8000-0000000000f3'],
  'the user is notified once per unlocked tier');
SELECT results_eq(
  $$SELECT score, game_id FROM pulseplus.leaderboard
     WHERE season_id = '00000000-0000-4000-8000-0000000000e1' AND competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES (611::bigint, '00000000-0000-4000-8000-0000000000b1'::uuid)$$,
  'the season leaderboard score is the pass XP');
SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 10000),
          1, 'a tier without reward unlocks too');
SELECT results_eq($$SELECT * FROM pg_temp.pass()$$, $$VALUES (10611::bigint, 4, 4::bigint, 30::bigint, 5::bigint)$$,
                  'tier 4 unlocked, nothing paid for it');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_transaction WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          3, 'no ledger row for a tier without reward');

-- a tier added later is unlocked by the next XP, with its reward
INSERT INTO pulseplus.season_tier (season_id, tier_number, name, xp_required, reward_currency_id, reward_amount)
VALUES ('00000000-0000-4000-8000-0000000000e1', 5, 'Diamond', 2000, '00000000-0000-4000-8000-0000000000c1', 100);
SELECT is(pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 1),
          1, 'a tier added below the current XP unlocks on the next award');
SELECT results_eq($$SELECT * FROM pg_temp.pass()$$, $$VALUES (10612::bigint, 5, 5::bigint, 130::bigint, 5::bigint)$$,
                  'and pays its reward');

-- refusals
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 0)$$,
                 '22023', NULL, 'zero XP is refused');
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', -5)$$,
                 '22023', NULL, 'negative XP is refused');
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-00000000dead', '00000000-0000-4000-8000-0000000000e1', 5)$$,
                 'P0002', NULL, 'an unknown competitor is refused');
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-00000000dead', 5)$$,
                 'P0002', NULL, 'an unknown season is refused');
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e4', 5)$$,
                 'PP005', NULL, 'a season of another game is refused');
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e2', 5)$$,
                 'PP006', NULL, 'a season that has ended takes no XP');
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e3', 5)$$,
                 'PP006', NULL, 'a season that has not started takes no XP');
SELECT is((SELECT count(*)::integer FROM pulseplus.season_pass_progress WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          1, 'refused calls created no pass');
SET LOCAL ROLE pulseplus_app;
SELECT throws_ok($$SELECT pulseplus.add_season_xp('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1', 5)$$,
                 '42501', NULL, 'the API cannot grant itself XP');
SELECT throws_ok($$UPDATE pulseplus.season_pass_progress SET xp = 99999$$,
                 '42501', NULL, 'the API cannot write a pass');
RESET ROLE;
SELECT is((SELECT count(*)::integer FROM pulseplus.season_pass_progress p
            WHERE p.current_tier <> coalesce((SELECT max(t.tier_number) FROM pulseplus.season_tier_unlock u
                                              JOIN pulseplus.season_tier t ON t.id = u.season_tier_id
                                             WHERE u.progress_id = p.id), 0)),
          0, 'in the whole database (seed included) current_tier is the highest unlocked tier');

SELECT * FROM finish();
ROLLBACK;
