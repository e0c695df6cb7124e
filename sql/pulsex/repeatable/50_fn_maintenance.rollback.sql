-- What: drops the maintenance functions of 50_fn_maintenance.sql.
-- Why: rollback of the repeatable.

DROP FUNCTION IF EXISTS pulsex.refresh_user_stats();
DROP FUNCTION IF EXISTS pulsex.drop_old_partitions(text, integer, boolean);
DROP FUNCTION IF EXISTS pulsex.cleanup_expired_sessions();
