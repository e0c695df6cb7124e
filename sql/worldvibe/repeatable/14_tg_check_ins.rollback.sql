-- What: takes down repeatable/14_tg_check_ins.sql: drops the check-in triggers and their functions.
-- Why: rollback of the repeatable; dropping a trigger of the partitioned table drops its clones.

DROP TRIGGER IF EXISTS invalidate_rollups_after_delete ON worldvibe.check_ins;
DROP TRIGGER IF EXISTS invalidate_rollups_after_update ON worldvibe.check_ins;
DROP TRIGGER IF EXISTS invalidate_rollups_after_insert ON worldvibe.check_ins;
DROP TRIGGER IF EXISTS require_consent ON worldvibe.check_ins;
DROP TRIGGER IF EXISTS sanitize ON worldvibe.check_ins;
DROP FUNCTION IF EXISTS worldvibe.tg_check_ins__invalidate_rollups();
DROP FUNCTION IF EXISTS worldvibe.tg_check_ins__require_consent();
DROP FUNCTION IF EXISTS worldvibe.tg_check_ins__sanitize();
