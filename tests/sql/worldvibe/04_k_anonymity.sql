-- k-anonymity: no view shows a group with fewer than k distinct contributors. A region where
-- k-1 people checked in (twice each, so with more than k check-ins) is absent from the map, the
-- daily and the hourly views, and so is one person with ten check-ins; the k-th person makes the
-- region appear, but not its emotion groups that are still under k (nor as dominant emotion);
-- k is read from settings (configurable) and the analytics role sees exactly the same; a
-- reader's own function cannot look at the hidden rows (security_barrier); the live dashboard
-- follows the same rule.
BEGIN;
SELECT plan(32);

CREATE FUNCTION pg_temp.check_in(p_user text, p_at timestamptz, p_emotion text, p_lon float8, p_lat float8) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
    VALUES (p_at, worldvibe.pseudonymize(p_user), p_emotion, 5,
            public.geography(public.ST_SetSRID(public.ST_MakePoint(p_lon, p_lat), 4326)))
$$;
CREATE FUNCTION pg_temp.visible(p_region text) RETURNS bigint LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM worldvibe.v_region_map WHERE region_hash = p_region)
         + (SELECT count(*) FROM worldvibe.v_daily_emotions WHERE region_hash = p_region)
         + (SELECT count(*) FROM worldvibe.v_hourly_emotions WHERE region_hash = p_region)
$$;
CREATE TEMP TABLE r AS
SELECT worldvibe.region_hash_of('SRID=4326;POINT(120.3 -75.3)') AS a,   -- k-1 people, then k
       worldvibe.region_hash_of('SRID=4326;POINT(-150.3 -70.3)') AS b;  -- one person, ten check-ins

SELECT is((SELECT k_anonymity FROM worldvibe.settings), 5, 'k is 5 by default');
SELECT ok(worldvibe.grant_consent('check_ins', p_subject_hash => worldvibe.pseudonymize('k-test-' || n)) > 0, 'consent of k-test-' || n)
  FROM generate_series(1, 5) AS n;

-- k-1 = 4 people, two check-ins each (8 check-ins), in region A; one person with 10 in region B
SELECT pg_temp.check_in('k-test-' || n, timestamptz '2024-03-10 03:10+00' + make_interval(mins => 10 * m), 'JOY', 120.3, -75.3)
  FROM generate_series(1, 4) AS n, generate_series(0, 1) AS m;
SELECT pg_temp.check_in('k-test-5', timestamptz '2024-03-10 03:00+00' + make_interval(mins => m), 'ANGER', -150.3, -70.3)
  FROM generate_series(1, 10) AS m;
SELECT ok(worldvibe.refresh_invalidated_rollups() > 0, 'refreshed');
SELECT is((SELECT check_in_count || '/' || subject_count FROM worldvibe.daily_rollups
            WHERE day = '2024-03-10' AND region_hash = (SELECT a FROM r) AND emotion IS NULL),
          '8/4', 'precondition: the rollups hold region A with 8 check-ins by 4 people');
SELECT is(pg_temp.visible((SELECT a FROM r)), 0::bigint, 'a region with k-1 contributors appears in no view (map, daily, hourly)');
SELECT is(pg_temp.visible((SELECT b FROM r)), 0::bigint, 'one person with 10 check-ins appears in no view');
SELECT is((SELECT count(*) FROM worldvibe.v_hourly_emotions WHERE bucket = '2024-03-10 03:00+00' AND emotion IS NOT NULL), 0::bigint,
          'no emotion group of that hour is shown (JOY: 4 people, ANGER: 1)');
SELECT is((SELECT contributor_count FROM worldvibe.v_hourly_emotions
            WHERE bucket = '2024-03-10 03:00+00' AND region_hash IS NULL AND emotion IS NULL), 5,
          'the hour''s grand total (5 people over both regions) is shown');

-- every row of every view has at least k contributors
SELECT is((SELECT count(*) FROM worldvibe.v_hourly_emotions WHERE contributor_count < 5), 0::bigint, 'v_hourly_emotions: no group under k');
SELECT is((SELECT count(*) FROM worldvibe.v_daily_emotions WHERE contributor_count < 5), 0::bigint, 'v_daily_emotions: no group under k');
SELECT is((SELECT count(*) FROM worldvibe.v_region_map WHERE contributor_count < 5), 0::bigint, 'v_region_map: no region under k');
SELECT ok((SELECT count(*) FROM worldvibe.v_region_map) > 100 AND (SELECT count(*) FROM worldvibe.daily_rollups WHERE emotion IS NULL AND region_hash IS NOT NULL AND subject_count < 5) > 0,
          'precondition: the map shows the seeded regions, and the rollups do hold regions under k (Reykjavik, Ushuaia)');

-- the k-th person
SELECT pg_temp.check_in('k-test-5', '2024-03-10 03:40+00', 'CALM', 120.3, -75.3);
SELECT is(worldvibe.refresh_invalidated_rollups(), 1, 'refreshed');
SELECT is((SELECT check_in_count || '/' || contributor_count FROM worldvibe.v_region_map WHERE day = '2024-03-10' AND region_hash = (SELECT a FROM r)),
          '9/5', 'with the k-th person the region appears on the map: 9 check-ins, 5 people');
SELECT is((SELECT dominant_emotion FROM worldvibe.v_region_map WHERE day = '2024-03-10' AND region_hash = (SELECT a FROM r)), NULL,
          'its dominant emotion is not revealed: no emotion group of the region reaches k');
SELECT is(ARRAY(SELECT coalesce(emotion, 'all') FROM worldvibe.v_daily_emotions WHERE day = '2024-03-10' AND region_hash = (SELECT a FROM r)),
          ARRAY['all'], 'the daily view shows the region''s total only, not its JOY (4) or CALM (1) groups');
SELECT is(public.ST_AsText((SELECT center FROM worldvibe.v_region_map WHERE day = '2024-03-10' AND region_hash = (SELECT a FROM r))),
          'POINT(120.5 -75.5)', 'the map places the region at the centre of its cell, not at a check-in');

-- k is configurable
UPDATE worldvibe.settings SET k_anonymity = 4;
SELECT is((SELECT dominant_emotion::text FROM worldvibe.v_region_map WHERE day = '2024-03-10' AND region_hash = (SELECT a FROM r)), 'JOY',
          'with k = 4 the JOY group (4 people) is shown and becomes the dominant emotion');
UPDATE worldvibe.settings SET k_anonymity = 2;
SELECT is(pg_temp.visible((SELECT b FROM r)), 0::bigint, 'with k = 2 one person still never appears');
UPDATE worldvibe.settings SET k_anonymity = 20;
SELECT ok((SELECT count(*) > 0 AND min(contributor_count) >= 20 FROM worldvibe.v_region_map), 'with k = 20 the map keeps only regions of 20 or more people');
UPDATE worldvibe.settings SET k_anonymity = 5;

-- the analytics role sees the same rows
CREATE TEMP TABLE as_owner AS SELECT count(*) AS n, sum(check_in_count) AS c FROM worldvibe.v_region_map;
GRANT SELECT ON as_owner, r TO worldvibe_analytics;
SET LOCAL ROLE worldvibe_analytics;
SELECT is((SELECT count(*) || '/' || sum(check_in_count) FROM worldvibe.v_region_map), (SELECT n || '/' || c FROM as_owner),
          'as worldvibe_analytics the map shows the same rows');
SELECT is(pg_temp.visible((SELECT b FROM r)), 0::bigint, 'and hides the same regions');
RESET ROLE;

-- the live dashboard: the last 24 hours
SELECT pg_temp.check_in('k-test-' || n, now() - interval '1 second', 'SURPRISE', 120.3, -75.3) FROM generate_series(1, 4) AS n;
SELECT ok(worldvibe.refresh_invalidated_rollups() = 1, 'refreshed');
SELECT is((SELECT count(*) FROM worldvibe.v_dashboard_last_24h WHERE emotion = 'SURPRISE'), 0::bigint,
          'the dashboard does not show an emotion felt by k-1 people this hour');
SELECT pg_temp.check_in('k-test-5', now() - interval '1 second', 'SURPRISE', -150.3, -70.3);
SELECT ok(worldvibe.refresh_invalidated_rollups() = 1, 'refreshed');
SELECT is((SELECT contributor_count || '/' || share_of_hour FROM worldvibe.v_dashboard_last_24h WHERE emotion = 'SURPRISE'), '5/1.0000',
          'with the k-th person (in another region) it does, as all of the hour''s check-ins');

-- a reader's function in WHERE never sees a hidden row
CREATE TEMP TABLE seen (region_hash text);
CREATE FUNCTION pg_temp.leak(p text) RETURNS boolean LANGUAGE plpgsql VOLATILE COST 0.00001 AS $$
BEGIN
    INSERT INTO seen VALUES (p);
    RETURN true;
END
$$;
SELECT count(*) FROM worldvibe.v_daily_emotions WHERE pg_temp.leak(region_hash);
SELECT ok((SELECT count(*) FROM seen) > 0 AND NOT EXISTS (SELECT 1 FROM seen WHERE region_hash = (SELECT b FROM r)),
          'a function in the reader''s WHERE only ever sees rows that passed the k filter');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class AS c
                 WHERE c.relnamespace = 'worldvibe'::regnamespace AND c.relname IN ('v_hourly_emotions', 'v_daily_emotions', 'v_region_map', 'v_dashboard_last_24h')
                   AND 'security_barrier=true' = ANY (c.reloptions) ORDER BY 1),
          ARRAY['v_daily_emotions', 'v_dashboard_last_24h', 'v_hourly_emotions', 'v_region_map'],
          'the four k-anonymous views are security barriers');

SELECT * FROM finish();
ROLLBACK;
