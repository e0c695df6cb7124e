-- purchase_item: happy path (stock, balance, purchase row, ledger) and each refusal: not
-- enough currency (PP001), not enough stock (PP002), not on sale (PP003: inactive item,
-- inactive or closed shop), per-user limit (PP004), another game (PP005), not the acting
-- user's competitor or no acting user (42501), bad quantity (22023), unknown ids (P0002).
-- A refusal changes nothing. (Concurrent buyers of the last units: tests/db/test_pulseplus.py.)
BEGIN;
SELECT plan(38);

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'buyer.one@example.test', 'Buyer', 'One', 'Buyer One'),
  ('00000000-0000-4000-8000-0000000000a2', 'buyer.two@example.test', 'Buyer', 'Two', 'Buyer Two');
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'shop-game', 'Shop game', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'shop-other', 'Shop other game', 'active');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'SHP', 'Shop coins'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000b2', 'OTH', 'Other coins');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'One'),
  ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a2', 'Two');
INSERT INTO pulseplus.reward_shop (id, game_id, currency_id, name, is_active, opens_at, closes_at) VALUES
  ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c1',
   'Open shop', true, now() - interval '1 day', NULL),
  ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c1',
   'Closed shop', true, now() - interval '10 days', now() - interval '1 day'),
  ('00000000-0000-4000-8000-000000000023', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c1',
   'Inactive shop', false, NULL, NULL),
  ('00000000-0000-4000-8000-000000000024', '00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000c2',
   'Other game shop', true, NULL, NULL);
INSERT INTO pulseplus.shop_item (id, shop_id, sku, name, price, stock, per_user_limit, is_active) VALUES
  ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-000000000021', 'LIMITED', 'Limited', 30, 2, NULL, true),
  ('00000000-0000-4000-8000-000000000032', '00000000-0000-4000-8000-000000000021', 'UNLIMITED', 'Unlimited', 10, NULL, NULL, true),
  ('00000000-0000-4000-8000-000000000033', '00000000-0000-4000-8000-000000000021', 'ONE-EACH', 'One each', 5, NULL, 1, true),
  ('00000000-0000-4000-8000-000000000034', '00000000-0000-4000-8000-000000000021', 'RETIRED', 'Retired', 5, 10, NULL, false),
  ('00000000-0000-4000-8000-000000000035', '00000000-0000-4000-8000-000000000022', 'LATE', 'Too late', 5, NULL, NULL, true),
  ('00000000-0000-4000-8000-000000000036', '00000000-0000-4000-8000-000000000023', 'HIDDEN', 'Hidden', 5, NULL, NULL, true),
  ('00000000-0000-4000-8000-000000000037', '00000000-0000-4000-8000-000000000024', 'FOREIGN', 'Foreign', 5, NULL, NULL, true);
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 100, 'Test money'),
          100::bigint, 'fixture: the buyer has 100 coins');

CREATE FUNCTION pg_temp.state(p_item uuid) RETURNS TABLE (stock integer, balance bigint, purchases bigint)
LANGUAGE sql STABLE AS $$
  SELECT (SELECT i.stock FROM pulseplus.shop_item i WHERE i.id = p_item),
         (SELECT b.balance FROM pulseplus.currency_balance b WHERE b.competitor_id = '00000000-0000-4000-8000-0000000000d1'),
         (SELECT count(*) FROM pulseplus.purchase p WHERE p.competitor_id = '00000000-0000-4000-8000-0000000000d1')
$$;

SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a1';

-- happy path on a limited item
SELECT isnt(pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000031'), NULL,
            'buying one limited item returns the purchase id');
SELECT results_eq($$SELECT * FROM pg_temp.state('00000000-0000-4000-8000-000000000031')$$,
                  $$VALUES (1, 70::bigint, 1::bigint)$$, 'stock 2 -> 1, balance 100 -> 70, one purchase');
SELECT results_eq(
  $$SELECT quantity, unit_price, total_price, currency_id FROM pulseplus.purchase
     WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES (1, 30::bigint, 30::bigint, '00000000-0000-4000-8000-0000000000c1'::uuid)$$,
  'the purchase records quantity, price paid and currency');
SELECT results_eq(
  $$SELECT t.amount, t.balance_after, t.kind, t.actor_id FROM pulseplus.currency_transaction t
      JOIN pulseplus.purchase p ON p.id = t.purchase_id
     WHERE t.competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES (-30::bigint, 70::bigint, 'purchase'::text, '00000000-0000-4000-8000-0000000000a1'::uuid)$$,
  'the debit is in the ledger, linked to the purchase, with the buyer as actor');
SELECT results_eq($$SELECT lifetime_earned, lifetime_spent FROM pulseplus.currency_balance
                     WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
                  $$VALUES (100::bigint, 30::bigint)$$, 'lifetime_spent counts the purchase');

-- PP002: not enough stock
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000031', 2)$$,
                 'PP002', 'out of stock: 2 wanted, 1 left', 'two of the last one are refused');
SELECT results_eq($$SELECT * FROM pg_temp.state('00000000-0000-4000-8000-000000000031')$$,
                  $$VALUES (1, 70::bigint, 1::bigint)$$, 'the refusal changed nothing');
SELECT lives_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000031')$$,
                'the last one can be bought');
SELECT results_eq($$SELECT * FROM pg_temp.state('00000000-0000-4000-8000-000000000031')$$,
                  $$VALUES (0, 40::bigint, 2::bigint)$$, 'sold out: stock 0, balance 40');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000031')$$,
                 'PP002', 'out of stock: 1 wanted, 0 left', 'nothing more is sold once stock is 0');

-- PP001: not enough currency
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032', 5)$$,
                 'PP001', 'insufficient funds: the purchase costs 50, the balance is 40', '50 cannot be spent from 40');
SELECT results_eq($$SELECT * FROM pg_temp.state('00000000-0000-4000-8000-000000000032')$$,
                  $$VALUES (NULL::integer, 40::bigint, 2::bigint)$$, 'the refusal changed nothing');
SELECT lives_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032', 4)$$,
                'spending exactly the whole balance is allowed');
SELECT results_eq($$SELECT * FROM pg_temp.state('00000000-0000-4000-8000-000000000032')$$,
                  $$VALUES (NULL::integer, 0::bigint, 3::bigint)$$, 'balance 0; unlimited stock stays NULL');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032')$$,
                 'PP001', NULL, 'nothing can be bought with a zero balance');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-000000000032')$$,
                 '42501', NULL, 'buying for another user''s competitor is refused');
SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a2';
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-000000000032')$$,
                 'PP001', 'insufficient funds: the purchase costs 10, the balance is 0',
                 'a competitor without any balance row has nothing to spend');
SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a1';

-- PP004: per-user limit
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 100, 'More money'),
          100::bigint, 'fixture: the buyer has 100 coins again');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000033', 2)$$,
                 'PP004', 'limit reached: at most 1 per competitor, 0 bought already', 'two at once exceed a limit of one');
SELECT lives_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000033')$$,
                'one is within the limit');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000033')$$,
                 'PP004', 'limit reached: at most 1 per competitor, 1 bought already', 'a second one is refused');
SELECT results_eq($$SELECT * FROM pg_temp.state('00000000-0000-4000-8000-000000000033')$$,
                  $$VALUES (NULL::integer, 95::bigint, 4::bigint)$$, 'the refused purchase was not charged');

-- PP003: not on sale
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000034')$$,
                 'PP003', NULL, 'an inactive item is not sold, even with stock');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000035')$$,
                 'PP003', NULL, 'a shop past its closing time sells nothing');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000036')$$,
                 'PP003', NULL, 'an inactive shop sells nothing');
-- PP005, P0002, 22023, 42501
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000037')$$,
                 'PP005', NULL, 'an item of another game is refused');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-00000000dead')$$,
                 'P0002', NULL, 'an unknown item is refused');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-00000000dead', '00000000-0000-4000-8000-000000000032')$$,
                 'P0002', NULL, 'an unknown competitor is refused');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032', 0)$$,
                 '22023', NULL, 'quantity 0 is refused');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032', 101)$$,
                 '22023', NULL, 'more than 100 at once is refused');
SET LOCAL pulseplus.user_id = '';
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032')$$,
                 '42501', 'no acting user', 'a purchase without an acting user is refused');

-- through the API role, as the application does it
SET LOCAL ROLE pulseplus_app;
SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a1';
SELECT lives_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000032', 2)$$,
                'the API role buys for its user');
SELECT is((SELECT balance FROM pulseplus.currency_balance WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          75::bigint, 'and sees its new balance');
SELECT throws_ok($$SELECT pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-000000000032')$$,
                 '42501', NULL, 'the API role cannot buy for someone else');
SELECT throws_ok($$UPDATE pulseplus.shop_item SET stock = 100 WHERE id = '00000000-0000-4000-8000-000000000031'$$,
                 '42501', NULL, 'the API role cannot restock');
RESET ROLE;

-- price changes do not rewrite history
UPDATE pulseplus.shop_item SET price = 12 WHERE id = '00000000-0000-4000-8000-000000000032';
SELECT results_eq(
  $$SELECT array_agg(unit_price ORDER BY unit_price) FROM pulseplus.purchase
     WHERE shop_item_id = '00000000-0000-4000-8000-000000000032'$$,
  $$VALUES (ARRAY[10, 10]::bigint[])$$, 'purchases keep the price they were bought at');
SELECT is((SELECT sum(amount) FROM pulseplus.currency_transaction WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          75::numeric, 'the ledger adds up to the balance after all of this');

SELECT * FROM finish();
ROLLBACK;
