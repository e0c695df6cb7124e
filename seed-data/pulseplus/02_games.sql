-- Seed: seasons and tiers, achievements, shops and items, quests and objectives,
-- competitions and daily challenges of the two games (game, currency, badge and powerup rows
-- come from the CSV files).
-- Season and competition dates are anchored to the month the seed is loaded in (m =
-- date_trunc('month', now())), so that "the current season" is running whenever the seed is
-- loaded; everything else, ids included (md5 of fixed keys), is the same on every load.
--   step-challenge: season 1 m-6..m-3 (over), season 2 m-1..m+2 (running), season 3 m+2..m+5
--   sales-sprint:   season 1 m-4..m-1 (over), season 2 m-1..m+2 (running)

INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at)
SELECT md5('pulseplus:season:' || s.slug || ':' || s.number)::uuid, g.id, s.number, s.name,
       date_trunc('month', now()) + make_interval(months => s.from_month),
       date_trunc('month', now()) + make_interval(months => s.to_month)
  FROM (VALUES ('step-challenge', 1, 'Spring Strides', -6, -3),
               ('step-challenge', 2, 'Autumn Ascent', -1, 2),
               ('step-challenge', 3, 'Winter Warm-up', 2, 5),
               ('sales-sprint', 1, 'Previous Quarter', -4, -1),
               ('sales-sprint', 2, 'This Quarter', -1, 2)) AS s (slug, number, name, from_month, to_month)
  JOIN pulseplus.game AS g ON g.slug = s.slug;

-- 10 tiers per season; tier t needs 100 * t * (t + 1) / 2 XP (100, 300, 600, ... 5500).
-- step-challenge tiers pay 25 * t Pulse points, except tiers 5 and 10 which pay Gems;
-- sales-sprint tiers pay 20 * t Sales cred.
INSERT INTO pulseplus.season_tier (id, season_id, tier_number, name, xp_required, reward_currency_id, reward_amount)
SELECT md5('pulseplus:tier:' || g.slug || ':' || s.number || ':' || t)::uuid, s.id, t,
       (ARRAY['Rookie', 'Mover', 'Strider', 'Pacer', 'Climber', 'Sprinter', 'Trailblazer', 'Pathfinder',
              'Champion', 'Legend'])[t],
       100 * t * (t + 1) / 2,
       CASE WHEN g.slug = 'sales-sprint' THEN 'c0000000-0000-4000-8000-000000000003'::uuid
            WHEN t IN (5, 10) THEN 'c0000000-0000-4000-8000-000000000002'::uuid
            ELSE 'c0000000-0000-4000-8000-000000000001'::uuid END,
       CASE WHEN g.slug = 'sales-sprint' THEN 20 * t WHEN t IN (5, 10) THEN t ELSE 25 * t END
  FROM pulseplus.season AS s
  JOIN pulseplus.game AS g ON g.id = s.game_id
 CROSS JOIN generate_series(1, 10) AS t;

INSERT INTO pulseplus.achievement (id, game_id, key, name, description, points, criteria, badge_id)
VALUES
  (md5('pulseplus:achievement:first-walk')::uuid, 'a0000000-0000-4000-8000-000000000001', 'first-walk', 'First walk',
   'Log your first walk', 10, '{"metric": "walks", "at_least": 1}', 'b0000000-0000-4000-8000-000000000001'),
  (md5('pulseplus:achievement:marathon-week')::uuid, 'a0000000-0000-4000-8000-000000000001', 'marathon-week',
   'Marathon week', 'Cover 42 km in one week', 100, '{"metric": "km_per_week", "at_least": 42}',
   'b0000000-0000-4000-8000-000000000003'),
  (md5('pulseplus:achievement:streak-30')::uuid, 'a0000000-0000-4000-8000-000000000001', 'streak-30', 'Thirty-day streak',
   'Hit your step goal 30 days in a row', 250, '{"metric": "streak_days", "at_least": 30}',
   'b0000000-0000-4000-8000-000000000005'),
  (md5('pulseplus:achievement:ten-k-day')::uuid, 'a0000000-0000-4000-8000-000000000001', 'ten-k-day', '10k day',
   'Walk 10,000 steps in a day', 20, '{"metric": "steps_per_day", "at_least": 10000}', NULL),
  (md5('pulseplus:achievement:first-deal')::uuid, 'a0000000-0000-4000-8000-000000000002', 'first-deal', 'First deal',
   'Close your first deal of the quarter', 20, '{"metric": "deals_closed", "at_least": 1}', NULL),
  (md5('pulseplus:achievement:ten-deals')::uuid, 'a0000000-0000-4000-8000-000000000002', 'ten-deals', 'Ten deals',
   'Close ten deals in one quarter', 150, '{"metric": "deals_closed", "at_least": 10}',
   'b0000000-0000-4000-8000-000000000007');

INSERT INTO pulseplus.reward_shop (id, game_id, currency_id, name, description, is_active, opens_at, closes_at)
VALUES
  (md5('pulseplus:shop:wellness-store')::uuid, 'a0000000-0000-4000-8000-000000000001',
   'c0000000-0000-4000-8000-000000000001', 'Wellness Store', 'Spend Pulse points on healthy perks', true,
   timestamptz '2025-01-01 00:00:00+00', NULL),
  (md5('pulseplus:shop:gem-vault')::uuid, 'a0000000-0000-4000-8000-000000000001',
   'c0000000-0000-4000-8000-000000000002', 'Gem Vault', 'Rare rewards for Gems', true, NULL, NULL),
  (md5('pulseplus:shop:sales-swag')::uuid, 'a0000000-0000-4000-8000-000000000002',
   'c0000000-0000-4000-8000-000000000003', 'Sales Swag', 'Rewards for the sales floor', true, NULL, NULL),
  (md5('pulseplus:shop:summer-popup')::uuid, 'a0000000-0000-4000-8000-000000000001',
   'c0000000-0000-4000-8000-000000000001', 'Summer Pop-up', 'Seasonal shop, closed for now', false,
   timestamptz '2025-06-01 00:00:00+00', timestamptz '2025-09-01 00:00:00+00');

INSERT INTO pulseplus.shop_item (id, shop_id, sku, name, description, price, stock, per_user_limit, powerup_id, is_active)
SELECT md5('pulseplus:item:' || i.sku)::uuid, md5('pulseplus:shop:' || i.shop)::uuid, i.sku, i.name, i.description,
       i.price, i.stock, i.per_user_limit, i.powerup_id::uuid, i.is_active
  FROM (VALUES
    ('wellness-store', 'COFFEE-VOUCHER', 'Coffee voucher', 'One coffee at the office cafe', 50, NULL, NULL, NULL, true),
    ('wellness-store', 'WATER-BOTTLE', 'Steel water bottle', 'Insulated, 750 ml', 150, 40, 1, NULL, true),
    ('wellness-store', 'HOODIE', 'PulsePlus hoodie', 'Organic cotton', 600, 25, 2, NULL, true),
    ('wellness-store', 'YOGA-MAT', 'Yoga mat', 'Non-slip, 6 mm', 400, 15, 1, NULL, true),
    ('wellness-store', 'EXTRA-DAY-OFF', 'Extra day off', 'One extra day of leave, agreed with your manager', 2500, 3, 1,
     NULL, true),
    ('wellness-store', 'CHARITY-DONATION', 'Charity donation', '5 EUR to the charity of the month', 100, NULL, NULL, NULL,
     true),
    ('wellness-store', 'DOUBLE-XP', 'Double XP (1 hour)', 'Power-up', 120, NULL, NULL,
     'e0000000-0000-4000-8000-000000000001', true),
    ('wellness-store', 'STREAK-FREEZE', 'Streak freeze', 'Power-up', 80, NULL, 5, 'e0000000-0000-4000-8000-000000000002',
     true),
    ('wellness-store', 'FITNESS-TRACKER', 'Fitness tracker', 'Retired: replaced by the new model', 3000, 0, 1, NULL, false),
    ('gem-vault', 'GOLDEN-AVATAR', 'Golden avatar frame', 'Shown on leaderboards', 5, NULL, 1, NULL, true),
    ('gem-vault', 'LUNCH-WITH-CEO', 'Lunch with the CEO', 'One seat at the monthly lunch', 30, 2, 1, NULL, true),
    ('gem-vault', 'PARKING-SPOT', 'Reserved parking spot (1 month)', 'Next to the entrance', 15, 4, 1, NULL, true),
    ('sales-swag', 'HEADPHONES', 'Noise-cancelling headphones', 'For focus time', 900, 10, 1, NULL, true),
    ('sales-swag', 'TEAM-DINNER', 'Team dinner', 'Dinner for your team of up to 8', 1500, 3, NULL, NULL, true),
    ('sales-swag', 'COMMISSION-BOOST', 'Commission boost (2 hours)', 'Power-up', 200, NULL, NULL,
     'e0000000-0000-4000-8000-000000000003', true),
    ('sales-swag', 'CONFERENCE-TICKET', 'Conference ticket', 'SaaStr or a conference of your choice', 3000, 2, 1, NULL,
     true),
    ('summer-popup', 'SUNSCREEN', 'Sunscreen', 'SPF 50', 40, 100, 2, NULL, true)
  ) AS i (shop, sku, name, description, price, stock, per_user_limit, powerup_id, is_active);

INSERT INTO pulseplus.quest (id, game_id, season_id, key, name, description, reward_currency_id, reward_amount,
                             reward_xp, badge_id, is_active, starts_at, ends_at)
SELECT md5('pulseplus:quest:' || q.key)::uuid, g.id,
       CASE WHEN q.season IS NOT NULL THEN md5('pulseplus:season:' || q.slug || ':' || q.season)::uuid END,
       q.key, q.name, q.description, q.currency::uuid, q.amount, q.xp, q.badge::uuid, q.active,
       CASE WHEN q.season IS NOT NULL THEN date_trunc('month', now()) - interval '1 month' END,
       CASE WHEN q.season IS NOT NULL THEN date_trunc('month', now()) + interval '2 months' END
  FROM (VALUES
    ('step-challenge', 'hydration-hero', 2, 'Hydration hero', 'Drink water, walk, stretch',
     'c0000000-0000-4000-8000-000000000001', 100, 300, 'b0000000-0000-4000-8000-000000000002', true),
    ('step-challenge', 'first-5k', 2, 'First 5k', 'Walk or run five kilometres',
     'c0000000-0000-4000-8000-000000000001', 150, 500, 'b0000000-0000-4000-8000-000000000001', true),
    ('step-challenge', 'team-spirit', 2, 'Team spirit', 'Walk with your team',
     'c0000000-0000-4000-8000-000000000002', 3, 400, 'b0000000-0000-4000-8000-000000000004', true),
    ('step-challenge', 'daily-walker', 2, 'Daily walker', 'Walk every day for a week',
     'c0000000-0000-4000-8000-000000000001', 70, 200, NULL, true),
    ('step-challenge', 'weekend-warrior', NULL, 'Weekend warrior', 'Paused until spring',
     'c0000000-0000-4000-8000-000000000001', 50, 0, NULL, false),
    ('sales-sprint', 'pipeline-builder', 2, 'Pipeline builder', 'Fill the pipeline for the quarter',
     'c0000000-0000-4000-8000-000000000003', 250, 600, 'b0000000-0000-4000-8000-000000000006', true),
    ('sales-sprint', 'demo-day', 2, 'Demo day', 'Run great demos',
     'c0000000-0000-4000-8000-000000000003', 120, 300, NULL, true)
  ) AS q (slug, key, season, name, description, currency, amount, xp, badge, active)
  JOIN pulseplus.game AS g ON g.slug = q.slug;

INSERT INTO pulseplus.quest_objective (id, quest_id, position, description, target_count)
SELECT md5('pulseplus:objective:' || o.quest || ':' || o.position)::uuid, md5('pulseplus:quest:' || o.quest)::uuid,
       o.position, o.description, o.target
  FROM (VALUES
    ('hydration-hero', 1, 'Log a glass of water', 8),
    ('hydration-hero', 2, 'Take a 10-minute walk', 3),
    ('hydration-hero', 3, 'Do a stretching break', 2),
    ('first-5k', 1, 'Walk or run 5 km in one go', 1),
    ('first-5k', 2, 'Share your route with the team', 1),
    ('team-spirit', 1, 'Join a team walk', 5),
    ('team-spirit', 2, 'Cheer a team mate', 3),
    ('daily-walker', 1, 'Walk at least 20 minutes', 7),
    ('weekend-warrior', 1, 'Walk 15 km on a weekend', 1),
    ('pipeline-builder', 1, 'Book discovery calls', 10),
    ('pipeline-builder', 2, 'Qualify opportunities', 5),
    ('pipeline-builder', 3, 'Send proposals', 3),
    ('demo-day', 1, 'Run a product demo', 4),
    ('demo-day', 2, 'Get a follow-up meeting', 2)
  ) AS o (quest, position, description, target);

-- Competitions are created running so that the economy seed can score them; the finished one
-- is closed at the end of 04_economy.sql.
INSERT INTO pulseplus.competition (id, game_id, season_id, name, description, status, starts_at, ends_at)
SELECT md5('pulseplus:competition:' || c.key)::uuid, g.id, md5('pulseplus:season:' || c.slug || ':' || c.season)::uuid,
       c.name, c.description, 'running',
       date_trunc('month', now()) + make_interval(months => c.from_month),
       date_trunc('month', now()) + make_interval(months => c.to_month)
  FROM (VALUES
    ('step-challenge', 'spring-step-off', 1, 'Spring Step-Off', 'Most steps in the spring season', -6, -3),
    ('step-challenge', 'team-step-off', 2, 'Team Step-Off', 'Most steps this season', -1, 2),
    ('sales-sprint', 'quarter-close', 2, 'Quarter Close', 'Most deal points this quarter', -1, 2)
  ) AS c (slug, key, season, name, description, from_month, to_month)
  JOIN pulseplus.game AS g ON g.slug = c.slug;

INSERT INTO pulseplus.competition (id, game_id, season_id, name, description, status, starts_at, ends_at)
VALUES (md5('pulseplus:competition:winter-walkathon')::uuid, 'a0000000-0000-4000-8000-000000000001',
        md5('pulseplus:season:step-challenge:3')::uuid, 'Winter Walkathon', 'Starts with the winter season',
        'scheduled', date_trunc('month', now()) + interval '2 months', date_trunc('month', now()) + interval '3 months');

-- two weeks of daily challenges around the load date, for both games
INSERT INTO pulseplus.daily_challenge (id, game_id, challenge_date, title, description, target_count,
                                       reward_currency_id, reward_amount)
SELECT md5('pulseplus:daily:' || g.slug || ':' || d)::uuid, g.id, current_date + d,
       CASE WHEN g.slug = 'step-challenge'
            THEN (ARRAY['Take the stairs', '8,000 steps', 'Walking meeting', 'Stretch break x3', 'Lunch walk',
                        'Evening stroll', 'Park further away'])[(d + 7) % 7 + 1]
            ELSE (ARRAY['Book 3 calls', 'Update the CRM', 'Ask for a referral', 'Send 2 proposals',
                        'Run a demo', 'Follow up with 5 leads', 'Share a win'])[(d + 7) % 7 + 1] END,
       NULL,
       (d + 7) % 3 + 1,
       CASE WHEN g.slug = 'step-challenge' THEN 'c0000000-0000-4000-8000-000000000001'::uuid
            ELSE 'c0000000-0000-4000-8000-000000000003'::uuid END,
       10 * ((d + 7) % 3 + 1)
  FROM pulseplus.game AS g
 CROSS JOIN generate_series(-7, 6) AS d;
