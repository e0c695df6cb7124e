-- What: the per-transaction row-level-security context: set_app_context(), the two getters
--       the policies call (app_user_id(), app_is_admin()), and the two SECURITY DEFINER entry
--       points the application needs before it knows who the user is: authenticate_session()
--       and find_login().
-- Why: the context lives in two custom settings (pulsex.user_id, pulsex.is_admin) set with
--      set_config(..., is_local => true), so it ends with the transaction. Behind PgBouncer in
--      transaction pooling mode consecutive transactions of one server connection belong to
--      different clients: a session-level setting would leak one user's identity to the next.
--      Trust model: pulsex_app is trusted to set the context (it could call set_config
--      itself); RLS protects against application bugs (a forgotten WHERE user_id = ...), not
--      against a compromised application connection. authenticate_session() is the verified
--      way in: it derives the user, and admin rights, from a stored session.

CREATE OR REPLACE FUNCTION pulsex.set_app_context(p_user_id uuid, p_is_admin boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    IF p_user_id IS NULL AND NOT coalesce(p_is_admin, false) THEN
        RAISE EXCEPTION 'set_app_context: a user id is required unless the context is an admin one'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM pg_catalog.set_config('pulsex.user_id', coalesce(p_user_id::text, ''), true);
    PERFORM pg_catalog.set_config('pulsex.is_admin',
                                  CASE WHEN p_is_admin THEN 'on' ELSE 'off' END, true);
END
$$;

COMMENT ON FUNCTION pulsex.set_app_context(uuid, boolean) IS
    'Sets the RLS context for the rest of the current transaction only: the acting user and '
    'whether admin override applies (admin may come with a NULL user for back-office jobs). Call '
    'it first in every transaction (BEGIN; SELECT pulsex.set_app_context($1); ...; COMMIT, or '
    'several statements in one simple-protocol query). In autocommit mode it lasts one statement.';

CREATE OR REPLACE FUNCTION pulsex.app_user_id()
RETURNS uuid
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    SELECT NULLIF(pg_catalog.current_setting('pulsex.user_id', true), '')::uuid
$$;

COMMENT ON FUNCTION pulsex.app_user_id() IS
    'User id of the current RLS context, NULL when none is set (then policies match no row).';

CREATE OR REPLACE FUNCTION pulsex.app_is_admin()
RETURNS boolean
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    SELECT coalesce(NULLIF(pg_catalog.current_setting('pulsex.is_admin', true), '')::boolean, false)
$$;

COMMENT ON FUNCTION pulsex.app_is_admin() IS
    'Whether the current RLS context has admin override (sees and changes every user''s rows).';

CREATE OR REPLACE FUNCTION pulsex.authenticate_session(p_token_hash bytea, p_as_admin boolean DEFAULT false)
RETURNS uuid
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_user_id uuid;
    v_role    text;
BEGIN
    SELECT s.user_id, u.role
      INTO v_user_id, v_role
      FROM pulsex.sessions AS s
      JOIN pulsex.users AS u ON u.id = s.user_id
     WHERE s.token_hash = p_token_hash
       AND s.revoked_at IS NULL
       AND s.expires_at > now()
       AND u.status = 'active';
    IF v_user_id IS NULL THEN
        -- an unknown, expired or revoked session leaves no context behind
        PERFORM set_config('pulsex.user_id', '', true);
        PERFORM set_config('pulsex.is_admin', 'off', true);
        RETURN NULL;
    END IF;
    IF p_as_admin AND v_role <> 'admin' THEN
        RAISE EXCEPTION 'this account may not open an admin context'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pulsex.set_app_context(v_user_id, p_as_admin);
    RETURN v_user_id;
END
$$;

COMMENT ON FUNCTION pulsex.authenticate_session(bytea, boolean) IS
    'Looks up a live session (not revoked, not expired, account active) by the SHA-256 of its '
    'token and sets the RLS context of the current transaction to its user, with admin override '
    'when asked for and the account''s role is admin. Returns the user id, or NULL (and clears '
    'the context) when the session is not valid.';

CREATE OR REPLACE FUNCTION pulsex.find_login(p_email text)
RETURNS TABLE (user_id uuid, password_hash text, status text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.id, u.password_hash, u.status
      FROM pulsex.users AS u
     WHERE lower(u.email) = lower(p_email)
       AND u.deleted_at IS NULL
$$;

COMMENT ON FUNCTION pulsex.find_login(text) IS
    'Login step before any context exists: the live account with this e-mail (case-insensitive), '
    'its password hash for the application to verify, and its status.';

ALTER FUNCTION pulsex.set_app_context(uuid, boolean) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.app_user_id() OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.app_is_admin() OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.authenticate_session(bytea, boolean) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.find_login(text) OWNER TO pulsex_migrations;

REVOKE EXECUTE ON FUNCTION pulsex.set_app_context(uuid, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.app_user_id() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.app_is_admin() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.authenticate_session(bytea, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.find_login(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION pulsex.set_app_context(uuid, boolean) TO pulsex_app;
GRANT EXECUTE ON FUNCTION pulsex.app_user_id() TO pulsex_app;
GRANT EXECUTE ON FUNCTION pulsex.app_is_admin() TO pulsex_app;
GRANT EXECUTE ON FUNCTION pulsex.authenticate_session(bytea, boolean) TO pulsex_app;
GRANT EXECUTE ON FUNCTION pulsex.find_login(text) TO pulsex_app;
