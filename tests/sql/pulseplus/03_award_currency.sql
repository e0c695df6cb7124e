-- award_currency: creates or credits a balance atomically, writes the ledger with the acting
-- user, and refuses bad amounts, missing reasons, unknown ids, currencies of another game and
-- callers without the privilege - leaving nothing behind when it refuses.
BEGIN;
SELECT plan(19);

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'award.one@example.test', 'Award', 'One', 'Award One'),
  ('00000000-0000-4000-8000-0000000000a9', 'award.admin@example.test', 'Award', 'Admin', 'Award Admin');
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'award-game', 'Award game', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'award-other', 'Award other game', 'active');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'AWD', 'Award coins'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000b2', 'OTH', 'Other coins');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'One');

SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a9';

SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 100, 'Welcome'),
          100::bigint, 'the first award creates the balance and returns it');
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 50, 'Helped a colleague'),
          150::bigint, 'a second award adds to it');
SELECT results_eq(
  $$SELECT balance, lifetime_earned, lifetime_spent, game_id FROM pulseplus.currency_balance
     WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES (150::bigint, 150::bigint, 0::bigint, '00000000-0000-4000-8000-0000000000b1'::uuid)$$,
  'one balance row: 150 earned, nothing spent, in the game of the competitor');
SELECT results_eq(
  $$SELECT amount, balance_after, kind, reason, actor_id FROM pulseplus.currency_transaction
     WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1' ORDER BY balance_after$$,
  $$VALUES (100::bigint, 100::bigint, 'award'::text, 'Welcome'::text, '00000000-0000-4000-8000-0000000000a9'::uuid),
           (50, 150, 'award', 'Helped a colleague', '00000000-0000-4000-8000-0000000000a9')$$,
  'each award is in the ledger with the balance after it, the reason and the acting user');

-- refusals
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 0, 'x')$$,
                 '22023', 'amount must be between 1 and 1000000000, got 0', 'a zero award is refused');
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', -10, 'x')$$,
                 '22023', NULL, 'a negative award is refused (no debits through awards)');
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 1000000001, 'x')$$,
                 '22023', NULL, 'an absurd award is refused');
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 10, '  ')$$,
                 '22023', 'an award needs a reason', 'an award without a reason is refused');
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-00000000dead', '00000000-0000-4000-8000-0000000000c1', 10, 'x')$$,
                 'P0002', NULL, 'an unknown competitor is refused');
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-00000000dead', 10, 'x')$$,
                 'P0002', NULL, 'an unknown currency is refused');
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c2', 10, 'x')$$,
                 'PP005', NULL, 'a currency of another game is refused');
SELECT results_eq(
  $$SELECT (SELECT balance FROM pulseplus.currency_balance WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
           (SELECT count(*) FROM pulseplus.currency_transaction WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1')$$,
  $$VALUES (150::bigint, 2::bigint)$$,
  'the refused awards changed neither the balance nor the ledger');

-- who may award
SET LOCAL ROLE pulseplus_app;
SELECT throws_ok($$SELECT pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 10, 'self-service')$$,
                 '42501', NULL, 'the API cannot award currency');
SELECT throws_ok($$UPDATE pulseplus.currency_balance SET balance = 1000000 WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
                 '42501', NULL, 'the API cannot write a balance');
RESET ROLE;
SET LOCAL ROLE pulseplus_admin;
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 25, 'Operator bonus'),
          175::bigint, 'an operator (pulseplus_admin) can award');
SELECT throws_ok($$UPDATE pulseplus.currency_balance SET balance = 1000000 WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
                 '42501', NULL, 'an operator cannot write a balance directly either');
SELECT throws_ok($$SELECT pulseplus.credit_balance('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1',
                                                   10, 'tier_reward', NULL, NULL, NULL)$$,
                 '42501', NULL, 'an operator cannot call the internal credit_balance');
RESET ROLE;

SELECT is((SELECT sum(amount) FROM pulseplus.currency_transaction WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          (SELECT balance FROM pulseplus.currency_balance WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1')::numeric,
          'the ledger adds up to the balance');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_balance b
            WHERE b.balance <> (SELECT coalesce(sum(t.amount), 0) FROM pulseplus.currency_transaction t
                                 WHERE t.competitor_id = b.competitor_id AND t.currency_id = b.currency_id)),
          0, 'every balance in the database (the seed''s included) equals the sum of its ledger');

SELECT * FROM finish();
ROLLBACK;
