-- Rate limits: exactly max calls per window are allowed, the counter never passes max, keys
-- and window lengths are independent, a new window starts afresh, a key's expired windows are
-- deleted by its next check (and only its own), purge_rate_limits() removes the rest, the key
-- is never stored raw, bad arguments are refused. (Exactness under concurrent calls is tested
-- with threads in tests/db/test_worldvibe.py.)
BEGIN;
SELECT plan(20);

-- n successive calls, one row each (a (f()).* in a select list would call f once per column)
CREATE FUNCTION pg_temp.calls(p_key text, p_max integer, p_window interval, p_n integer)
RETURNS TABLE (n integer, allowed boolean, hits integer, remaining integer, reset_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    FOR i IN 1 .. p_n LOOP
        n := i;
        SELECT r.allowed, r.hits, r.remaining, r.reset_at INTO allowed, hits, remaining, reset_at
          FROM worldvibe.check_rate_limit(p_key, p_max, p_window) AS r;
        RETURN NEXT;
    END LOOP;
END
$$;

-- keep the one-hour windows below away from an hour boundary (waits only in the last 2 seconds of an hour)
SELECT pg_sleep(CASE WHEN t.left_in_hour < 2 THEN t.left_in_hour + 0.1 ELSE 0 END)
  FROM (SELECT extract(epoch FROM date_trunc('hour', clock_timestamp()) + interval '1 hour' - clock_timestamp())::float8 AS left_in_hour) AS t;

CREATE TEMP TABLE calls AS SELECT * FROM pg_temp.calls('checkin:alice', 3, '1 hour', 5);
SELECT is(ARRAY(SELECT allowed FROM calls ORDER BY n), ARRAY[true, true, true, false, false],
          'with max 3 the first three calls of a window are allowed, the rest refused');
SELECT is(ARRAY(SELECT hits FROM calls ORDER BY n), ARRAY[1, 2, 3, 3, 3], 'the count climbs to max and stays there');
SELECT is(ARRAY(SELECT remaining FROM calls ORDER BY n), ARRAY[2, 1, 0, 0, 0], 'remaining counts down to 0');
SELECT is((SELECT DISTINCT reset_at FROM calls), date_bin('1 hour', clock_timestamp(), '2000-01-01 00:00+00') + interval '1 hour',
          'reset_at is the end of the current window');
SELECT is((SELECT hits FROM worldvibe.rate_limits WHERE key_hash = worldvibe.keyed_hash('rate_limit', 'checkin:alice')), 3,
          'the stored counter is exactly max, not the number of calls');
SELECT ok((worldvibe.check_rate_limit('checkin:bob', 3, '1 hour')).allowed, 'another key has its own counter');
SELECT ok((worldvibe.check_rate_limit('checkin:alice', 10, '1 day')).allowed, 'the same key with another window length has its own counter');
SELECT is((SELECT count(*) FROM worldvibe.rate_limits), 3::bigint, 'three windows are stored');
SELECT is((SELECT count(*) FROM worldvibe.rate_limits WHERE key_hash IN ('checkin:alice', 'checkin:bob')
              OR key_hash = encode(sha256('checkin:alice'), 'hex') OR left(encode(sha256('checkin:alice'), 'hex'), 32) = key_hash),
          0::bigint, 'keys are stored neither raw nor as a plain hash');
SELECT ok((worldvibe.check_rate_limit('CHECKIN:alice', 3, '1 hour')).allowed, 'keys are case-sensitive (a different key)');

-- expired windows
INSERT INTO worldvibe.rate_limits (key_hash, window_length, window_start, expires_at, hits)
VALUES (worldvibe.keyed_hash('rate_limit', 'checkin:carol'), '1 hour', '2024-01-01 10:00+00', '2024-01-01 11:00+00', 7),
       (worldvibe.keyed_hash('rate_limit', 'checkin:carol'), '1 hour', '2024-01-01 11:00+00', '2024-01-01 12:00+00', 2),
       (worldvibe.keyed_hash('rate_limit', 'checkin:dave'), '1 hour', '2024-01-01 10:00+00', '2024-01-01 11:00+00', 1);
SELECT is((worldvibe.check_rate_limit('checkin:carol', 3, '1 hour')).hits, 1, 'an old window does not count for the current one');
SELECT is((SELECT count(*) FROM worldvibe.rate_limits WHERE key_hash = worldvibe.keyed_hash('rate_limit', 'checkin:carol')), 1::bigint,
          'the check deleted the key''s two expired windows in the same statement');
SELECT is((SELECT count(*) FROM worldvibe.rate_limits WHERE key_hash = worldvibe.keyed_hash('rate_limit', 'checkin:dave')), 1::bigint,
          'but not the expired windows of other keys');
SELECT is(worldvibe.purge_rate_limits(), 1::bigint, 'purge_rate_limits removes the remaining expired window');
SELECT is((SELECT count(*) FROM worldvibe.rate_limits WHERE expires_at <= clock_timestamp()), 0::bigint, 'no expired window is left');

-- a new window starts afresh
SELECT is(ARRAY(SELECT (worldvibe.check_rate_limit('burst', 2, '1 second')).allowed FROM generate_series(1, 3)),
          ARRAY[true, true, false], 'two calls in a one-second window, the third refused')
  FROM (SELECT pg_sleep(1.05 - extract(epoch FROM clock_timestamp() - date_trunc('second', clock_timestamp()))::float8)) AS align;
SELECT pg_sleep(1.05);
SELECT ok((worldvibe.check_rate_limit('burst', 2, '1 second')).allowed, 'in the next window the key is allowed again');

-- arguments
SELECT throws_ok($$SELECT worldvibe.check_rate_limit('k', 0, '1 minute')$$, '22023', NULL, 'max 0 is refused');
SELECT throws_ok($$SELECT worldvibe.check_rate_limit('k', 5, '1 month')$$, '22023', NULL, 'a window in months is refused');
SELECT throws_ok($$SELECT worldvibe.check_rate_limit('', 5, '1 minute')$$, '22023', NULL, 'an empty key is refused');

SELECT * FROM finish();
ROLLBACK;
