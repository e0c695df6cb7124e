-- What: drops the trigger users_set_updated_at and the function tg__set_updated_at().
-- Why: rollback of 15_tg_set_updated_at.sql.

DROP TRIGGER IF EXISTS users_set_updated_at ON pulsex.users;
DROP FUNCTION IF EXISTS pulsex.tg__set_updated_at();
