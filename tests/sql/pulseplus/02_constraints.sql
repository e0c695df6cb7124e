-- Constraints: CHECKs, unique keys, composite "same game" foreign keys and ON DELETE actions
-- (CASCADE, SET NULL, RESTRICT), each shown refusing bad data or acting on delete.
BEGIN;
SELECT plan(35);

-- Fixtures: two users, two games with a currency each, competitors, a season, teams, a shop.
INSERT INTO pulseplus.department (id, code, name) VALUES ('00000000-0000-4000-8000-0000000000f1', 'TAPDEPT', 'Tap department');
INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name, department_id) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'tap.one@example.test', 'Tap', 'One', 'Tap One', '00000000-0000-4000-8000-0000000000f1'),
  ('00000000-0000-4000-8000-0000000000a2', 'tap.two@example.test', 'Tap', 'Two', 'Tap Two', NULL);
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'tap-game', 'Tap game', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'tap-other', 'Tap other game', 'active'),
  ('00000000-0000-4000-8000-0000000000b3', 'tap-empty', 'Tap game without currency', 'draft');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'TAP', 'Tap coins'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000b2', 'OTHER', 'Other coins');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'One'),
  ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a2', 'Two'),
  ('00000000-0000-4000-8000-0000000000d3', '00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000a1', 'One elsewhere');
INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1', 1, 'Tap season',
   now() - interval '1 day', now() + interval '30 days');
INSERT INTO pulseplus.team (id, game_id, name) VALUES
  ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000b1', 'Tap team A'),
  ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-0000000000b1', 'Tap team B'),
  ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-0000000000b2', 'Tap team elsewhere');
INSERT INTO pulseplus.reward_shop (id, game_id, currency_id, name) VALUES
  ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c1', 'Tap shop');
INSERT INTO pulseplus.shop_item (id, shop_id, sku, name, price, stock) VALUES
  ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-000000000021', 'TAP-ITEM', 'Tap item', 10, 5);

-- CHECK constraints (23514) and unique keys (23505)
SELECT throws_ok($$INSERT INTO pulseplus.sys_user (email, first_name, last_name, display_name)
                   VALUES ('not-an-email', 'A', 'B', 'A B')$$, '23514', NULL, 'an email needs an @ and a domain');
SELECT throws_ok($$INSERT INTO pulseplus.sys_user (email, first_name, last_name, display_name)
                   VALUES ('TAP.ONE@example.test', 'A', 'B', 'A B')$$, '23505', NULL,
                 'emails are unique case-insensitively');
SELECT throws_ok($$UPDATE pulseplus.sys_user SET role = 'owner' WHERE id = '00000000-0000-4000-8000-0000000000a1'$$,
                 '23514', NULL, 'sys_user.role is employee, manager or admin');
SELECT throws_ok($$INSERT INTO pulseplus.season (game_id, number, name, starts_at, ends_at)
                   VALUES ('00000000-0000-4000-8000-0000000000b1', 2, 'Backwards', now(), now() - interval '1 day')$$,
                 '23514', NULL, 'a season ends after it starts');
SELECT throws_ok($$INSERT INTO pulseplus.season_tier (season_id, tier_number, name, xp_required, reward_amount)
                   VALUES ('00000000-0000-4000-8000-0000000000e1', 1, 'No currency', 100, 50)$$,
                 '23514', NULL, 'a tier reward amount needs a reward currency');
SELECT throws_ok($$INSERT INTO pulseplus.shop_item (shop_id, sku, name, price)
                   VALUES ('00000000-0000-4000-8000-000000000021', 'FREE', 'Free', 0)$$,
                 '23514', NULL, 'prices are positive');
SELECT throws_ok($$UPDATE pulseplus.shop_item SET stock = -1 WHERE id = '00000000-0000-4000-8000-000000000031'$$,
                 '23514', NULL, 'stock is never negative');
SELECT throws_ok($$INSERT INTO pulseplus.currency_balance (competitor_id, currency_id, game_id, balance, lifetime_earned, lifetime_spent)
                   VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1',
                           '00000000-0000-4000-8000-0000000000b1', -5, 0, 5)$$,
                 '23514', NULL, 'a balance is never negative');
SELECT throws_ok($$INSERT INTO pulseplus.currency_balance (competitor_id, currency_id, game_id, balance, lifetime_earned, lifetime_spent)
                   VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1',
                           '00000000-0000-4000-8000-0000000000b1', 100, 50, 0)$$,
                 '23514', NULL, 'a balance is always lifetime_earned - lifetime_spent');
SELECT throws_ok($$INSERT INTO pulseplus.purchase (competitor_id, shop_item_id, currency_id, quantity, unit_price, total_price)
                   VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000031',
                           '00000000-0000-4000-8000-0000000000c1', 3, 10, 20)$$,
                 '23514', NULL, 'a purchase total is unit_price * quantity');
SELECT throws_ok($$INSERT INTO pulseplus.currency_transaction (competitor_id, currency_id, amount, balance_after, kind)
                   VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', -10, 0, 'purchase')$$,
                 '23514', NULL, 'a purchase debit names its purchase');
SELECT throws_ok($$INSERT INTO pulseplus.currency_transaction (competitor_id, currency_id, amount, balance_after, kind, reason)
                   VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', -10, 0, 'award', 'fine')$$,
                 '23514', NULL, 'an award is a credit');
SELECT throws_ok($$INSERT INTO pulseplus.leaderboard (game_id, competition_id, season_id, competitor_id)
                   VALUES ('00000000-0000-4000-8000-0000000000b1', NULL, NULL, '00000000-0000-4000-8000-0000000000d1')$$,
                 '23514', NULL, 'a leaderboard row belongs to a competition or a season');
SELECT throws_ok($$INSERT INTO pulseplus.quest (game_id, key, name, reward_xp)
                   VALUES ('00000000-0000-4000-8000-0000000000b1', 'xp-nowhere', 'XP nowhere', 100)$$,
                 '23514', NULL, 'quest XP needs a season pass to go to');
SELECT throws_ok($$INSERT INTO pulseplus.chat_group (name, kind) VALUES ('Team without team', 'team')$$,
                 '23514', NULL, 'a team chat names its team');
SELECT throws_ok($$INSERT INTO pulseplus.survey (title, questions, opens_at, closes_at)
                   VALUES ('Bad', '{"q": 1}', now(), now() + interval '1 day')$$,
                 '23514', NULL, 'survey questions are a non-empty array');
SELECT throws_ok($$INSERT INTO pulseplus.audit_log (table_name, operation, row_id, db_role, new_data)
                   VALUES ('game', 'TRUNCATE', gen_random_uuid(), 'x', '{}')$$,
                 '23514', NULL, 'audit operations are INSERT, UPDATE or DELETE');

-- Teams: one team per competitor, one captain per team, same game.
INSERT INTO pulseplus.team_member (team_id, competitor_id, game_id, role) VALUES
  ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', 'captain');
SELECT throws_ok($$INSERT INTO pulseplus.team_member (team_id, competitor_id, game_id, role)
                   VALUES ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000d2',
                           '00000000-0000-4000-8000-0000000000b1', 'captain')$$,
                 '23505', NULL, 'a team has at most one captain');
SELECT throws_ok($$INSERT INTO pulseplus.team_member (team_id, competitor_id, game_id)
                   VALUES ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-0000000000d1',
                           '00000000-0000-4000-8000-0000000000b1')$$,
                 '23505', NULL, 'a competitor is in at most one team');
SELECT throws_ok($$INSERT INTO pulseplus.team_member (team_id, competitor_id, game_id)
                   VALUES ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-0000000000d2',
                           '00000000-0000-4000-8000-0000000000b2')$$,
                 '23503', NULL, 'a competitor joins only teams of their own game');

-- Composite foreign keys: the currency of a shop, balance or quest belongs to the same game.
SELECT throws_ok($$INSERT INTO pulseplus.reward_shop (game_id, currency_id, name)
                   VALUES ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c2', 'Wrong coins')$$,
                 '23503', NULL, 'a shop sells in a currency of its own game');
SELECT throws_ok($$INSERT INTO pulseplus.currency_balance (competitor_id, currency_id, game_id)
                   VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c2',
                           '00000000-0000-4000-8000-0000000000b1')$$,
                 '23503', NULL, 'a balance is in a currency of the competitor''s game');
SELECT throws_ok($$INSERT INTO pulseplus.quest (game_id, key, name, reward_currency_id, reward_amount)
                   VALUES ('00000000-0000-4000-8000-0000000000b1', 'wrong-coins', 'Wrong coins',
                           '00000000-0000-4000-8000-0000000000c2', 10)$$,
                 '23503', NULL, 'a quest rewards a currency of its own game');

-- ON DELETE actions.
INSERT INTO pulseplus.currency_balance (competitor_id, currency_id, game_id, balance, lifetime_earned)
VALUES ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 50, 50);
INSERT INTO pulseplus.purchase (competitor_id, shop_item_id, currency_id, quantity, unit_price, total_price)
VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-0000000000c1', 1, 10, 10);

SELECT throws_ok($$DELETE FROM pulseplus.shop_item WHERE id = '00000000-0000-4000-8000-000000000031'$$,
                 '23503', 'update or delete on table "shop_item" violates foreign key constraint "purchase_shop_item_id_fkey" on table "purchase"',
                 'a shop item that was bought cannot be deleted (RESTRICT)');
SELECT throws_ok($$DELETE FROM pulseplus.game WHERE id = '00000000-0000-4000-8000-0000000000b1'$$,
                 '23503', 'update or delete on table "game" violates foreign key constraint "virtual_currency_game_id_fkey" on table "virtual_currency"',
                 'a game with currencies cannot be deleted (RESTRICT): archive it');
SELECT lives_ok($$DELETE FROM pulseplus.game WHERE id = '00000000-0000-4000-8000-0000000000b3'$$,
                'a game without currencies can be deleted');

DELETE FROM pulseplus.department WHERE id = '00000000-0000-4000-8000-0000000000f1';
SELECT is((SELECT department_id FROM pulseplus.sys_user WHERE id = '00000000-0000-4000-8000-0000000000a1'), NULL,
          'deleting a department clears its users'' department_id (SET NULL)');

INSERT INTO pulseplus.quest (id, game_id, season_id, key, name)
VALUES ('00000000-0000-4000-8000-000000000041', '00000000-0000-4000-8000-0000000000b1',
        '00000000-0000-4000-8000-0000000000e1', 'seasonal', 'Seasonal');
INSERT INTO pulseplus.chat_group (id, name, kind) VALUES ('00000000-0000-4000-8000-000000000051', 'Tap chat', 'custom');
INSERT INTO pulseplus.chat_message (id, group_id, sender_id, body)
VALUES ('00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000051',
        '00000000-0000-4000-8000-0000000000a2', 'Hello');
INSERT INTO pulseplus.notification (user_id, kind, title) VALUES ('00000000-0000-4000-8000-0000000000a2', 'system', 'Hi');

DELETE FROM pulseplus.season WHERE id = '00000000-0000-4000-8000-0000000000e1';
SELECT results_eq(
  $$SELECT season_id, game_id FROM pulseplus.quest WHERE id = '00000000-0000-4000-8000-000000000041'$$,
  $$VALUES (NULL::uuid, '00000000-0000-4000-8000-0000000000b1'::uuid)$$,
  'deleting a season clears quest.season_id only (ON DELETE SET NULL (season_id))');

DELETE FROM pulseplus.sys_user WHERE id = '00000000-0000-4000-8000-0000000000a2';
SELECT is((SELECT count(*)::integer FROM pulseplus.competitor WHERE id = '00000000-0000-4000-8000-0000000000d2'), 0,
          'deleting a user deletes their competitors (CASCADE)');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_balance WHERE competitor_id = '00000000-0000-4000-8000-0000000000d2'), 0,
          '... and their balances (CASCADE)');
SELECT is((SELECT count(*)::integer FROM pulseplus.notification WHERE user_id = '00000000-0000-4000-8000-0000000000a2'), 0,
          '... and their notifications (CASCADE)');
SELECT results_eq(
  $$SELECT sender_id, body FROM pulseplus.chat_message WHERE id = '00000000-0000-4000-8000-000000000061'$$,
  $$VALUES (NULL::uuid, 'Hello'::text)$$,
  'their chat messages stay, without sender (SET NULL)');

DELETE FROM pulseplus.sys_user WHERE id = '00000000-0000-4000-8000-0000000000a1';
SELECT is((SELECT count(*)::integer FROM pulseplus.purchase WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'), 0,
          'deleting a user deletes their purchases through the competitor (CASCADE)');
SELECT lives_ok($$DELETE FROM pulseplus.shop_item WHERE id = '00000000-0000-4000-8000-000000000031'$$,
                'once nobody''s purchase points at it, the item can be deleted');
SELECT is((SELECT count(*)::integer FROM pulseplus.team_member WHERE team_id = '00000000-0000-4000-8000-000000000011'), 0,
          'team membership went with the competitor (CASCADE)');

SELECT * FROM finish();
ROLLBACK;
