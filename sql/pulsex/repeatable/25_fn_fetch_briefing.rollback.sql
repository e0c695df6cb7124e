-- What: drops the function fetch_briefing(uuid, date).
-- Why: rollback of 25_fn_fetch_briefing.sql.

DROP FUNCTION IF EXISTS pulsex.fetch_briefing(uuid, date);
