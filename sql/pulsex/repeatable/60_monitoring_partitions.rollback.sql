-- What: drops the view partition_health and the function partition_status().
-- Why: rollback of 60_monitoring_partitions.sql.

DROP VIEW IF EXISTS pulsex.partition_health;
DROP FUNCTION IF EXISTS pulsex.partition_status();
