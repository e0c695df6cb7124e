-- What: the rollup maintenance functions:
--         worldvibe.rebuild_rollups(hours[])            recomputes the given hours and their days (internal)
--         worldvibe.refresh_rollups(from, to)           recomputes every hour of a time range
--         worldvibe.refresh_invalidated_rollups()       drains rollup_invalidations and recomputes those hours
-- Why: the replacement of TimescaleDB continuous aggregates and refresh_continuous_aggregate().
--      Incremental: only invalidated hours are recomputed (new, late, updated or erased
--      check-ins are logged by the check_ins trigger). Idempotent: an hour is recomputed whole
--      (delete its rows, aggregate the raw rows again), never incremented, so refreshing a range
--      twice or concurrently with inserts gives the same result as once. The daily level is
--      recomputed for exactly the days of the recomputed hours, from the raw rows of the day in
--      one statement: its check-in counts and intensity sums equal the sums of that day's hourly
--      rows, and its distinct-contributor counts (what k-anonymity needs; distinct counts of
--      hours cannot be added up) are exact. Hours before the oldest raw partition are never
--      recomputed, so retention (dropping raw partitions) keeps the rollups of those hours.
--      Concurrent refreshes are serialised by a SHARE ROW EXCLUSIVE lock on the rollup tables
--      (readers of the views are not blocked). New regions are recorded in worldvibe.regions in
--      the same statement as the rollup rows that reference them.

CREATE OR REPLACE FUNCTION worldvibe.rebuild_rollups(p_hours timestamptz[])
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $$
DECLARE
    c_origin   CONSTANT timestamptz := '2000-01-01 00:00:00+00';
    v_coverage timestamptz;
    v_hours    timestamptz[];
    v_days     date[];
    v_run      record;
    v_day      date;
BEGIN
    LOCK TABLE worldvibe.hourly_rollups, worldvibe.daily_rollups IN SHARE ROW EXCLUSIVE MODE;

    SELECT min(b.lower_bound) INTO v_coverage
      FROM worldvibe.partition_bounds('worldvibe.check_ins') AS b
     WHERE NOT b.is_default;
    SELECT array_agg(DISTINCT date_bin('1 hour', u.h, c_origin)) INTO v_hours
      FROM unnest(p_hours) AS u (h)
     WHERE date_bin('1 hour', u.h, c_origin) >= v_coverage;
    IF v_hours IS NULL THEN
        RETURN 0;
    END IF;

    DELETE FROM worldvibe.hourly_rollups AS r WHERE r.bucket = ANY (v_hours);

    -- one pass per run of consecutive hours (usually: the current hour plus a few late ones)
    FOR v_run IN
        SELECT min(s.h) AS lo, max(s.h) + interval '1 hour' AS hi
          FROM (SELECT u.h, u.h - row_number() OVER (ORDER BY u.h) * interval '1 hour' AS grp
                  FROM unnest(v_hours) AS u (h)) AS s
         GROUP BY s.grp
    LOOP
        WITH new_regions AS (
            INSERT INTO worldvibe.regions (region_hash, center, bounds)
            SELECT n.region_hash, worldvibe.region_center_of(n.location), worldvibe.region_bounds_of(n.location)
              FROM (SELECT DISTINCT ON (c.region_hash) c.region_hash, c.location
                      FROM worldvibe.check_ins AS c
                     WHERE c.created_at >= v_run.lo AND c.created_at < v_run.hi
                       AND NOT EXISTS (SELECT 1 FROM worldvibe.regions AS r WHERE r.region_hash = c.region_hash)
                     ORDER BY c.region_hash) AS n
            ON CONFLICT (region_hash) DO NOTHING
        )
        INSERT INTO worldvibe.hourly_rollups (bucket, region_hash, emotion, check_in_count, subject_count, intensity_sum)
        SELECT c.bucket, c.region_hash, c.emotion, count(*), count(DISTINCT c.subject_hash), sum(c.intensity)
          FROM (SELECT date_bin('1 hour', ci.created_at, c_origin) AS bucket,
                       ci.region_hash, ci.emotion, ci.subject_hash, ci.intensity
                  FROM worldvibe.check_ins AS ci
                 WHERE ci.created_at >= v_run.lo AND ci.created_at < v_run.hi) AS c
         GROUP BY GROUPING SETS ((c.bucket, c.region_hash, c.emotion), (c.bucket, c.region_hash),
                                 (c.bucket, c.emotion), (c.bucket));
    END LOOP;

    SELECT array_agg(DISTINCT (u.h AT TIME ZONE 'UTC')::date) INTO v_days FROM unnest(v_hours) AS u (h);
    DELETE FROM worldvibe.daily_rollups AS d WHERE d.day = ANY (v_days);

    FOREACH v_day IN ARRAY v_days LOOP
        WITH new_regions AS (
            INSERT INTO worldvibe.regions (region_hash, center, bounds)
            SELECT n.region_hash, worldvibe.region_center_of(n.location), worldvibe.region_bounds_of(n.location)
              FROM (SELECT DISTINCT ON (c.region_hash) c.region_hash, c.location
                      FROM worldvibe.check_ins AS c
                     WHERE c.created_at >= v_day::timestamptz AND c.created_at < (v_day + 1)::timestamptz
                       AND NOT EXISTS (SELECT 1 FROM worldvibe.regions AS r WHERE r.region_hash = c.region_hash)
                     ORDER BY c.region_hash) AS n
            ON CONFLICT (region_hash) DO NOTHING
        )
        INSERT INTO worldvibe.daily_rollups (day, region_hash, emotion, check_in_count, subject_count, intensity_sum)
        SELECT v_day, c.region_hash, c.emotion, count(*), count(DISTINCT c.subject_hash), sum(c.intensity)
          FROM worldvibe.check_ins AS c
         WHERE c.created_at >= v_day::timestamptz AND c.created_at < (v_day + 1)::timestamptz
         GROUP BY GROUPING SETS ((c.region_hash, c.emotion), (c.region_hash), (c.emotion), ())
        HAVING count(*) > 0;
    END LOOP;

    RETURN cardinality(v_hours);
END
$$;

COMMENT ON FUNCTION worldvibe.rebuild_rollups(timestamptz[]) IS
    'Internal. Recomputes the hourly rollups of the given hours (aligned to UTC hours; hours '
    'before the oldest raw partition are skipped) and the daily rollups of their days, from the '
    'raw check-ins; returns the number of hours recomputed.';

CREATE OR REPLACE FUNCTION worldvibe.refresh_rollups(p_from timestamptz, p_to timestamptz)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_from IS NULL OR p_to IS NULL OR p_to <= p_from OR p_to - p_from > interval '400 days' THEN
        RAISE EXCEPTION 'invalid refresh range [%, %) (non-empty, at most 400 days)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN worldvibe.rebuild_rollups(ARRAY(
        SELECT h
          FROM generate_series(date_bin('1 hour', p_from, '2000-01-01 00:00:00+00'), p_to, interval '1 hour') AS h
         WHERE h < p_to));
END
$$;

COMMENT ON FUNCTION worldvibe.refresh_rollups(timestamptz, timestamptz) IS
    'Recomputes the rollups of every hour overlapping [p_from, p_to) and of their days '
    '(refresh_continuous_aggregate). Idempotent. Returns the number of hours recomputed.';

CREATE OR REPLACE FUNCTION worldvibe.refresh_invalidated_rollups()
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_hours timestamptz[];
BEGIN
    -- lock first: a second refresh waits here rather than draining half of the log
    LOCK TABLE worldvibe.hourly_rollups, worldvibe.daily_rollups IN SHARE ROW EXCLUSIVE MODE;
    -- only committed log rows are visible and deleted; a row committed later (with the
    -- check-ins it describes) stays for the next refresh
    WITH drained AS (
        DELETE FROM worldvibe.rollup_invalidations RETURNING bucket
    )
    SELECT array_agg(DISTINCT d.bucket) INTO v_hours FROM drained AS d;
    IF v_hours IS NULL THEN
        RETURN 0;
    END IF;
    RETURN worldvibe.rebuild_rollups(v_hours);
END
$$;

COMMENT ON FUNCTION worldvibe.refresh_invalidated_rollups() IS
    'Incremental refresh: drains rollup_invalidations and recomputes exactly the hours (and days) '
    'logged there: new, late, updated and erased check-ins. Returns the number of hours recomputed. '
    'Run it every few minutes (run_maintenance does).';

ALTER FUNCTION worldvibe.rebuild_rollups(timestamptz[]) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.refresh_rollups(timestamptz, timestamptz) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.refresh_invalidated_rollups() OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.rebuild_rollups(timestamptz[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.refresh_rollups(timestamptz, timestamptz) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.refresh_invalidated_rollups() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.refresh_rollups(timestamptz, timestamptz) TO worldvibe_maintenance;
GRANT EXECUTE ON FUNCTION worldvibe.refresh_invalidated_rollups() TO worldvibe_maintenance;
