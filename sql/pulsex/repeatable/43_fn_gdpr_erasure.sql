-- What: soft_delete_user(email, ...), erase_user_personal_data(user_id, via) (internal),
--       anonymise_user(user_id) and schedule_gdpr_cleanup().
-- Why: GDPR right to erasure in two steps. soft_delete_user() hides the account at once,
--      revokes its sessions, removes its push tokens and schedules erasure after a grace
--      period (at most 30 days: "without undue delay"). Erasure is anonymisation: every
--      column registered in personal_data_columns is cleared, its rows deleted or its audit
--      keys redacted, as the register says; the account row stays as an anonymous tombstone so
--      that briefings, feedback and analytics counts are unchanged. schedule_gdpr_cleanup()
--      (daily job) erases the accounts whose grace period is over; anonymise_user() does it at
--      once for an admin.

CREATE OR REPLACE FUNCTION pulsex.soft_delete_user(
    p_email  text,
    p_reason text DEFAULT 'user_request',
    p_grace  interval DEFAULT interval '30 days')
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_user_id  uuid := pulsex.gdpr_find_account(p_email, true);
    v_sessions integer;
    v_tokens   integer;
    v_details  jsonb;
BEGIN
    PERFORM pulsex.gdpr_assert_access(v_user_id);
    IF p_grace IS NULL OR p_grace < interval '0' OR p_grace > interval '30 days' THEN
        RAISE EXCEPTION 'the erasure grace period must be between 0 and 30 days, got %', p_grace
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    UPDATE pulsex.users
       SET status = 'deleted',
           deleted_at = now(),
           deletion_reason = p_reason,
           erasure_due_at = now() + p_grace
     WHERE id = v_user_id;

    UPDATE pulsex.sessions
       SET revoked_at = now(), revoke_reason = 'account_deleted'
     WHERE user_id = v_user_id AND revoked_at IS NULL;
    GET DIAGNOSTICS v_sessions = ROW_COUNT;

    DELETE FROM pulsex.notification_tokens WHERE user_id = v_user_id;
    GET DIAGNOSTICS v_tokens = ROW_COUNT;

    v_details := jsonb_build_object(
        'reason', p_reason,
        'sessions_revoked', v_sessions,
        'notification_tokens_deleted', v_tokens,
        'erasure_due_at', now() + p_grace);
    PERFORM pulsex.write_audit_log(v_user_id, 'users', 'SOFT_DELETE', NULL, NULL, NULL, v_details);
    RETURN jsonb_build_object('user_id', v_user_id) || v_details;
END
$$;

COMMENT ON FUNCTION pulsex.soft_delete_user(text, text, interval) IS
    'Soft-deletes the live account with this e-mail: status deleted (hidden from the user''s own '
    'context, e-mail free for a new account), every session revoked, every push token deleted, '
    'erasure scheduled after p_grace (0 to 30 days). Own context or admin context. Returns what '
    'was done; recorded in audit_logs as SOFT_DELETE.';

CREATE OR REPLACE FUNCTION pulsex.erase_user_personal_data(p_user_id uuid, p_via text)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rule    record;
    v_count   integer;
    v_details jsonb := '{}';
BEGIN
    UPDATE pulsex.users
       SET status = 'anonymised',
           anonymised_at = now(),
           deleted_at = coalesce(deleted_at, now()),
           erasure_due_at = coalesce(erasure_due_at, now())
     WHERE id = p_user_id AND status <> 'anonymised';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist or is already anonymised', p_user_id
            USING ERRCODE = 'no_data_found';
    END IF;

    -- rows to delete, then columns to clear, then audit row images to redact (last, so that the
    -- audit rows written by the steps before are redacted too)
    FOR v_rule IN
        SELECT p.table_name, p.subject_column, p.erasure_action,
               array_agg(p.column_name ORDER BY p.column_name) AS columns
          FROM pulsex.personal_data_columns AS p
         WHERE p.erasure_action <> 'retain'
         GROUP BY p.table_name, p.subject_column, p.erasure_action
         ORDER BY CASE p.erasure_action WHEN 'delete_row' THEN 1 WHEN 'clear' THEN 2 ELSE 3 END,
                  p.table_name
    LOOP
        IF v_rule.erasure_action = 'delete_row' THEN
            EXECUTE format('DELETE FROM pulsex.%I WHERE %I = $1',
                           v_rule.table_name, v_rule.subject_column)
              USING p_user_id;
        ELSIF v_rule.erasure_action = 'clear' THEN
            EXECUTE format('UPDATE pulsex.%I SET %s WHERE %I = $1',
                           v_rule.table_name,
                           (SELECT string_agg(format('%I = DEFAULT', c), ', ')
                              FROM unnest(v_rule.columns) AS c),
                           v_rule.subject_column)
              USING p_user_id;
        ELSE  -- redact_keys: JSONB row images of the table named in the row's table_name column
            EXECUTE format('UPDATE pulsex.%I AS t SET %s WHERE t.%I = $1',
                           v_rule.table_name,
                           (SELECT string_agg(format(
                                       '%1$I = t.%1$I - ARRAY(SELECT r.column_name '
                                       'FROM pulsex.personal_data_columns AS r '
                                       'WHERE r.table_name = t.table_name)', c), ', ')
                              FROM unnest(v_rule.columns) AS c),
                           v_rule.subject_column)
              USING p_user_id;
        END IF;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        v_details := v_details || jsonb_build_object(
            format('%s.%s', v_rule.table_name, v_rule.erasure_action), v_count);
    END LOOP;

    v_details := jsonb_build_object('via', p_via, 'rows', v_details);
    PERFORM pulsex.write_audit_log(p_user_id, 'users', 'ANONYMISE', NULL, NULL, NULL, v_details);
    RETURN v_details;
END
$$;

COMMENT ON FUNCTION pulsex.erase_user_personal_data(uuid, text) IS
    'Internal (pulsex_migrations only). Anonymises one account as pulsex.personal_data_columns '
    'prescribes (delete_row, clear, redact_keys; retain is left alone), marks it anonymised and '
    'records ANONYMISE in audit_logs. Returns the affected row counts per table and action.';

CREATE OR REPLACE FUNCTION pulsex.anonymise_user(p_user_id uuid)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pulsex.app_is_admin() THEN
        RAISE EXCEPTION 'anonymise_user requires an admin context'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN pulsex.erase_user_personal_data(p_user_id, 'anonymise_user');
END
$$;

COMMENT ON FUNCTION pulsex.anonymise_user(uuid) IS
    'Erases the personal data of an account now (admin context only), keeping the anonymous '
    'account row and the counts of its briefings, feedback and analytics events.';

CREATE OR REPLACE FUNCTION pulsex.schedule_gdpr_cleanup()
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_user_id uuid;
    v_count   integer := 0;
BEGIN
    FOR v_user_id IN
        SELECT u.id
          FROM pulsex.users AS u
         WHERE u.status = 'deleted' AND u.erasure_due_at <= now()
         ORDER BY u.erasure_due_at
           FOR UPDATE SKIP LOCKED
    LOOP
        PERFORM pulsex.erase_user_personal_data(v_user_id, 'schedule_gdpr_cleanup');
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION pulsex.schedule_gdpr_cleanup() IS
    'Daily job (pulsex_migrations): erases every soft-deleted account whose erasure_due_at has '
    'passed; returns how many. Rows locked by a concurrent run are skipped.';

ALTER FUNCTION pulsex.soft_delete_user(text, text, interval) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.erase_user_personal_data(uuid, text) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.anonymise_user(uuid) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.schedule_gdpr_cleanup() OWNER TO pulsex_migrations;

REVOKE EXECUTE ON FUNCTION pulsex.soft_delete_user(text, text, interval) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.erase_user_personal_data(uuid, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.anonymise_user(uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.schedule_gdpr_cleanup() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION pulsex.soft_delete_user(text, text, interval) TO pulsex_app;
GRANT EXECUTE ON FUNCTION pulsex.anonymise_user(uuid) TO pulsex_app;
