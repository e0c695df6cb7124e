-- What: the rate limiter:
--         worldvibe.check_rate_limit(key, max, window) -> (allowed, hits, remaining, reset_at)
--         worldvibe.purge_rate_limits()                 deletes every expired window
-- Why: the seed's RateLimit model, atomic under concurrency. The decision is ONE statement,
--      INSERT ... ON CONFLICT DO UPDATE SET hits = hits + 1 WHERE hits < max RETURNING hits:
--      the row lock of ON CONFLICT serialises concurrent callers of a key and each one re-reads
--      the latest count (no read-then-write race), so exactly max calls per window get a row
--      back (allowed) and the counter never goes past max. The same statement deletes the
--      expired windows of that key (a data-modifying CTE), so a key cleans up after itself;
--      purge_rate_limits() removes the windows of keys never seen again (run_maintenance).
--      Fixed windows aligned on date_bin(window): a burst of 2 x max around a window boundary
--      is possible, as with any fixed-window limiter. The key is stored as a keyed hash.
--      SECURITY DEFINER: the callers have no privilege on the table. Meant for READ COMMITTED
--      (the default); under REPEATABLE READ a contended key raises serialization failures.

CREATE OR REPLACE FUNCTION worldvibe.check_rate_limit(
    p_key    text,
    p_max    integer,
    p_window interval,
    OUT allowed   boolean,
    OUT hits      integer,
    OUT remaining integer,
    OUT reset_at  timestamptz)
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_key   text;
    v_now   timestamptz := clock_timestamp();
    v_start timestamptz;
BEGIN
    IF p_max IS NULL OR p_max < 1 THEN
        RAISE EXCEPTION 'rate limit max must be at least 1, got %', p_max USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_window IS NULL OR p_window <= interval '0' OR p_window > interval '31 days'
       OR extract(month FROM p_window) <> 0 OR extract(year FROM p_window) <> 0 THEN
        RAISE EXCEPTION 'rate limit window must be positive, at most 31 days and without months, got %', p_window
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_key := worldvibe.keyed_hash('rate_limit', p_key);
    v_start := date_bin(p_window, v_now, '2000-01-01 00:00:00+00');
    reset_at := v_start + p_window;

    WITH expired AS (
        DELETE FROM worldvibe.rate_limits AS old
         WHERE old.key_hash = v_key AND old.window_length = p_window AND old.expires_at <= v_now
    )
    INSERT INTO worldvibe.rate_limits AS r (key_hash, window_length, window_start, expires_at, hits)
    VALUES (v_key, p_window, v_start, v_start + p_window, 1)
    ON CONFLICT (key_hash, window_length, window_start)
    DO UPDATE SET hits = r.hits + 1
          WHERE r.hits < p_max
    RETURNING r.hits INTO hits;

    allowed := hits IS NOT NULL;
    IF NOT allowed THEN
        hits := p_max;  -- the window is full; the counter stays at max
    END IF;
    remaining := p_max - hits;
END
$$;

COMMENT ON FUNCTION worldvibe.check_rate_limit(text, integer, interval) IS
    'Counts one call of p_key in the current fixed window of length p_window and says whether it '
    'is allowed (at most p_max per window), with the count, the calls left and when the window '
    'ends. Atomic under concurrency (one INSERT ... ON CONFLICT statement), cleans up the key''s '
    'expired windows in the same statement. The key is stored as a keyed hash.';

CREATE OR REPLACE FUNCTION worldvibe.purge_rate_limits()
RETURNS bigint
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH purged AS (
        DELETE FROM worldvibe.rate_limits AS r WHERE r.expires_at <= clock_timestamp() RETURNING 1
    )
    SELECT count(*) FROM purged
$$;

COMMENT ON FUNCTION worldvibe.purge_rate_limits() IS
    'Deletes every expired rate-limit window (of keys that were not checked again) and returns how many.';

ALTER FUNCTION worldvibe.check_rate_limit(text, integer, interval) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.purge_rate_limits() OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.check_rate_limit(text, integer, interval) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.purge_rate_limits() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.check_rate_limit(text, integer, interval) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.purge_rate_limits() TO worldvibe_maintenance;
