-- Seed: 24 players with deterministic UUIDs (md5 of a fixed label), varied money,
-- progression and settings.
INSERT INTO equoria.users (id, name, email, money, level, xp, settings, created_at, updated_at)
SELECT md5('equoria-seed-user-' || n)::uuid,
       p.first_name || ' ' || p.last_name,
       lower(p.first_name || '.' || p.last_name) || '@example.com',
       CASE WHEN n = 24 THEN 0 ELSE 200 + get_byte(decode(md5('money-' || n), 'hex'), 0) * 40 END,
       1 + (get_byte(decode(md5('xp-' || n), 'hex'), 0) * 12) / 100,
       get_byte(decode(md5('xp-' || n), 'hex'), 0) * 12,
       jsonb_build_object(
         'darkMode', n % 3 = 0,
         'notifications', jsonb_build_object(
           'training', n % 5 <> 0,
           'competitions', true,
           'breeding', n % 2 = 0),
         'privacy', jsonb_build_object(
           'profileVisible', n % 7 <> 0,
           'shareProgress', n % 4 = 0)),
       timestamptz '2024-01-15 09:00:00+00' + n * interval '1 day',
       timestamptz '2024-01-15 09:00:00+00' + n * interval '1 day'
  FROM generate_series(1, 24) AS n
  JOIN (VALUES
          (1, 'Alice', 'Moreau'),   (2, 'Ben', 'Okafor'),     (3, 'Chloe', 'Lindqvist'),
          (4, 'Diego', 'Ramirez'),  (5, 'Emma', 'Fischer'),   (6, 'Farid', 'Haddad'),
          (7, 'Grace', 'Kowalski'), (8, 'Hugo', 'Bernard'),   (9, 'Isla', 'MacLeod'),
          (10, 'Jonas', 'Berg'),    (11, 'Keiko', 'Tanaka'),  (12, 'Liam', 'Byrne'),
          (13, 'Maya', 'Patel'),    (14, 'Noah', 'Schmidt'),  (15, 'Olivia', 'Rossi'),
          (16, 'Pablo', 'Navarro'), (17, 'Quinn', 'Walsh'),   (18, 'Rosa', 'Almeida'),
          (19, 'Sami', 'Virtanen'), (20, 'Tara', 'Nguyen'),   (21, 'Umar', 'Siddiqui'),
          (22, 'Vera', 'Novak'),    (23, 'Will', 'Carter'),   (24, 'Yara', 'Costa')
       ) AS p (k, first_name, last_name) ON p.k = n
 ORDER BY n;
