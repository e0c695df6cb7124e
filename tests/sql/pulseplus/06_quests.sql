-- complete_objective: progress is counted and capped; the quest completes exactly when its
-- last objective is done, paying XP (which may unlock tiers), currency and the badge once.
-- Refusals: completed quest (PP008), quest not running (PP007), another game (PP005), bad
-- increment (22023), unknown ids (P0002), API role (42501).
BEGIN;
SELECT plan(24);

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'quest.one@example.test', 'Quest', 'One', 'Quest One');
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'quest-game', 'Quest game', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'quest-other', 'Quest other game', 'active');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'QST', 'Quest coins');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'One');
INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1', 1, 'Quest season',
   now() - interval '1 day', now() + interval '30 days');
INSERT INTO pulseplus.season_tier (season_id, tier_number, name, xp_required, reward_currency_id, reward_amount) VALUES
  ('00000000-0000-4000-8000-0000000000e1', 1, 'First', 100, '00000000-0000-4000-8000-0000000000c1', 10);
INSERT INTO pulseplus.badge (id, game_id, key, name) VALUES
  ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000b1', 'quester', 'Quester');
INSERT INTO pulseplus.quest (id, game_id, season_id, key, name, reward_currency_id, reward_amount, reward_xp, badge_id,
                             is_active, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000e1',
   'main', 'Main quest', '00000000-0000-4000-8000-0000000000c1', 50, 150, '00000000-0000-4000-8000-0000000000f1', true, NULL, NULL),
  ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-0000000000b1', NULL,
   'paused', 'Paused quest', NULL, 0, 0, NULL, false, NULL, NULL),
  ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-0000000000b1', NULL,
   'later', 'Later quest', NULL, 0, 0, NULL, true, now() + interval '1 day', now() + interval '2 days'),
  ('00000000-0000-4000-8000-000000000014', '00000000-0000-4000-8000-0000000000b1', NULL,
   'plain', 'Plain quest', NULL, 0, 0, NULL, true, now() - interval '1 day', now() + interval '1 day'),
  ('00000000-0000-4000-8000-000000000015', '00000000-0000-4000-8000-0000000000b2', NULL,
   'foreign', 'Foreign quest', NULL, 0, 0, NULL, true, NULL, NULL);
INSERT INTO pulseplus.quest_objective (id, quest_id, position, description, target_count) VALUES
  ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000011', 1, 'Do it three times', 3),
  ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-8000-000000000011', 2, 'Do it once', 1),
  ('00000000-0000-4000-8000-000000000023', '00000000-0000-4000-8000-000000000012', 1, 'Paused', 1),
  ('00000000-0000-4000-8000-000000000024', '00000000-0000-4000-8000-000000000013', 1, 'Later', 1),
  ('00000000-0000-4000-8000-000000000025', '00000000-0000-4000-8000-000000000014', 1, 'Plain', 1),
  ('00000000-0000-4000-8000-000000000026', '00000000-0000-4000-8000-000000000015', 1, 'Foreign', 1);

CREATE FUNCTION pg_temp.objective(p_objective uuid) RETURNS TABLE (progress integer, done boolean)
LANGUAGE sql STABLE AS $$
  SELECT op.progress, op.completed_at IS NOT NULL FROM pulseplus.quest_objective_progress op
   WHERE op.objective_id = p_objective
$$;

SELECT is(pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000021'),
          false, 'one step of a three-step objective does not complete the quest');
SELECT results_eq($$SELECT * FROM pg_temp.objective('00000000-0000-4000-8000-000000000021')$$, $$VALUES (1, false)$$,
                  'progress 1 of 3');
SELECT is((SELECT status FROM pulseplus.quest_progress WHERE quest_id = '00000000-0000-4000-8000-000000000011'),
          'in_progress', 'the quest is in progress');
SELECT is(pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000021', 5),
          false, 'finishing one of two objectives does not complete the quest');
SELECT results_eq($$SELECT * FROM pg_temp.objective('00000000-0000-4000-8000-000000000021')$$, $$VALUES (3, true)$$,
                  'progress is capped at the target and the objective is done');
SELECT is(pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000021'),
          false, 'more progress on a done objective changes nothing');
SELECT results_eq($$SELECT * FROM pg_temp.objective('00000000-0000-4000-8000-000000000021')$$, $$VALUES (3, true)$$,
                  'still 3 of 3');
SELECT is(pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000022'),
          true, 'the last objective completes the quest');
SELECT results_eq(
  $$SELECT status, completed_at IS NOT NULL FROM pulseplus.quest_progress WHERE quest_id = '00000000-0000-4000-8000-000000000011'$$,
  $$VALUES ('completed'::text, true)$$, 'the quest is completed, with its time');
SELECT results_eq(
  $$SELECT kind, amount FROM pulseplus.currency_transaction
     WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1' ORDER BY kind$$,
  $$VALUES ('quest_reward'::text, 50::bigint), ('tier_reward', 10)$$,
  'the quest paid 50 coins, and its 150 XP unlocked tier 1 which paid 10');
SELECT is((SELECT quest_id FROM pulseplus.currency_transaction WHERE kind = 'quest_reward'
            AND competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          '00000000-0000-4000-8000-000000000011'::uuid, 'the quest reward names the quest');
SELECT results_eq(
  $$SELECT xp, current_tier FROM pulseplus.season_pass_progress WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES (150::bigint, 1)$$, 'the quest XP went to the season pass');
SELECT is((SELECT source FROM pulseplus.competitor_badge WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'
            AND badge_id = '00000000-0000-4000-8000-0000000000f1'), 'quest', 'the quest badge is awarded');
SELECT is((SELECT count(*)::integer FROM pulseplus.notification WHERE user_id = '00000000-0000-4000-8000-0000000000a1'
            AND kind = 'quest_completed'), 1, 'the user is told once');
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000022')$$,
                 'PP008', NULL, 'a completed quest cannot be progressed again (no second reward)');
SELECT is((SELECT balance FROM pulseplus.currency_balance WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          60::bigint, 'the rewards were paid once');

SELECT is(pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000025'),
          true, 'a one-objective quest without rewards completes at once');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_transaction WHERE quest_id = '00000000-0000-4000-8000-000000000014'),
          0, 'and pays nothing');

-- refusals
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000023')$$,
                 'PP007', NULL, 'an inactive quest takes no progress');
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000024')$$,
                 'PP007', NULL, 'a quest that has not started takes no progress');
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000026')$$,
                 'PP005', NULL, 'a quest of another game is refused');
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000021', 0)$$,
                 '22023', NULL, 'a zero increment is refused');
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-00000000dead')$$,
                 'P0002', NULL, 'an unknown objective is refused');
SET LOCAL ROLE pulseplus_app;
SELECT throws_ok($$SELECT pulseplus.complete_objective('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000021')$$,
                 '42501', NULL, 'the API cannot complete objectives itself');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
