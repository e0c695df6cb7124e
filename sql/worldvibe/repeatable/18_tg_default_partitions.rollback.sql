-- What: takes down repeatable/18_tg_default_partitions.sql: drops the guard triggers and functions.
-- Why: rollback of the repeatable.

DROP TRIGGER IF EXISTS guard ON worldvibe.events_default;
DROP TRIGGER IF EXISTS guard ON worldvibe.check_ins_default;
DROP FUNCTION IF EXISTS worldvibe.tg_events_default__guard();
DROP FUNCTION IF EXISTS worldvibe.tg_check_ins_default__guard();
DROP FUNCTION IF EXISTS worldvibe.guard_default_partition(regclass, regclass, timestamptz);
