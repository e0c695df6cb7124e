-- Seed: one stable per player, a second one for every third player.
INSERT INTO equoria.stables (owner_id, name, created_at, updated_at)
SELECT md5('equoria-seed-user-' || n)::uuid,
       s.name,
       timestamptz '2024-01-20 10:00:00+00' + n * interval '1 day',
       timestamptz '2024-01-20 10:00:00+00' + n * interval '1 day'
  FROM generate_series(1, 24) AS n
 CROSS JOIN LATERAL (
       SELECT (ARRAY['Oak Hollow', 'Willow Creek', 'Red Barn', 'Highfield', 'Stonebridge',
                     'Maple Ridge', 'Silver Birch', 'Foxglove'])[1 + n % 8] || ' Stables' AS name, 1 AS k
       UNION ALL
       SELECT 'Summer Pastures', 2 WHERE n % 3 = 0) AS s
 ORDER BY n, s.k;
