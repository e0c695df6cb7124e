-- Rollups: after the seed, and after new, late, moved and deleted check-ins followed by an
-- incremental refresh, the hourly and daily rollups equal an aggregation of the raw rows from
-- scratch (at every grouping level); the invalidation log holds exactly the changed hours;
-- refreshing a range is idempotent; daily counts are the sums of the hourly ones; the
-- time_bucket helper matches TimescaleDB's.
BEGIN;
SELECT plan(37);

-- differences between the stored rollups and a from-scratch aggregation (0 = identical)
CREATE FUNCTION pg_temp.hourly_diff() RETURNS bigint LANGUAGE sql AS $$
    WITH scratch AS (
        SELECT c.bucket, c.region_hash, c.emotion::text AS emotion, count(*) AS n,
               count(DISTINCT c.subject_hash) AS subjects, sum(c.intensity) AS intensity
          FROM (SELECT date_bin('1 hour', created_at, '2000-01-01 00:00+00') AS bucket, region_hash, emotion,
                       subject_hash, intensity FROM worldvibe.check_ins) AS c
         GROUP BY GROUPING SETS ((c.bucket, c.region_hash, c.emotion), (c.bucket, c.region_hash), (c.bucket, c.emotion), (c.bucket))
    ), stored AS (
        SELECT bucket, region_hash, emotion::text, check_in_count::bigint, subject_count::bigint, intensity_sum
          FROM worldvibe.hourly_rollups
    )
    SELECT count(*) FROM ((SELECT * FROM scratch EXCEPT ALL SELECT * FROM stored)
                          UNION ALL (SELECT * FROM stored EXCEPT ALL SELECT * FROM scratch)) AS d
$$;
CREATE FUNCTION pg_temp.daily_diff() RETURNS bigint LANGUAGE sql AS $$
    WITH scratch AS (
        SELECT c.day, c.region_hash, c.emotion::text AS emotion, count(*) AS n,
               count(DISTINCT c.subject_hash) AS subjects, sum(c.intensity) AS intensity
          FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, region_hash, emotion, subject_hash, intensity
                  FROM worldvibe.check_ins) AS c
         GROUP BY GROUPING SETS ((c.day, c.region_hash, c.emotion), (c.day, c.region_hash), (c.day, c.emotion), (c.day))
    ), stored AS (
        SELECT day, region_hash, emotion::text, check_in_count::bigint, subject_count::bigint, intensity_sum
          FROM worldvibe.daily_rollups
    )
    SELECT count(*) FROM ((SELECT * FROM scratch EXCEPT ALL SELECT * FROM stored)
                          UNION ALL (SELECT * FROM stored EXCEPT ALL SELECT * FROM scratch)) AS d
$$;
-- daily rows whose counts are not the sums of that day's hourly rows
CREATE FUNCTION pg_temp.daily_vs_hourly() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*)
      FROM worldvibe.daily_rollups AS d
      FULL JOIN (SELECT (bucket AT TIME ZONE 'UTC')::date AS day, region_hash, emotion,
                        sum(check_in_count) AS n, sum(intensity_sum) AS intensity
                   FROM worldvibe.hourly_rollups GROUP BY 1, 2, 3) AS h
        ON h.day = d.day AND h.region_hash IS NOT DISTINCT FROM d.region_hash AND h.emotion IS NOT DISTINCT FROM d.emotion
     WHERE d.check_in_count IS DISTINCT FROM h.n OR d.intensity_sum IS DISTINCT FROM h.intensity
$$;
CREATE FUNCTION pg_temp.check_in(p_user text, p_at timestamptz, p_emotion text, p_lon float8, p_lat float8) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
    VALUES (p_at, worldvibe.pseudonymize(p_user), p_emotion, 7,
            public.geography(public.ST_SetSRID(public.ST_MakePoint(p_lon, p_lat), 4326)))
$$;

-- after the seed
SELECT ok((SELECT count(*) FROM worldvibe.hourly_rollups) > 1000, 'precondition: the seed has hourly rollups');
SELECT is(pg_temp.hourly_diff(), 0::bigint, 'seeded hourly rollups equal a from-scratch aggregation');
SELECT is(pg_temp.daily_diff(), 0::bigint, 'seeded daily rollups equal a from-scratch aggregation');
SELECT is(pg_temp.daily_vs_hourly(), 0::bigint, 'daily check-in counts and intensity sums are the sums of the hourly rows');
SELECT is((SELECT count(*) FROM worldvibe.rollup_invalidations), 0::bigint, 'the seed left no pending invalidation');

-- new, late and new-region check-ins, by three test subjects with consent
SELECT ok(worldvibe.grant_consent('check_ins', p_subject_hash => worldvibe.pseudonymize(u)) > 0, 'consent of ' || u)
  FROM unnest(ARRAY['rollup-test-a', 'rollup-test-b', 'rollup-test-c']) AS u;
SELECT pg_temp.check_in('rollup-test-a', now(), 'JOY', 2.35, 48.86);
SELECT pg_temp.check_in('rollup-test-b', '2024-03-06 07:20+00', 'CALM', 2.35, 48.86);      -- late, hour with data
SELECT pg_temp.check_in('rollup-test-c', '2024-03-10 03:05+00', 'FEAR', 100.07, -80.07);   -- late, new hour, new region
SELECT pg_temp.check_in('rollup-test-c', '2024-03-10 03:55+00', 'FEAR', 100.07, -80.07);
SELECT isnt(pg_temp.hourly_diff(), 0::bigint, 'before a refresh the hourly rollups miss the new rows (the comparison can fail)');
SELECT isnt(pg_temp.daily_diff(), 0::bigint, 'and so do the daily rollups');
SELECT is(ARRAY(SELECT DISTINCT bucket FROM worldvibe.rollup_invalidations ORDER BY 1),
          ARRAY(SELECT * FROM unnest(ARRAY['2024-03-06 07:00+00', '2024-03-10 03:00+00',
                                           date_bin('1 hour', now(), '2000-01-01 00:00+00')]::timestamptz[]) ORDER BY 1),
          'the invalidation log holds exactly the three hours that changed');
SELECT is(worldvibe.refresh_invalidated_rollups(), 3, 'the incremental refresh recomputes those three hours');
SELECT is(pg_temp.hourly_diff(), 0::bigint, 'hourly rollups equal a from-scratch aggregation after late inserts');
SELECT is(pg_temp.daily_diff(), 0::bigint, 'daily rollups equal a from-scratch aggregation after late inserts');
SELECT is(pg_temp.daily_vs_hourly(), 0::bigint, 'daily counts are still the sums of the hourly ones');
SELECT is((SELECT count(*) FROM worldvibe.rollup_invalidations), 0::bigint, 'the log is drained');
SELECT is((SELECT check_in_count || '/' || subject_count FROM worldvibe.hourly_rollups
            WHERE bucket = '2024-03-10 03:00+00' AND region_hash = worldvibe.region_hash_of('SRID=4326;POINT(100.1 -80.1)')
              AND emotion = 'FEAR'),
          '2/1', 'two check-ins of one person count as 2 check-ins and 1 contributor');
SELECT is((SELECT public.ST_AsText(center) FROM worldvibe.regions WHERE region_hash = worldvibe.region_hash_of('SRID=4326;POINT(100.1 -80.1)')),
          'POINT(100.5 -80.5)', 'the new region is recorded with the centre of its 1 degree cell');
SELECT is(worldvibe.refresh_invalidated_rollups(), 0, 'a second incremental refresh has nothing to do');

-- idempotence of a range refresh
CREATE TEMP TABLE hourly_snapshot AS
SELECT bucket, region_hash, emotion, check_in_count, subject_count, intensity_sum FROM worldvibe.hourly_rollups;
CREATE TEMP TABLE daily_snapshot AS
SELECT day, region_hash, emotion, check_in_count, subject_count, intensity_sum FROM worldvibe.daily_rollups;
SELECT is(worldvibe.refresh_rollups('2024-03-04 00:00+00', '2024-03-18 00:00+00'), 336, 'refreshing the two seed weeks recomputes 336 hours');
SELECT is_empty($$(SELECT bucket, region_hash, emotion, check_in_count, subject_count, intensity_sum FROM worldvibe.hourly_rollups
                   EXCEPT ALL SELECT * FROM hourly_snapshot)
                  UNION ALL
                  (SELECT * FROM hourly_snapshot
                   EXCEPT ALL SELECT bucket, region_hash, emotion, check_in_count, subject_count, intensity_sum FROM worldvibe.hourly_rollups)$$,
                'a range refresh of up-to-date hourly rollups changes nothing');
SELECT is(worldvibe.refresh_rollups('2024-03-04 00:00+00', '2024-03-18 00:00+00'), 336, 'refreshing the same range again');
SELECT is_empty($$(SELECT day, region_hash, emotion, check_in_count, subject_count, intensity_sum FROM worldvibe.daily_rollups
                   EXCEPT ALL SELECT * FROM daily_snapshot)
                  UNION ALL
                  (SELECT * FROM daily_snapshot
                   EXCEPT ALL SELECT day, region_hash, emotion, check_in_count, subject_count, intensity_sum FROM worldvibe.daily_rollups)$$,
                'still changes nothing (daily rollups identical)');
SELECT is(worldvibe.refresh_rollups('2024-03-06 07:30+00', '2024-03-06 08:10+00'), 2, 'a range is widened to whole hours (07:30-08:10 is two hours)');
SELECT throws_ok($$SELECT worldvibe.refresh_rollups('2024-03-06', '2024-03-05')$$, '22023', NULL, 'an empty or reversed range is refused');

-- updates and deletes invalidate too
UPDATE worldvibe.check_ins SET created_at = '2024-03-12 19:40+00'
 WHERE subject_hash = worldvibe.pseudonymize('rollup-test-b') AND created_at = '2024-03-06 07:20+00';
SELECT is(ARRAY(SELECT DISTINCT bucket FROM worldvibe.rollup_invalidations ORDER BY 1),
          ARRAY['2024-03-06 07:00+00', '2024-03-12 19:00+00']::timestamptz[], 'moving a check-in invalidates its old and its new hour');
SELECT is(worldvibe.refresh_invalidated_rollups(), 2, 'the refresh recomputes both');
SELECT is(pg_temp.hourly_diff() + pg_temp.daily_diff(), 0::bigint, 'rollups equal a from-scratch aggregation after the move');
DELETE FROM worldvibe.check_ins WHERE subject_hash = worldvibe.pseudonymize('rollup-test-c');
SELECT is(worldvibe.refresh_invalidated_rollups(), 1, 'deleting check-ins invalidates their hour');
SELECT is((SELECT count(*) FROM worldvibe.hourly_rollups WHERE bucket = '2024-03-10 03:00+00'), 0::bigint,
          'an hour left without check-ins has no rollup rows any more');
SELECT is(pg_temp.hourly_diff() + pg_temp.daily_diff(), 0::bigint, 'rollups equal a from-scratch aggregation after the deletion');

-- one multi-row statement logs each hour once
INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
SELECT timestamptz '2024-03-08 10:00+00' + make_interval(mins => 3 * g), worldvibe.pseudonymize('seed-user-0020'),
       'TRUST', 1 + g % 10, 'SRID=4326;POINT(13.4 52.5)'
  FROM generate_series(0, 39) AS g;
SELECT is((SELECT count(*) FROM worldvibe.rollup_invalidations), 2::bigint, 'a 40-row insert over two hours logs two rows');
SELECT is(worldvibe.refresh_invalidated_rollups(), 2, 'and the refresh recomputes those two hours');
SELECT is(pg_temp.hourly_diff() + pg_temp.daily_diff() + pg_temp.daily_vs_hourly(), 0::bigint, 'everything still matches');

-- the time_bucket helper
SELECT is(worldvibe.time_bucket('1 hour', '2024-03-06 07:59:59+00'), '2024-03-06 07:00+00'::timestamptz, 'time_bucket(1 hour) truncates to the hour');
SELECT is(worldvibe.time_bucket('1 week', '2024-03-09 12:00+00'), '2024-03-04 00:00+00'::timestamptz,
          'weekly buckets start on Monday, as TimescaleDB''s default origin makes them');
SELECT is(worldvibe.time_bucket('15 minutes', '2024-03-06 07:44+00', '2024-03-06 07:05+00'), '2024-03-06 07:35+00'::timestamptz,
          'an explicit origin shifts the buckets');

SELECT * FROM finish();
ROLLBACK;
