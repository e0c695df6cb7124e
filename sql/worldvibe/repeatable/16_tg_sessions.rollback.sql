-- What: takes down repeatable/16_tg_sessions.sql: drops the trigger and its function.
-- Why: rollback of the repeatable.

DROP TRIGGER IF EXISTS require_consent ON worldvibe.sessions;
DROP FUNCTION IF EXISTS worldvibe.tg_sessions__require_consent();
