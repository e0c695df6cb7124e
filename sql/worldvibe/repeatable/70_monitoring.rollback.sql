-- What: takes down repeatable/70_monitoring.sql: drops the monitoring views and functions.
-- Why: rollback of the repeatable.

DROP VIEW IF EXISTS worldvibe.v_partitions;
DROP VIEW IF EXISTS worldvibe.v_metrics;
DROP FUNCTION IF EXISTS worldvibe.metrics();
DROP FUNCTION IF EXISTS worldvibe.health();
