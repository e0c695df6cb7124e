-- What: gdpr_find_account(email, live_only) and gdpr_assert_access(user_id), shared by the
--       export and erasure functions.
-- Why: one definition of "the account this e-mail designates" and of "who may act on it":
--      the user of the current context on their own account, or an admin context on any.
--      Operators (DPO, support) open an admin context first, so every GDPR action is
--      attributable in audit_logs.

CREATE OR REPLACE FUNCTION pulsex.gdpr_find_account(p_email text, p_live_only boolean)
RETURNS uuid
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.id
      FROM pulsex.users AS u
     WHERE lower(u.email) = lower(p_email)
       AND (u.deleted_at IS NULL OR (NOT p_live_only AND u.status = 'deleted'))
     ORDER BY u.deleted_at IS NOT NULL, u.deleted_at DESC
     LIMIT 1
$$;

COMMENT ON FUNCTION pulsex.gdpr_find_account(text, boolean) IS
    'Internal. The account with this e-mail (case-insensitive): the live one, else (unless '
    'p_live_only) the most recently soft-deleted one not yet anonymised; NULL if none.';

CREATE OR REPLACE FUNCTION pulsex.gdpr_assert_access(p_user_id uuid)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pulsex.app_is_admin() THEN
        IF p_user_id IS NULL THEN
            RAISE EXCEPTION 'no account with that e-mail address' USING ERRCODE = 'no_data_found';
        END IF;
        RETURN;
    END IF;
    -- the same error whether the account exists or not: no e-mail enumeration
    IF p_user_id IS NULL OR pulsex.app_user_id() IS DISTINCT FROM p_user_id THEN
        RAISE EXCEPTION 'GDPR functions act on the account of the current context only, unless under admin override'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

COMMENT ON FUNCTION pulsex.gdpr_assert_access(uuid) IS
    'Internal. Raises 42501 unless the current RLS context is the given user or an admin context '
    '(raises P0002 for an admin when the account does not exist).';

ALTER FUNCTION pulsex.gdpr_find_account(text, boolean) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.gdpr_assert_access(uuid) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.gdpr_find_account(text, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.gdpr_assert_access(uuid) FROM PUBLIC;
