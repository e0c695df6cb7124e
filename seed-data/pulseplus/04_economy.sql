-- Seed: economy activity, made through the economy functions themselves so that balances,
-- the ledger, tier unlocks, quest progress, leaderboards and notifications are exactly what
-- real play would have produced (and satisfy every invariant the tests check):
--   - currency awards by the admin (user 1): welcome Pulse points to every step-challenge
--     competitor, Gems to every third, Sales cred to every sales-sprint competitor;
--   - season XP on the running seasons (unlocks tiers and pays their rewards);
--   - quest objective progress (some quests completed, some in progress);
--   - purchases, each made as the buying user, only when affordable;
--   - competition scores, with ties; the spring competition is then closed.
-- Deterministic: every amount is arithmetic on the competitor number.

SELECT set_config('pulseplus.user_id', md5('pulseplus:user:1')::text, true);

SELECT pulseplus.award_currency(md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                'c0000000-0000-4000-8000-000000000001', 500 + (n % 7) * 50, 'Welcome bonus')
  FROM generate_series(1, 300) AS n;

SELECT pulseplus.award_currency(md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                'c0000000-0000-4000-8000-000000000002', 5 + n % 4, 'Beta tester')
  FROM generate_series(3, 300, 3) AS n;

SELECT pulseplus.award_currency(c.id, 'c0000000-0000-4000-8000-000000000003', 800 + (c.rn % 9) * 100, 'Quarter kick-off')
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, user_id) AS rn
          FROM pulseplus.competitor WHERE game_id = 'a0000000-0000-4000-8000-000000000002') AS c;

-- Season XP, in two instalments so that some tiers unlock on the second call.
SELECT pulseplus.add_season_xp(md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                               md5('pulseplus:season:step-challenge:2')::uuid, part)
  FROM generate_series(1, 300) AS n
 CROSS JOIN LATERAL (VALUES (((n * 37) % 61) * 50 + 25), (((n * 37) % 61) * 50 + 25)) AS x (part);

SELECT pulseplus.add_season_xp(c.id, md5('pulseplus:season:sales-sprint:2')::uuid, ((c.rn * 13) % 31) * 150 + 10)
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, user_id) AS rn
          FROM pulseplus.competitor WHERE game_id = 'a0000000-0000-4000-8000-000000000002') AS c;

-- Quests: hydration-hero done by every 6th competitor, two of three objectives by every
-- other 3rd; first-5k done by every 5th, half-done by the next; daily-walker progress n % 8
-- days (done when 7).
SELECT pulseplus.complete_objective(md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                    md5('pulseplus:objective:hydration-hero:' || o.position)::uuid, o.target)
  FROM generate_series(3, 300, 3) AS n
 CROSS JOIN (VALUES (1, 8), (2, 3), (3, 2)) AS o (position, target)
 WHERE o.position < 3 OR n % 6 = 0;

SELECT pulseplus.complete_objective(md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                    md5('pulseplus:objective:first-5k:' || o.position)::uuid, 1)
  FROM generate_series(1, 300) AS n
 CROSS JOIN (VALUES (1), (2)) AS o (position)
 WHERE n % 5 = 0 OR (n % 5 = 1 AND o.position = 1);

SELECT pulseplus.complete_objective(md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                    md5('pulseplus:objective:daily-walker:1')::uuid, n % 8)
  FROM generate_series(1, 300) AS n
 WHERE n % 8 > 0;

SELECT pulseplus.complete_objective(c.id, md5('pulseplus:objective:pipeline-builder:' || o.position)::uuid, o.target)
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, user_id) AS rn
          FROM pulseplus.competitor WHERE game_id = 'a0000000-0000-4000-8000-000000000002') AS c
 CROSS JOIN (VALUES (1, 10), (2, 5), (3, 3)) AS o (position, target)
 WHERE c.rn % 4 = 0 OR (c.rn % 4 = 1 AND o.position = 1);

-- Purchases, each as the buying user, skipped when the competitor cannot afford it.
DO $purchases$
DECLARE
  v_buy     record;
  v_balance bigint;
BEGIN
  FOR v_buy IN
    SELECT c.id AS competitor_id, c.user_id, md5('pulseplus:item:' || b.sku)::uuid AS item_id, b.quantity,
           i.price * b.quantity AS cost, s.currency_id
      FROM (SELECT n, 'step-challenge' AS slug, 'COFFEE-VOUCHER' AS sku, n % 3 + 1 AS quantity
              FROM generate_series(4, 300, 4) AS n
            UNION ALL SELECT n, 'step-challenge', 'WATER-BOTTLE', 1 FROM generate_series(10, 300, 10) AS n
            UNION ALL SELECT n, 'step-challenge', 'HOODIE', 1 FROM generate_series(12, 300, 12) AS n
            UNION ALL SELECT n, 'step-challenge', 'CHARITY-DONATION', 2 FROM generate_series(7, 300, 7) AS n
            UNION ALL SELECT n, 'step-challenge', 'STREAK-FREEZE', 1 FROM generate_series(11, 300, 11) AS n
            UNION ALL SELECT n, 'step-challenge', 'YOGA-MAT', 1 FROM generate_series(50, 300, 50) AS n
            UNION ALL SELECT n, 'step-challenge', 'GOLDEN-AVATAR', 1 FROM generate_series(9, 300, 9) AS n
            UNION ALL SELECT n, 'step-challenge', 'LUNCH-WITH-CEO', 1 FROM (VALUES (60)) AS v (n)
            UNION ALL SELECT n, 'sales-sprint', 'COMMISSION-BOOST', 1 FROM generate_series(5, 300, 5) AS n
            UNION ALL SELECT n, 'sales-sprint', 'HEADPHONES', 1 FROM generate_series(15, 300, 15) AS n
           ) AS b
      JOIN pulseplus.competitor AS c ON c.id = md5('pulseplus:competitor:' || b.slug || ':' || b.n)::uuid
      JOIN pulseplus.shop_item AS i ON i.id = md5('pulseplus:item:' || b.sku)::uuid
      JOIN pulseplus.reward_shop AS s ON s.id = i.shop_id
     ORDER BY b.n, b.sku
  LOOP
    SELECT coalesce(max(cb.balance), 0) INTO v_balance
      FROM pulseplus.currency_balance AS cb
     WHERE cb.competitor_id = v_buy.competitor_id AND cb.currency_id = v_buy.currency_id;
    CONTINUE WHEN v_balance < v_buy.cost;
    PERFORM set_config('pulseplus.user_id', v_buy.user_id::text, true);
    PERFORM pulseplus.purchase_item(v_buy.competitor_id, v_buy.item_id, v_buy.quantity);
  END LOOP;
END
$purchases$;

SELECT set_config('pulseplus.user_id', md5('pulseplus:user:1')::text, true);

-- Competition scores; the modular arithmetic gives many equal scores (ties share a rank).
SELECT pulseplus.record_competition_score(md5('pulseplus:competition:spring-step-off')::uuid,
                                          md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                          ((n * 7919) % 50 + 1) * 1000)
  FROM generate_series(1, 300) AS n;

SELECT pulseplus.record_competition_score(md5('pulseplus:competition:team-step-off')::uuid,
                                          md5('pulseplus:competitor:step-challenge:' || n)::uuid,
                                          ((n * 104729) % 37 + 1) * 500)
  FROM generate_series(1, 300) AS n
 WHERE n % 4 <> 0;

SELECT pulseplus.record_competition_score(md5('pulseplus:competition:quarter-close')::uuid, c.id,
                                          ((c.rn * 31) % 20 + 1) * 100)
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, user_id) AS rn
          FROM pulseplus.competitor WHERE game_id = 'a0000000-0000-4000-8000-000000000002') AS c;

UPDATE pulseplus.competition SET status = 'finished'
 WHERE id = md5('pulseplus:competition:spring-step-off')::uuid;

SELECT set_config('pulseplus.user_id', '', true);
