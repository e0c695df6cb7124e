-- What: drops the context functions of 10_fn_app_context.sql.
-- Why: rollback of the repeatable (the policies using them are dropped first, by
--      20_rls_policies.rollback.sql).

DROP FUNCTION IF EXISTS pulsex.find_login(text);
DROP FUNCTION IF EXISTS pulsex.authenticate_session(bytea, boolean);
DROP FUNCTION IF EXISTS pulsex.app_is_admin();
DROP FUNCTION IF EXISTS pulsex.app_user_id();
DROP FUNCTION IF EXISTS pulsex.set_app_context(uuid, boolean);
