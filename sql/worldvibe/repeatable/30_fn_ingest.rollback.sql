-- What: takes down repeatable/30_fn_ingest.sql: drops the app's write functions.
-- Why: rollback of the repeatable.

DROP FUNCTION IF EXISTS worldvibe.record_event(uuid, text, jsonb, timestamptz);
DROP FUNCTION IF EXISTS worldvibe.end_session(uuid);
DROP FUNCTION IF EXISTS worldvibe.start_session(text);
DROP FUNCTION IF EXISTS worldvibe.record_check_in(text, integer, double precision, double precision, timestamptz, text);
