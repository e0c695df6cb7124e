-- What: takes down repeatable/50_proc_maintenance.sql: drops run_maintenance and apply_retention.
-- Why: rollback of the repeatable.

DROP PROCEDURE IF EXISTS worldvibe.run_maintenance(jsonb);
DROP FUNCTION IF EXISTS worldvibe.apply_retention();
