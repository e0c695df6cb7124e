-- updated_at: every table with an updated_at column has the BEFORE UPDATE trigger; a real
-- change sets updated_at to the transaction time, an update that changes nothing leaves it,
-- and changes made by the economy functions (stock, balances, scores) bump it too.
BEGIN;
SELECT plan(10);

SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_class c
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at' AND NOT a.attisdropped
         WHERE c.relnamespace = 'pulseplus'::regnamespace AND c.relkind = 'r'
           AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                            WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_set_updated_at'
                              AND t.tgfoid = 'pulseplus.tg__set_updated_at()'::regprocedure
                              AND t.tgtype & (2 | 16) = (2 | 16))
         ORDER BY 1),
  ARRAY[]::text[], 'every table with updated_at has a BEFORE UPDATE trigger <table>_set_updated_at');
SELECT is(
  (SELECT count(*)::integer FROM pg_trigger t WHERE t.tgfoid = 'pulseplus.tg__set_updated_at()'::regprocedure),
  26, 'the 26 tables with updated_at have it, no other table does');

INSERT INTO pulseplus.game (id, slug, name, status, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-0000000000b1', 'stamp-game', 'Stamp game', 'active',
        '2020-01-01 00:00:00+00', '2020-01-01 00:00:00+00');
UPDATE pulseplus.game SET name = name, status = 'active' WHERE id = '00000000-0000-4000-8000-0000000000b1';
SELECT is((SELECT updated_at FROM pulseplus.game WHERE id = '00000000-0000-4000-8000-0000000000b1'),
          '2020-01-01 00:00:00+00'::timestamptz, 'an update that changes nothing keeps updated_at');
UPDATE pulseplus.game SET name = 'Stamped' WHERE id = '00000000-0000-4000-8000-0000000000b1';
SELECT is((SELECT updated_at FROM pulseplus.game WHERE id = '00000000-0000-4000-8000-0000000000b1'),
          now(), 'a real change sets updated_at to the transaction time');
UPDATE pulseplus.game SET updated_at = '2030-01-01 00:00:00+00', description = 'x'
 WHERE id = '00000000-0000-4000-8000-0000000000b1';
SELECT is((SELECT updated_at FROM pulseplus.game WHERE id = '00000000-0000-4000-8000-0000000000b1'),
          now(), 'updated_at cannot be set by hand');
SELECT is((SELECT created_at FROM pulseplus.game WHERE id = '00000000-0000-4000-8000-0000000000b1'),
          '2020-01-01 00:00:00+00'::timestamptz, 'created_at is left alone');

-- changes made by the economy functions: age the rows first (triggers off for that update)
INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'stamp@example.test', 'Stamp', 'One', 'Stamp One');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'STMP', 'Stamps');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'Stamp');
INSERT INTO pulseplus.reward_shop (id, game_id, currency_id, name) VALUES
  ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c1', 'Stamp shop');
INSERT INTO pulseplus.shop_item (id, shop_id, sku, name, price, stock) VALUES
  ('00000000-0000-4000-8000-0000000000f2', '00000000-0000-4000-8000-0000000000f1', 'STAMP', 'Stamp', 5, 10);
INSERT INTO pulseplus.competition (id, game_id, name, status, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1', 'Stamp race', 'running',
   now() - interval '1 day', now() + interval '1 day');
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 50, 'Stamps')
          + pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000d1', 5),
          55::bigint, 'fixture: a balance and a score');

SET LOCAL session_replication_role = replica;
UPDATE pulseplus.shop_item SET updated_at = '2020-01-01 00:00:00+00' WHERE id = '00000000-0000-4000-8000-0000000000f2';
UPDATE pulseplus.currency_balance SET updated_at = '2020-01-01 00:00:00+00'
 WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1';
UPDATE pulseplus.leaderboard SET updated_at = '2020-01-01 00:00:00+00'
 WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1';
SET LOCAL session_replication_role = origin;

SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a1';
SELECT isnt(pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000f2'), NULL,
            'a purchase');
SELECT is(pulseplus.record_competition_score('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000d1', 5),
          10::bigint, 'a score');
SELECT results_eq(
  $$SELECT (SELECT updated_at FROM pulseplus.shop_item WHERE id = '00000000-0000-4000-8000-0000000000f2'),
           (SELECT updated_at FROM pulseplus.currency_balance WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
           (SELECT updated_at FROM pulseplus.leaderboard WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1')$$,
  $$VALUES (now(), now(), now())$$,
  'the stock decrement, the debit and the score bumped updated_at');

SELECT * FROM finish();
ROLLBACK;
