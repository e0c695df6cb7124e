-- Seed: 600 sessions, two for each of seed-user-0001 .. 0300 (the subjects with the
-- product_analytics consent), within 2024-03-04 .. 2024-03-17, 2 to 40 minutes long, ids
-- md5('seed-session-<n>-<k>')::uuid.

INSERT INTO worldvibe.sessions (id, subject_hash, started_at, ended_at, device_type, page_views)
SELECT s.id, s.subject_hash, s.started_at, s.started_at + make_interval(mins => 2 + s.h % 39),
       s.device_type, 1 + s.h % 9
  FROM (SELECT md5(format('seed-session-%s-%s', u.n, k))::uuid AS id,
               worldvibe.pseudonymize(format('seed-user-%s', lpad(u.n::text, 4, '0'))) AS subject_hash,
               timestamptz '2024-03-04 06:00:00+00'
                 + make_interval(days => (u.n * 7 + k * 5) % 14, hours => (u.n + k * 11) % 16, mins => (u.n * 13) % 60)
                 AS started_at,
               (ARRAY['MOBILE', 'MOBILE', 'MOBILE', 'TABLET', 'DESKTOP', 'OTHER'])[1 + u.n % 6] AS device_type,
               ('x' || substr(md5(format('seed-session-%s-%s', u.n, k)), 1, 4))::bit(16)::integer AS h
          FROM generate_series(1, 300) AS u (n)
         CROSS JOIN generate_series(1, 2) AS k) AS s
 ORDER BY s.started_at, s.id;
