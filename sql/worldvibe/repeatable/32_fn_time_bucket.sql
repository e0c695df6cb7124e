-- What: worldvibe.time_bucket(width, ts, origin), the TimescaleDB time_bucket() signature on top
--       of PostgreSQL's date_bin().
-- Why: queries written for the seed (time_bucket('1 hour', created_at)) keep working. The
--      default origin is TimescaleDB's, 2000-01-03 00:00 UTC (a Monday), so weekly buckets start
--      on Mondays as they did; buckets are absolute (UTC-aligned), independent of the session
--      time zone. date_bin rejects widths with months or years (time_bucket's month buckets
--      have no equivalent here: use date_trunc('month', ...)). Pure, so executable by PUBLIC.

CREATE OR REPLACE FUNCTION worldvibe.time_bucket(
    p_width  interval,
    p_ts     timestamptz,
    p_origin timestamptz DEFAULT '2000-01-03 00:00:00+00')
RETURNS timestamptz
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT pg_catalog.date_bin(p_width, p_ts, p_origin)
$$;

COMMENT ON FUNCTION worldvibe.time_bucket(interval, timestamptz, timestamptz) IS
    'TimescaleDB-style time_bucket: start of the p_width-long bucket containing p_ts, buckets '
    'aligned on p_origin (default 2000-01-03 00:00 UTC, a Monday). Implemented with date_bin; '
    'widths with months/years are rejected.';

ALTER FUNCTION worldvibe.time_bucket(interval, timestamptz, timestamptz) OWNER TO worldvibe_owner;
