-- What: drops get_long_running_queries() and monitor_connection_usage().
-- Why: rollback of 62_monitoring_connections.sql.

DROP FUNCTION IF EXISTS pulsex.get_long_running_queries(interval);
DROP FUNCTION IF EXISTS pulsex.monitor_connection_usage();
