-- What: takes down repeatable/32_fn_time_bucket.sql: drops worldvibe.time_bucket.
-- Why: rollback of the repeatable.

DROP FUNCTION IF EXISTS worldvibe.time_bucket(interval, timestamptz, timestamptz);
