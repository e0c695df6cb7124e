-- What: creates worldvibe.rollup_invalidations, the log of hours whose check-ins changed since
--       the rollups were last refreshed.
-- Why: the replacement of TimescaleDB's continuous-aggregate invalidation log. A statement-level
--      trigger on check_ins (repeatable/14) appends the distinct hours of every INSERT, UPDATE or
--      DELETE, late check-ins and erasures included; refresh_invalidated_rollups() drains the log
--      and recomputes exactly those hours. Appending (instead of upserting one row per hour) is
--      what makes it safe under concurrency: a row committed after a refresh read the log stays
--      for the next refresh, and it commits atomically with the check-ins it describes. No
--      primary key on purpose: the table is only appended to and drained whole, and an index
--      would be one more write on the ingest path.

CREATE TABLE worldvibe.rollup_invalidations (
    bucket    timestamptz NOT NULL CHECK (bucket = date_bin('1 hour', bucket, '2000-01-01 00:00:00+00')),
    logged_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE worldvibe.rollup_invalidations OWNER TO worldvibe_owner;

COMMENT ON TABLE worldvibe.rollup_invalidations IS
    'Append-only log of hours whose check-ins changed (one row per hour per statement), drained by '
    'worldvibe.refresh_invalidated_rollups(). Its age is the rollup lag reported by health().';
COMMENT ON COLUMN worldvibe.rollup_invalidations.bucket IS 'Start of the changed hour (UTC hour boundary).';
COMMENT ON COLUMN worldvibe.rollup_invalidations.logged_at IS 'Start of the transaction that changed it.';
