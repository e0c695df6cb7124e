-- Seed: consents of 400 pseudonymous subjects (identifiers seed-user-0001 .. seed-user-0400,
-- stored only as worldvibe.pseudonymize() hashes, which depend on this database's secret key).
--   0001-0390  check_ins, version 1, granted 2024-03-01 (they check in, 02_check_ins.sql)
--   0391-0400  check_ins, version 1, granted 2024-03-01 and withdrawn 2024-03-10 (no check-ins kept)
--   0001-0300  product_analytics, version 1, granted 2024-03-01 (they have sessions, 03_sessions.sql)
-- Fixed dates: the seed covers the two weeks 2024-03-04 .. 2024-03-17 (UTC), for which migration
-- 0018 creates partitions.

INSERT INTO worldvibe.privacy_consents (subject_hash, purpose, policy_version, granted_at, withdrawn_at, preferences)
SELECT worldvibe.pseudonymize(format('seed-user-%s', lpad(n::text, 4, '0'))),
       'check_ins', 1,
       timestamptz '2024-03-01 09:00:00+00' + make_interval(mins => n),
       CASE WHEN n > 390 THEN timestamptz '2024-03-10 12:00:00+00' + make_interval(mins => n) END,
       jsonb_build_object('show_on_map', n % 7 <> 0)
  FROM generate_series(1, 400) AS n
 ORDER BY n;

INSERT INTO worldvibe.privacy_consents (subject_hash, purpose, policy_version, granted_at, preferences)
SELECT worldvibe.pseudonymize(format('seed-user-%s', lpad(n::text, 4, '0'))),
       'product_analytics', 1,
       timestamptz '2024-03-01 09:00:00+00' + make_interval(mins => n),
       '{}'::jsonb
  FROM generate_series(1, 300) AS n
 ORDER BY n;
