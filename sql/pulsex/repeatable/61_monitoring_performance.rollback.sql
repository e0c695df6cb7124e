-- What: drops the view performance_metrics and the function get_performance_metrics().
-- Why: rollback of 61_monitoring_performance.sql.

DROP VIEW IF EXISTS pulsex.performance_metrics;
DROP FUNCTION IF EXISTS pulsex.get_performance_metrics(integer);
