-- GDPR functions: the export holds every row about the user and none of anyone else's, and is
-- audited; only the user's own context or an admin context may use the functions; soft delete
-- hides the account, revokes sessions and tokens and schedules erasure; anonymisation leaves
-- no e-mail or name anywhere but keeps the counts; schedule_gdpr_cleanup() erases what is due;
-- the inventory is complete and matches the schema.
-- Users: A = seed 02 (ada.lovelace), B = 03 (alan.turing), C = 04 (katherine.johnson, soft
-- deleted here), D = 05 (edsger.dijkstra, anonymised here), 39 = soft-deleted, erasure due.
BEGIN;
SELECT plan(53);

-- Expected rows about A, counted directly by the superuser before the export.
CREATE TEMP TABLE expected_a AS
SELECT 'users' AS table_name, count(*) AS n FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'briefings', count(*) FROM pulsex.briefings WHERE user_id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'user_feedback', count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'saved_cards', count(*) FROM pulsex.saved_cards WHERE user_id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'notification_tokens', count(*) FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'sessions', count(*) FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'analytics_events', count(*) FROM pulsex.analytics_events WHERE user_id = '00000000-0000-4000-8000-000000000002'
UNION ALL SELECT 'audit_logs', count(*) FROM pulsex.audit_logs WHERE subject_user_id = '00000000-0000-4000-8000-000000000002';
GRANT SELECT ON expected_a TO pulsex_app;
CREATE TEMP TABLE export_a (doc jsonb);
GRANT INSERT ON export_a TO pulsex_app;

-- Export by A itself, as the application
SET LOCAL ROLE pulsex_app;
SELECT throws_ok($$SELECT pulsex.export_user_data('ada.lovelace@example.com')$$, '42501', NULL,
                 'without a context the export is refused');
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000002');
INSERT INTO export_a SELECT pulsex.export_user_data('Ada.Lovelace@Example.com');
SELECT throws_ok($$SELECT pulsex.export_user_data('alan.turing@example.com')$$, '42501', NULL,
                 'A cannot export B''s data');
SELECT throws_ok($$SELECT pulsex.export_user_data('nobody@example.com')$$, '42501', NULL,
                 'A gets the same refusal for an unknown e-mail (no enumeration)');
RESET ROLE;

SELECT is((SELECT doc ->> 'user_id' FROM export_a), '00000000-0000-4000-8000-000000000002', 'the export is about A');
SELECT is(ARRAY(SELECT jsonb_object_keys(doc -> 'data') FROM export_a ORDER BY 1),
          ARRAY['analytics_events', 'audit_logs', 'briefings', 'notification_tokens', 'saved_cards', 'sessions',
                'user_feedback', 'users'],
          'the export covers every table holding user data');
SELECT is((SELECT jsonb_array_length(doc -> 'data' -> e.table_name) FROM export_a), e.n::integer,
          format('the export holds all %s of A''s %s rows', e.n, e.table_name))
  FROM expected_a AS e ORDER BY e.table_name;
SELECT is((SELECT count(*)
             FROM export_a,
                  jsonb_each(doc -> 'data') AS t(table_name, rows),
                  jsonb_array_elements(t.rows) AS r
            WHERE coalesce(r ->> 'user_id', r ->> 'subject_user_id', r ->> 'id') <> '00000000-0000-4000-8000-000000000002'),
          0::bigint, 'the export holds no row of anyone else');
SELECT ok((SELECT doc::text NOT ILIKE '%alan.turing%' AND doc::text NOT ILIKE '%katherine%' FROM export_a),
          'no other user''s e-mail appears in the export');
SELECT ok((SELECT NOT jsonb_path_exists(doc, '$.data.users[*].password_hash')
              AND NOT jsonb_path_exists(doc, '$.data.sessions[*].token_hash')
              AND NOT jsonb_path_exists(doc, '$.data.notification_tokens[*].token')
              AND jsonb_path_exists(doc, '$.data.sessions[*].ip_address')
             FROM export_a),
          'credentials are left out of the export, other personal data is in');
SELECT ok(EXISTS (SELECT 1 FROM pulsex.audit_logs
                   WHERE subject_user_id = '00000000-0000-4000-8000-000000000002' AND operation = 'EXPORT'
                     AND actor_user_id = '00000000-0000-4000-8000-000000000002' AND db_role = 'pulsex_app'
                     AND (details -> 'rows' ->> 'briefings')::int = (SELECT n FROM expected_a WHERE table_name = 'briefings')),
          'the export is recorded in audit_logs with who asked and what was exported');

-- Admin exports
SET LOCAL ROLE pulsex_app;
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000001', true);
SELECT is(pulsex.export_user_data('alan.turing@example.com') ->> 'user_id', '00000000-0000-4000-8000-000000000003',
          'an admin context can export any account');
SELECT throws_ok($$SELECT pulsex.export_user_data('nobody@example.com')$$, 'P0002', NULL,
                 'an admin is told when no account has that e-mail');
SELECT is(pulsex.export_user_data('carol.shaw@example.com') ->> 'user_id', '00000000-0000-4000-8000-000000000039',
          'a soft-deleted (not yet erased) account can still be exported');

-- Soft delete of C, by C
RESET ROLE;
CREATE TEMP TABLE c_before AS
SELECT (SELECT count(*) FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000004' AND revoked_at IS NULL) AS live_sessions,
       (SELECT count(*) FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000004') AS tokens;
CREATE TEMP TABLE c_result (result jsonb);
GRANT INSERT ON c_result TO pulsex_app;
SELECT ok((SELECT live_sessions > 0 AND tokens > 0 FROM c_before), 'precondition: C has live sessions and tokens');

SET LOCAL ROLE pulsex_app;
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000002');
SELECT throws_ok($$SELECT pulsex.soft_delete_user('katherine.johnson@example.com')$$, '42501', NULL,
                 'A cannot soft-delete C');
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000004');
SELECT throws_ok($$SELECT pulsex.soft_delete_user('katherine.johnson@example.com', 'user_request', interval '90 days')$$,
                 '22023', NULL, 'the erasure grace period cannot exceed 30 days');
INSERT INTO c_result SELECT pulsex.soft_delete_user('Katherine.Johnson@example.com');
SELECT is((SELECT count(*) FROM pulsex.users), 0::bigint, 'the soft-deleted account is hidden from its own context');
SELECT is(pulsex.authenticate_session(sha256(convert_to('seed-session-04-2', 'UTF8'))), NULL::uuid,
          'the soft-deleted account''s session no longer authenticates');
RESET ROLE;

SELECT is((SELECT (result ->> 'sessions_revoked')::int FROM c_result), (SELECT live_sessions::int FROM c_before),
          'soft_delete_user reports every live session revoked');
SELECT is((SELECT count(*) FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000004' AND revoked_at IS NULL),
          0::bigint, 'no session of C is left unrevoked');
SELECT ok((SELECT bool_and(revoke_reason = 'account_deleted') FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000004'),
          'the sessions are revoked as account_deleted');
SELECT is((SELECT count(*) FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000004'),
          0::bigint, 'C''s notification tokens are gone');
SELECT ok((SELECT status = 'deleted' AND deleted_at = now() AND erasure_due_at = now() + interval '30 days'
             FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000004'),
          'C is marked deleted with erasure due in 30 days');
SELECT ok(EXISTS (SELECT 1 FROM pulsex.audit_logs
                   WHERE subject_user_id = '00000000-0000-4000-8000-000000000004' AND operation = 'SOFT_DELETE'),
          'the soft delete is recorded in audit_logs');
SELECT lives_ok($$INSERT INTO pulsex.users (email, display_name) VALUES ('katherine.johnson@example.com', 'Katherine again')$$,
                'the e-mail of the soft-deleted account is free for a new account');

-- Anonymisation of D, by an admin
CREATE TEMP TABLE d_before AS
SELECT (SELECT count(*) FROM pulsex.briefings WHERE user_id = '00000000-0000-4000-8000-000000000005') AS briefings,
       (SELECT count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000005') AS feedback,
       (SELECT count(*) FROM pulsex.analytics_events WHERE user_id = '00000000-0000-4000-8000-000000000005') AS events,
       (SELECT count(*) FROM pulsex.saved_cards WHERE user_id = '00000000-0000-4000-8000-000000000005') AS saved;
-- make sure D's name and e-mail are in the audit trail before erasure
UPDATE pulsex.users SET display_name = 'Edsger W. Dijkstra' WHERE id = '00000000-0000-4000-8000-000000000005';
SELECT ok((SELECT count(*) FROM pulsex.audit_logs
            WHERE subject_user_id = '00000000-0000-4000-8000-000000000005'
              AND (old_data::text ILIKE '%dijkstra%' OR new_data::text ILIKE '%dijkstra%')) > 0,
          'precondition: D''s name is in the audit trail');

SET LOCAL ROLE pulsex_app;
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000005');
SELECT throws_ok($$SELECT pulsex.anonymise_user('00000000-0000-4000-8000-000000000005')$$, '42501', NULL,
                 'anonymise_user needs an admin context');
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000001', true);
SELECT lives_ok($$SELECT pulsex.anonymise_user('00000000-0000-4000-8000-000000000005')$$, 'an admin anonymises D');
SELECT throws_ok($$SELECT pulsex.anonymise_user('00000000-0000-4000-8000-000000000005')$$, 'P0002', NULL,
                 'an account is anonymised only once');
RESET ROLE;

SELECT ok((SELECT email IS NULL AND display_name IS NULL AND password_hash IS NULL AND preferences = '{}'
                  AND last_login_at IS NULL AND status = 'anonymised' AND anonymised_at IS NOT NULL
             FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000005'),
          'D''s account row keeps no personal data');

CREATE FUNCTION pg_temp.rows_mentioning(p_needle text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_table regclass;
    v_found bigint;
    v_total bigint := 0;
BEGIN
    FOR v_table IN
        SELECT c.oid::regclass FROM pg_class AS c
         WHERE c.relnamespace = 'pulsex'::regnamespace AND c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
    LOOP
        EXECUTE format('SELECT count(*) FROM %s AS t WHERE to_jsonb(t)::text ILIKE $1', v_table)
           INTO v_found USING '%' || p_needle || '%';
        v_total := v_total + v_found;
    END LOOP;
    RETURN v_total;
END
$$;
SELECT is(pg_temp.rows_mentioning('dijkstra'), 0::bigint, 'no row of any pulsex table mentions D''s e-mail or name any more');
SELECT ok(pg_temp.rows_mentioning('lovelace') > 0, 'the search above finds a name where there is one');
SELECT is((SELECT count(*) FROM pulsex.briefings WHERE user_id = '00000000-0000-4000-8000-000000000005'),
          (SELECT briefings FROM d_before), 'D''s briefings are still counted');
SELECT is((SELECT count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000005'),
          (SELECT feedback FROM d_before), 'D''s feedback is still counted');
SELECT is((SELECT count(*) FROM pulsex.analytics_events WHERE user_id = '00000000-0000-4000-8000-000000000005'),
          (SELECT events FROM d_before), 'D''s analytics events are still counted');
SELECT is((SELECT count(*) FROM pulsex.saved_cards WHERE user_id = '00000000-0000-4000-8000-000000000005' AND notes IS NULL AND tags = '{}'),
          (SELECT saved FROM d_before), 'D''s saved cards are kept without notes or tags');
SELECT is((SELECT count(*) FROM pulsex.analytics_events
            WHERE user_id = '00000000-0000-4000-8000-000000000005' AND (ip_address IS NOT NULL OR user_agent IS NOT NULL)),
          0::bigint, 'D''s analytics events keep no IP address or user agent');
SELECT is((SELECT count(*) FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000005')
          + (SELECT count(*) FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000005'),
          0::bigint, 'D''s sessions and tokens are deleted');
SELECT ok(EXISTS (SELECT 1 FROM pulsex.audit_logs
                   WHERE subject_user_id = '00000000-0000-4000-8000-000000000005' AND operation = 'ANONYMISE'
                     AND actor_is_admin AND details ->> 'via' = 'anonymise_user'),
          'the anonymisation is recorded in audit_logs');

-- Scheduled erasure: account 39 is past its erasure date, C is not yet
SELECT is(pulsex.schedule_gdpr_cleanup(), 1, 'schedule_gdpr_cleanup erases exactly the one account that is due');
SELECT ok((SELECT status = 'anonymised' AND email IS NULL FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000039'),
          'the due account is anonymised');
SELECT is((SELECT status FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000004'), 'deleted',
          'an account still in its grace period is left alone');
SELECT is(pulsex.schedule_gdpr_cleanup(), 0, 'a second run finds nothing to do');

-- Inventory
SELECT is((SELECT count(*) FROM pulsex.generate_user_data_inventory() WHERE NOT column_exists), 0::bigint,
          'every inventory entry names a column that exists');
SELECT is((SELECT category || '/' || erasure_action FROM pulsex.generate_user_data_inventory()
            WHERE table_name = 'users' AND column_name = 'email'),
          'contact/clear', 'users.email is inventoried as contact data cleared on erasure');
SELECT is(
    ARRAY(SELECT format('%s.%s', c.relname, a.attname)
            FROM pg_attribute AS a
            JOIN pg_class AS c ON c.oid = a.attrelid
           WHERE c.relnamespace = 'pulsex'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
             AND a.attnum > 0 AND NOT a.attisdropped
             AND (a.atttypid = 'inet'::regtype
                  OR a.attname IN ('email', 'display_name', 'password_hash', 'token', 'token_hash',
                                   'device_fingerprint', 'user_agent', 'notes'))
          EXCEPT
          SELECT format('%s.%s', table_name, column_name) FROM pulsex.generate_user_data_inventory()
          ORDER BY 1),
    '{}'::text[],
    'every IP address, e-mail, name, secret, device or free-text column is in the inventory');

SELECT * FROM finish();
ROLLBACK;
