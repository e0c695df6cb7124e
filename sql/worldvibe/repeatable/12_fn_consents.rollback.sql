-- What: takes down repeatable/12_fn_consents.sql: drops its triggers and functions.
-- Why: rollback of the repeatable; the trigger functions can only go after their triggers.

DROP TRIGGER IF EXISTS erase_on_withdrawal ON worldvibe.privacy_consents;
DROP TRIGGER IF EXISTS protect_history ON worldvibe.privacy_consents;
DROP FUNCTION IF EXISTS worldvibe.tg_privacy_consents__erase_on_withdrawal();
DROP FUNCTION IF EXISTS worldvibe.tg_privacy_consents__protect_history();
DROP FUNCTION IF EXISTS worldvibe.withdraw_consent(text, text);
DROP FUNCTION IF EXISTS worldvibe.grant_consent(text, integer, jsonb, text);
DROP FUNCTION IF EXISTS worldvibe.current_policy_version(text);
