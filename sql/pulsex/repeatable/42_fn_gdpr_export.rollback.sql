-- What: drops export_user_data().
-- Why: rollback of 42_fn_gdpr_export.sql.

DROP FUNCTION IF EXISTS pulsex.export_user_data(text);
