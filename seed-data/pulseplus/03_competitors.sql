-- Seed: competitors, teams and team members.
--   step-challenge: every user (300 competitors); users 1-280 in 10 teams of 28 (user n in
--                   team n % 10), the lowest-numbered member captains; users 281-300 have no team.
--   sales-sprint:   the users of Sales and Customer Success (75 competitors) in 3 teams.
-- Ids: competitor = md5('pulseplus:competitor:' || game slug || ':' || n)::uuid.

INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name, created_at, updated_at)
SELECT md5('pulseplus:competitor:step-challenge:' || n)::uuid, 'a0000000-0000-4000-8000-000000000001',
       u.id, u.display_name, timestamptz '2025-09-01 08:00:00+00', timestamptz '2025-09-01 08:00:00+00'
  FROM generate_series(1, 300) AS n
  JOIN pulseplus.sys_user AS u ON u.id = md5('pulseplus:user:' || n)::uuid;

INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name, created_at, updated_at)
SELECT md5('pulseplus:competitor:sales-sprint:' || n)::uuid, 'a0000000-0000-4000-8000-000000000002',
       u.id, u.display_name, timestamptz '2025-10-01 08:00:00+00', timestamptz '2025-10-01 08:00:00+00'
  FROM generate_series(1, 300) AS n
  JOIN pulseplus.sys_user AS u ON u.id = md5('pulseplus:user:' || n)::uuid
  JOIN pulseplus.department AS d ON d.id = u.department_id
 WHERE d.code IN ('SALES', 'CS');

INSERT INTO pulseplus.team (id, game_id, name, description)
SELECT md5('pulseplus:team:step-challenge:' || t)::uuid, 'a0000000-0000-4000-8000-000000000001'::uuid,
       (ARRAY['Trailblazers', 'Pace Setters', 'Stair Masters', 'Night Owls', 'Early Birds', 'Hill Climbers',
              'Step Sisters', 'Steady Striders', 'Road Runners', 'Couch Escapers'])[t + 1],
       'Step Challenge team ' || (t + 1)
  FROM generate_series(0, 9) AS t
UNION ALL
SELECT md5('pulseplus:team:sales-sprint:' || t)::uuid, 'a0000000-0000-4000-8000-000000000002'::uuid,
       (ARRAY['Closers', 'Hunters', 'Farmers'])[t + 1], 'Sales Sprint team ' || (t + 1)
  FROM generate_series(0, 2) AS t;

INSERT INTO pulseplus.team_member (team_id, competitor_id, game_id, role)
SELECT md5('pulseplus:team:step-challenge:' || n % 10)::uuid, md5('pulseplus:competitor:step-challenge:' || n)::uuid,
       'a0000000-0000-4000-8000-000000000001', CASE WHEN n <= 10 THEN 'captain' ELSE 'member' END
  FROM generate_series(1, 280) AS n;

INSERT INTO pulseplus.team_member (team_id, competitor_id, game_id, role)
SELECT md5('pulseplus:team:sales-sprint:' || (c.rn % 3))::uuid, c.id, c.game_id,
       CASE WHEN c.rn <= 3 THEN 'captain' ELSE 'member' END
  FROM (SELECT id, game_id, row_number() OVER (ORDER BY created_at, user_id) AS rn
          FROM pulseplus.competitor
         WHERE game_id = 'a0000000-0000-4000-8000-000000000002') AS c;

INSERT INTO pulseplus.competitor_achievement (competitor_id, achievement_id, achieved_at)
SELECT md5('pulseplus:competitor:step-challenge:' || n)::uuid, md5('pulseplus:achievement:first-walk')::uuid,
       timestamptz '2025-09-02 12:00:00+00' + make_interval(hours => n)
  FROM generate_series(1, 300) AS n
 WHERE n % 2 = 0;

INSERT INTO pulseplus.competitor_badge (competitor_id, badge_id, source, awarded_at)
SELECT md5('pulseplus:competitor:step-challenge:' || n)::uuid, 'b0000000-0000-4000-8000-000000000001',
       'achievement', timestamptz '2025-09-02 12:00:00+00' + make_interval(hours => n)
  FROM generate_series(1, 300) AS n
 WHERE n % 2 = 0;
