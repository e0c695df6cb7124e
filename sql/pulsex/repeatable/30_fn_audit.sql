-- What: write_audit_log() (the one place rows enter pulsex.audit_logs), the generic trigger
--       function tg__audit() and the audit triggers on users, sessions and notification_tokens.
-- Why: GDPR accountability. The trigger function is SECURITY DEFINER (owner pulsex_migrations)
--      so that no application role needs, or has, INSERT on audit_logs: the trail cannot be
--      forged or edited by the application. Who: the RLS context (actor_user_id,
--      actor_is_admin) and the database role (after SET ROLE) and login role. What: old and new
--      row images without the columns registered as credentials in personal_data_columns.
--      Noise is left out: UPDATEs that change nothing (or only updated_at) write no row;
--      sessions are audited on creation and on revocation/expiry changes, not on every
--      last_seen_at touch nor on the expiry clean-up; notification tokens on creation and
--      removal, not on every push (last_used_at).

CREATE OR REPLACE FUNCTION pulsex.write_audit_log(
    p_subject_user_id uuid,
    p_table_name      text,
    p_operation       text,
    p_old_data        jsonb,
    p_new_data        jsonb,
    p_changed_columns text[],
    p_details         jsonb)
RETURNS void
LANGUAGE sql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO pulsex.audit_logs
        (subject_user_id, actor_user_id, actor_is_admin, db_role, table_name, operation,
         old_data, new_data, changed_columns, details)
    VALUES
        (p_subject_user_id, pulsex.app_user_id(), pulsex.app_is_admin(),
         coalesce(NULLIF(current_setting('role'), 'none'), session_user),
         p_table_name, p_operation, p_old_data, p_new_data, p_changed_columns, p_details)
$$;

COMMENT ON FUNCTION pulsex.write_audit_log(uuid, text, text, jsonb, jsonb, text[], jsonb) IS
    'Internal. Appends one row to audit_logs with the actor taken from the RLS context and the '
    'role of the caller (the SET ROLE role, else the login role). Executable by pulsex_migrations '
    'only: reached through tg__audit() and the GDPR functions, which run as that role.';

CREATE OR REPLACE FUNCTION pulsex.tg__audit()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_secret  text[];
    v_old     jsonb;
    v_new     jsonb;
    v_changed text[];
BEGIN
    SELECT coalesce(array_agg(p.column_name), '{}')
      INTO v_secret
      FROM pulsex.personal_data_columns AS p
     WHERE p.table_name = TG_TABLE_NAME AND p.category = 'credential';

    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        v_old := to_jsonb(OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        v_new := to_jsonb(NEW);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(n.key ORDER BY n.key)
          INTO v_changed
          FROM jsonb_each(v_new) AS n
          JOIN jsonb_each(v_old) AS o USING (key)
         WHERE n.value IS DISTINCT FROM o.value
           AND n.key <> 'updated_at';
        IF v_changed IS NULL THEN
            RETURN NULL;
        END IF;
    END IF;

    PERFORM pulsex.write_audit_log(
        (coalesce(v_new, v_old) ->> TG_ARGV[0])::uuid,
        TG_TABLE_NAME, TG_OP, v_old - v_secret, v_new - v_secret, v_changed, NULL);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION pulsex.tg__audit() IS
    'AFTER ROW trigger function writing a row image to audit_logs. Argument: the column naming '
    'the data subject (id for users, user_id elsewhere). Credential columns (personal_data_columns, '
    'category credential) are left out of the images but listed in changed_columns.';

ALTER FUNCTION pulsex.write_audit_log(uuid, text, text, jsonb, jsonb, text[], jsonb) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.tg__audit() OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.write_audit_log(uuid, text, text, jsonb, jsonb, text[], jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.tg__audit() FROM PUBLIC;

CREATE OR REPLACE TRIGGER users_audit
    AFTER INSERT OR UPDATE OR DELETE ON pulsex.users
    FOR EACH ROW
    EXECUTE FUNCTION pulsex.tg__audit('id');

CREATE OR REPLACE TRIGGER sessions_audit
    AFTER INSERT OR UPDATE OF revoked_at, revoke_reason, expires_at ON pulsex.sessions
    FOR EACH ROW
    EXECUTE FUNCTION pulsex.tg__audit('user_id');

CREATE OR REPLACE TRIGGER notification_tokens_audit
    AFTER INSERT OR DELETE ON pulsex.notification_tokens
    FOR EACH ROW
    EXECUTE FUNCTION pulsex.tg__audit('user_id');
