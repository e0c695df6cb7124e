-- Seed: 4,680 check-ins, 12 for each of the subjects seed-user-0001 .. 0390, over the two weeks
-- 2024-03-04 .. 2024-03-17 (UTC), deterministic (every "random" choice is an md5 of the ids).
-- Subjects live in 14 places; 0001-0380 are spread over 12 large cities, 0381-0384 (k-1 = 4
-- people) in Reykjavik and 0385-0386 in Ushuaia, so that the k-anonymous views visibly hide
-- those two regions; 0387-0390 in Paris. Positions are the city centre +/- 0.25 degree (the
-- trigger snaps them to the 0.1 degree grid; some fall into a neighbouring 1 degree region).
-- Check-ins cluster around four daily peaks (07, 12, 18, 21 UTC + up to 50 minutes), so that
-- the hourly views have groups of at least k; each city leans towards its own emotions.

INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location, device_type)
SELECT timestamptz '2024-03-04 00:00:00+00'
         + make_interval(days => (r.h1 % 14)::integer,
                         hours => (ARRAY[7, 12, 18, 21])[1 + (r.h2 % 4)::integer],
                         mins => (r.h3 % 50)::integer),
       worldvibe.pseudonymize(format('seed-user-%s', lpad(u.n::text, 4, '0'))),
       (ARRAY['JOY', 'CALM', 'STRESS', 'SADNESS', 'ANTICIPATION', 'ANGER', 'FEAR', 'DISGUST', 'SURPRISE', 'TRUST'])
         [1 + (CASE WHEN r.h4 % 10 < 7 THEN c.id * 3 + r.h5 % 3 ELSE r.h5 END % 10)::integer],
       1 + (r.h6 % 10)::smallint,
       public.geography(public.ST_SetSRID(public.ST_MakePoint(c.lon + (r.h7 % 501 - 250) / 1000.0,
                                                              c.lat + (r.h8 % 501 - 250) / 1000.0), 4326)),
       (ARRAY['MOBILE', 'MOBILE', 'MOBILE', 'TABLET', 'DESKTOP', 'OTHER'])[1 + u.n % 6]
  FROM generate_series(1, 390) AS u (n)
 CROSS JOIN LATERAL (
        SELECT CASE WHEN u.n <= 380 THEN 1 + u.n % 12
                    WHEN u.n <= 384 THEN 13
                    WHEN u.n <= 386 THEN 14
                    ELSE 1 END AS city) AS home
  JOIN (VALUES (1, 'Paris', 2.35, 48.86), (2, 'London', -0.13, 51.51), (3, 'New York', -74.01, 40.71),
               (4, 'Tokyo', 139.69, 35.69), (5, 'Sao Paulo', -46.63, -23.55), (6, 'Lagos', 3.38, 6.52),
               (7, 'Mumbai', 72.88, 19.08), (8, 'Sydney', 151.21, -33.87), (9, 'Mexico City', -99.13, 19.43),
               (10, 'Berlin', 13.40, 52.52), (11, 'Nairobi', 36.82, -1.29), (12, 'Toronto', -79.38, 43.65),
               (13, 'Reykjavik', -21.94, 64.15), (14, 'Ushuaia', -68.30, -54.80))
       AS c (id, name, lon, lat) ON c.id = home.city
 CROSS JOIN generate_series(1, 12) AS k
 CROSS JOIN LATERAL (
        SELECT ('x' || substr(m, 1, 4))::bit(16)::integer AS h1, ('x' || substr(m, 5, 4))::bit(16)::integer AS h2,
               ('x' || substr(m, 9, 4))::bit(16)::integer AS h3, ('x' || substr(m, 13, 4))::bit(16)::integer AS h4,
               ('x' || substr(m, 17, 4))::bit(16)::integer AS h5, ('x' || substr(m, 21, 4))::bit(16)::integer AS h6,
               ('x' || substr(m, 25, 4))::bit(16)::integer AS h7, ('x' || substr(m, 29, 4))::bit(16)::integer AS h8
          FROM (SELECT md5(format('seed-check-in-%s-%s', u.n, k))) AS x (m)) AS r
 ORDER BY 1, 2;
