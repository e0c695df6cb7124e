-- What: takes down repeatable/45_fn_rate_limits.sql: drops the rate-limit functions.
-- Why: rollback of the repeatable.

DROP FUNCTION IF EXISTS worldvibe.purge_rate_limits();
DROP FUNCTION IF EXISTS worldvibe.check_rate_limit(text, integer, interval);
