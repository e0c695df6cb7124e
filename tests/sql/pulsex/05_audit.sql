-- Audit: changes to users, sessions and notification tokens appear in audit_logs with who
-- (application user, admin flag, database role), what (operation, old and new row, changed
-- columns) and without credentials; no-op and bookkeeping-only updates write nothing; the
-- application can neither write nor alter the trail.
BEGIN;
SELECT plan(17);

CREATE TEMP TABLE audit_mark AS SELECT coalesce(max(id), 0) AS last_id FROM pulsex.audit_logs;
CREATE FUNCTION pg_temp.new_audit(p_table text, p_operation text) RETURNS SETOF pulsex.audit_logs
LANGUAGE sql STABLE AS $$
    SELECT * FROM pulsex.audit_logs
     WHERE id > (SELECT last_id FROM audit_mark) AND table_name = p_table AND operation = p_operation
     ORDER BY id
$$;

SET LOCAL ROLE pulsex_app;
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000002');

-- UPDATE of the user's own row
UPDATE pulsex.users SET display_name = 'Augusta Ada King', password_hash = 'new-hash'
 WHERE id = '00000000-0000-4000-8000-000000000002';
-- an update that changes nothing, and a session heartbeat: no audit rows
UPDATE pulsex.users SET display_name = display_name WHERE id = '00000000-0000-4000-8000-000000000002';
UPDATE pulsex.sessions SET last_seen_at = now() WHERE user_id = '00000000-0000-4000-8000-000000000002';
-- a new session, a revoked session, a new and a removed push token
INSERT INTO pulsex.sessions (user_id, token_hash, ip_address, expires_at)
VALUES ('00000000-0000-4000-8000-000000000002', sha256('audit-test'), '192.0.2.7', now() + interval '30 days');
UPDATE pulsex.sessions SET revoked_at = now(), revoke_reason = 'logout'
 WHERE user_id = '00000000-0000-4000-8000-000000000002' AND token_hash = sha256(convert_to('seed-session-02-2', 'UTF8'));
INSERT INTO pulsex.notification_tokens (user_id, platform, token)
VALUES ('00000000-0000-4000-8000-000000000002', 'web', 'audit-test-token-00000000001');
DELETE FROM pulsex.notification_tokens WHERE token = 'audit-test-token-00000000001';

SELECT throws_ok($$INSERT INTO pulsex.audit_logs (db_role, table_name, operation) VALUES ('pulsex_app', 'users', 'UPDATE')$$,
                 '42501', NULL, 'the application cannot write audit rows itself');
SELECT throws_ok($$DELETE FROM pulsex.audit_logs WHERE subject_user_id = '00000000-0000-4000-8000-000000000002'$$,
                 '42501', NULL, 'the application cannot delete audit rows');
RESET ROLE;

SELECT is((SELECT count(*) FROM pg_temp.new_audit('users', 'UPDATE')), 1::bigint,
          'one audit row for the real update, none for the no-op update');
SELECT ok((SELECT subject_user_id = '00000000-0000-4000-8000-000000000002'
                  AND actor_user_id = '00000000-0000-4000-8000-000000000002'
                  AND NOT actor_is_admin AND db_role = 'pulsex_app' AND db_session_user = session_user
             FROM pg_temp.new_audit('users', 'UPDATE')),
          'the audit row records the subject, the acting user and the database role');
SELECT ok((SELECT old_data ->> 'display_name' = 'Ada Lovelace' AND new_data ->> 'display_name' = 'Augusta Ada King'
             FROM pg_temp.new_audit('users', 'UPDATE')),
          'the audit row holds the old and the new value');
SELECT is((SELECT changed_columns FROM pg_temp.new_audit('users', 'UPDATE')),
          ARRAY['display_name', 'password_hash'], 'changed_columns lists what changed, bookkeeping (updated_at) left out');
SELECT ok((SELECT NOT (old_data ? 'password_hash') AND NOT (new_data ? 'password_hash')
             FROM pg_temp.new_audit('users', 'UPDATE')),
          'the password hash is not copied into the audit trail');
SELECT is((SELECT count(*) FROM pg_temp.new_audit('sessions', 'INSERT')), 1::bigint, 'a new session is audited');
SELECT ok((SELECT NOT (new_data ? 'token_hash') AND new_data ->> 'ip_address' = '192.0.2.7'
             FROM pg_temp.new_audit('sessions', 'INSERT')),
          'the session audit row has the IP address but not the token hash');
SELECT is((SELECT count(*) FROM pg_temp.new_audit('sessions', 'UPDATE')), 1::bigint,
          'the revocation is audited, the last_seen_at heartbeat is not');
SELECT is((SELECT changed_columns FROM pg_temp.new_audit('sessions', 'UPDATE')), ARRAY['revoke_reason', 'revoked_at'],
          'the revocation audit row names the changed columns');
SELECT is((SELECT count(*) FROM pg_temp.new_audit('notification_tokens', 'INSERT')), 1::bigint, 'a new push token is audited');
SELECT ok((SELECT old_data ->> 'platform' = 'web' AND NOT (old_data ? 'token') FROM pg_temp.new_audit('notification_tokens', 'DELETE')),
          'a removed push token is audited, without the token itself');

-- admin actions and jobs are attributed too
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000001', true);
UPDATE pulsex.users SET display_name = 'Alan M. Turing' WHERE id = '00000000-0000-4000-8000-000000000003';
SELECT ok((SELECT actor_user_id = '00000000-0000-4000-8000-000000000001' AND actor_is_admin
                  AND subject_user_id = '00000000-0000-4000-8000-000000000003'
             FROM pg_temp.new_audit('users', 'UPDATE') WHERE subject_user_id = '00000000-0000-4000-8000-000000000003'),
          'a change under admin override is attributed to the admin');
INSERT INTO pulsex.users (id, email, display_name) VALUES ('00000000-0000-4000-8000-0000000000aa', 'new.user@example.com', 'New User');
SELECT ok((SELECT new_data ->> 'email' = 'new.user@example.com' AND old_data IS NULL
             FROM pg_temp.new_audit('users', 'INSERT')),
          'a new account is audited with its row');
DELETE FROM pulsex.users WHERE id = '00000000-0000-4000-8000-0000000000aa';
SELECT ok((SELECT old_data ->> 'email' = 'new.user@example.com' AND new_data IS NULL
                  AND subject_user_id = '00000000-0000-4000-8000-0000000000aa'
             FROM pg_temp.new_audit('users', 'DELETE')),
          'a deleted account is audited with its last row (the log has no foreign key to users)');
SELECT is((SELECT db_role FROM pg_temp.new_audit('users', 'DELETE')), session_user::text,
          'without SET ROLE the login role is recorded');

SELECT * FROM finish();
ROLLBACK;
