-- What: export_user_data(email): every row about the user from every table, as one JSON
--       document, recorded in audit_logs (operation EXPORT).
-- Why: GDPR right of access / portability. "Every table" is found in the catalog, not listed:
--      every pulsex table with a uuid column user_id or subject_user_id, plus users itself, so
--      a table added later is exported without touching this function. Columns registered as
--      credentials (password and session token hashes, push tokens) are left out.

CREATE OR REPLACE FUNCTION pulsex.export_user_data(p_email text)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_user_id uuid := pulsex.gdpr_find_account(p_email, false);
    v_table   record;
    v_rows    jsonb;
    v_data    jsonb := '{}';
    v_counts  jsonb := '{}';
BEGIN
    PERFORM pulsex.gdpr_assert_access(v_user_id);

    FOR v_table IN
        SELECT c.relname::text AS table_name, a.attname::text AS subject_column
          FROM pg_class AS c
          JOIN pg_attribute AS a ON a.attrelid = c.oid
         WHERE c.relnamespace = 'pulsex'::regnamespace
           AND c.relkind IN ('r', 'p')
           AND NOT c.relispartition
           AND a.atttypid = 'uuid'::regtype
           AND a.attnum > 0
           AND NOT a.attisdropped
           AND (a.attname IN ('user_id', 'subject_user_id')
                OR (c.relname = 'users' AND a.attname = 'id'))
         ORDER BY c.relname
    LOOP
        EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(t) - $2), ''[]''::jsonb) '
                       'FROM pulsex.%I AS t WHERE t.%I = $1',
                       v_table.table_name, v_table.subject_column)
           INTO v_rows
          USING v_user_id,
                ARRAY(SELECT p.column_name FROM pulsex.personal_data_columns AS p
                       WHERE p.table_name = v_table.table_name AND p.category = 'credential');
        v_data   := v_data || jsonb_build_object(v_table.table_name, v_rows);
        v_counts := v_counts || jsonb_build_object(v_table.table_name, jsonb_array_length(v_rows));
    END LOOP;

    PERFORM pulsex.write_audit_log(v_user_id, 'users', 'EXPORT', NULL, NULL, NULL,
                                   jsonb_build_object('rows', v_counts));

    RETURN jsonb_build_object(
        'format', 'pulsex-user-data-export/1',
        'generated_at', now(),
        'user_id', v_user_id,
        'data', v_data);
END
$$;

COMMENT ON FUNCTION pulsex.export_user_data(text) IS
    'GDPR export of the account with this e-mail (the live one, else the latest soft-deleted): '
    '{"format", "generated_at", "user_id", "data": {table: [rows]}} over every table holding rows '
    'about the user, credentials left out. Allowed to the user''s own context or an admin '
    'context; recorded in audit_logs as EXPORT with the row counts.';

ALTER FUNCTION pulsex.export_user_data(text) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.export_user_data(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulsex.export_user_data(text) TO pulsex_app;
