-- What: takes down repeatable/40_fn_rollups.sql: drops the rollup maintenance functions.
-- Why: rollback of the repeatable.

DROP FUNCTION IF EXISTS worldvibe.refresh_invalidated_rollups();
DROP FUNCTION IF EXISTS worldvibe.refresh_rollups(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS worldvibe.rebuild_rollups(timestamptz[]);
