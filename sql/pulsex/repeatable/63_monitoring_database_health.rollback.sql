-- What: drops the view database_health.
-- Why: rollback of 63_monitoring_database_health.sql.

DROP VIEW IF EXISTS pulsex.database_health;
