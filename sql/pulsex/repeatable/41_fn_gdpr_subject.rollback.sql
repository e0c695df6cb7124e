-- What: drops gdpr_assert_access() and gdpr_find_account().
-- Why: rollback of 41_fn_gdpr_subject.sql.

DROP FUNCTION IF EXISTS pulsex.gdpr_assert_access(uuid);
DROP FUNCTION IF EXISTS pulsex.gdpr_find_account(text, boolean);
