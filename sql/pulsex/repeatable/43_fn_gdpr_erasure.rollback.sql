-- What: drops the erasure functions of 43_fn_gdpr_erasure.sql.
-- Why: rollback of the repeatable.

DROP FUNCTION IF EXISTS pulsex.schedule_gdpr_cleanup();
DROP FUNCTION IF EXISTS pulsex.anonymise_user(uuid);
DROP FUNCTION IF EXISTS pulsex.erase_user_personal_data(uuid, text);
DROP FUNCTION IF EXISTS pulsex.soft_delete_user(text, text, interval);
