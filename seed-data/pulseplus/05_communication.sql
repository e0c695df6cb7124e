-- Seed: chat groups (one per step-challenge team, one per department, two custom), their
-- members and about 1,400 messages over the two weeks before the load date; a welcome
-- notification for every user (the economy seed already produced tier and quest
-- notifications); two surveys, one open with responses and one closed and anonymous.

INSERT INTO pulseplus.chat_group (id, name, kind, team_id, department_id, created_by)
SELECT md5('pulseplus:chat:team:' || t.id)::uuid, 'Team ' || t.name, 'team', t.id, NULL::uuid, NULL::uuid
  FROM pulseplus.team AS t
 WHERE t.game_id = 'a0000000-0000-4000-8000-000000000001'
UNION ALL
SELECT md5('pulseplus:chat:department:' || d.code)::uuid, d.name, 'department', NULL, d.id, NULL
  FROM pulseplus.department AS d
UNION ALL
SELECT md5('pulseplus:chat:custom:' || c.key)::uuid, c.name, 'custom', NULL, NULL, md5('pulseplus:user:' || c.creator)::uuid
  FROM (VALUES ('random', 'Random', 2), ('book-club', 'Book club', 17)) AS c (key, name, creator);

INSERT INTO pulseplus.chat_group_member (group_id, user_id, joined_at)
SELECT md5('pulseplus:chat:team:' || tm.team_id)::uuid, c.user_id, timestamptz '2025-09-01 09:00:00+00'
  FROM pulseplus.team_member AS tm
  JOIN pulseplus.competitor AS c ON c.id = tm.competitor_id
 WHERE tm.game_id = 'a0000000-0000-4000-8000-000000000001'
UNION ALL
SELECT md5('pulseplus:chat:department:' || d.code)::uuid, u.id, timestamptz '2025-01-06 09:00:00+00'
  FROM pulseplus.sys_user AS u
  JOIN pulseplus.department AS d ON d.id = u.department_id
UNION ALL
SELECT md5('pulseplus:chat:custom:random')::uuid, md5('pulseplus:user:' || n)::uuid, timestamptz '2025-02-01 09:00:00+00'
  FROM generate_series(1, 300) AS n
 WHERE n % 2 = 0 OR n = 2
UNION ALL
SELECT md5('pulseplus:chat:custom:book-club')::uuid, md5('pulseplus:user:' || n)::uuid, timestamptz '2025-03-01 09:00:00+00'
  FROM generate_series(1, 300) AS n
 WHERE n % 17 = 0;

-- message k of a group is written by its ((k * 7) mod members)-th member, k hours apart
INSERT INTO pulseplus.chat_message (group_id, sender_id, body, created_at)
SELECT m.group_id, m.user_id,
       (ARRAY['Morning all! Who is up for a lunch walk?', 'Just hit 10k steps before lunch',
              'The stairs count double, right?', 'Great job on the leaderboard this week!',
              'Reminder: team walk at 5pm by the river', 'Anyone tried the new yoga mats from the store?',
              'Closed a deal and walked it off', 'Coffee vouchers are the best reward',
              'Rain today, treadmill it is', 'We are only 3 points behind the Night Owls',
              'Who wants to swap a streak freeze?', 'Stretch break in 5 minutes'])[(k * 5 + m.rn) % 12 + 1],
       now() - interval '14 days' + make_interval(hours => (k * 4 + m.rn % 3)::integer)
  FROM (SELECT g.id AS group_id, gm.user_id,
               row_number() OVER (PARTITION BY g.id ORDER BY gm.user_id) AS rn,
               count(*) OVER (PARTITION BY g.id) AS members
          FROM pulseplus.chat_group AS g
          JOIN pulseplus.chat_group_member AS gm ON gm.group_id = g.id) AS m
 CROSS JOIN generate_series(1, 70) AS k
 WHERE m.rn = (k * 7) % m.members + 1;

INSERT INTO pulseplus.notification (user_id, kind, title, body, data, read_at, created_at)
SELECT u.id, 'system', 'Welcome to PulsePlus', 'Join a game, earn points and climb the leaderboards.', '{}',
       CASE WHEN n % 3 <> 0 THEN timestamptz '2025-09-03 10:00:00+00' END, timestamptz '2025-09-01 08:00:00+00'
  FROM generate_series(1, 300) AS n
  JOIN pulseplus.sys_user AS u ON u.id = md5('pulseplus:user:' || n)::uuid;

INSERT INTO pulseplus.survey (id, title, description, department_id, created_by, questions, is_anonymous,
                              opens_at, closes_at)
VALUES
  (md5('pulseplus:survey:pulse-check')::uuid, 'Quarterly pulse check', 'How are you doing this quarter?', NULL,
   md5('pulseplus:user:1')::uuid,
   '[{"key": "energy", "text": "How is your energy level?", "type": "scale", "min": 1, "max": 5},
     {"key": "workload", "text": "Is your workload sustainable?", "type": "scale", "min": 1, "max": 5},
     {"key": "comment", "text": "Anything else?", "type": "text"}]',
   false, date_trunc('month', now()) - interval '1 month', date_trunc('month', now()) + interval '2 months'),
  (md5('pulseplus:survey:sales-tools')::uuid, 'Sales tooling feedback', 'Rate the CRM and the dialler',
   'd0000000-0000-4000-8000-000000000002', md5('pulseplus:user:25')::uuid,
   '[{"key": "crm", "text": "How useful is the CRM?", "type": "scale", "min": 1, "max": 5},
     {"key": "dialler", "text": "How useful is the dialler?", "type": "scale", "min": 1, "max": 5}]',
   true, date_trunc('month', now()) - interval '3 months', date_trunc('month', now()) - interval '2 months');

INSERT INTO pulseplus.survey_response (survey_id, user_id, answers, submitted_at)
SELECT md5('pulseplus:survey:pulse-check')::uuid, md5('pulseplus:user:' || n)::uuid,
       jsonb_build_object('energy', n % 5 + 1, 'workload', (n * 3) % 5 + 1)
         || CASE WHEN n % 10 = 0 THEN jsonb_build_object('comment', 'More walking meetings, please') ELSE '{}' END,
       date_trunc('month', now()) - interval '1 month' + make_interval(hours => n)
  FROM generate_series(1, 300) AS n
 WHERE n % 5 <> 0;

INSERT INTO pulseplus.survey_response (survey_id, user_id, answers, submitted_at)
SELECT md5('pulseplus:survey:sales-tools')::uuid, u.id,
       jsonb_build_object('crm', (row_number() OVER (ORDER BY u.id)) % 5 + 1,
                          'dialler', (row_number() OVER (ORDER BY u.id) * 2) % 5 + 1),
       date_trunc('month', now()) - interval '3 months' + interval '2 days'
  FROM pulseplus.sys_user AS u
 WHERE u.department_id = 'd0000000-0000-4000-8000-000000000002';
