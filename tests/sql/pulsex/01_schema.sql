-- Schema rules: the tables exist; RLS is enabled and forced on every user-data table and
-- partition; every table has a comment; every foreign key states a real ON DELETE action;
-- SECURITY DEFINER functions pin search_path; no function is executable by PUBLIC; trigger
-- functions follow tg_<table>__<task>; CHECK constraints reject values outside each
-- enumeration; preferences are validated; e-mail is unique case-insensitively among live
-- accounts; updated_at is maintained.
BEGIN;
SELECT plan(42);

SELECT has_schema('pulsex');
SELECT has_table('pulsex', 'users', 'table users exists');
SELECT has_table('pulsex', 'briefings', 'table briefings exists');
SELECT has_table('pulsex', 'user_feedback', 'table user_feedback exists');
SELECT has_table('pulsex', 'saved_cards', 'table saved_cards exists');
SELECT has_table('pulsex', 'notification_tokens', 'table notification_tokens exists');
SELECT has_table('pulsex', 'sessions', 'table sessions exists');
SELECT has_table('pulsex', 'audit_logs', 'table audit_logs exists');
SELECT has_table('pulsex', 'analytics_events', 'table analytics_events exists');
SELECT has_table('pulsex', 'personal_data_columns', 'table personal_data_columns exists');
SELECT has_materialized_view('pulsex', 'user_activity_summary', 'materialized view user_activity_summary exists');
SELECT hasnt_table('pulsex', 'schema_migrations', 'no schema_migrations table of our own (the runner owns public.schema_migrations)');

SELECT is(
    ARRAY(SELECT c.oid::regclass::text
            FROM pg_class AS c
           WHERE c.relnamespace = 'pulsex'::regnamespace
             AND c.relkind IN ('r', 'p')
             AND c.relname <> 'personal_data_columns'
             AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
           ORDER BY 1),
    '{}'::text[],
    'row-level security is enabled and forced on every user-data table and partition');

SELECT is(
    ARRAY(SELECT c.oid::regclass::text
            FROM pg_class AS c
           WHERE c.relnamespace = 'pulsex'::regnamespace
             AND c.relkind IN ('r', 'p', 'm', 'v')
             AND obj_description(c.oid, 'pg_class') IS NULL
           ORDER BY 1),
    '{}'::text[],
    'every table, partition and view has a comment');

SELECT is(
    ARRAY(SELECT format('%s.%s', con.conrelid::regclass, con.conname)
            FROM pg_constraint AS con
           WHERE con.connamespace = 'pulsex'::regnamespace
             AND con.contype = 'f'
             AND con.confdeltype NOT IN ('c', 'n', 'r')
           ORDER BY 1),
    '{}'::text[],
    'every foreign key says ON DELETE CASCADE, SET NULL or RESTRICT');

SELECT ok((SELECT count(*) FROM pg_constraint WHERE connamespace = 'pulsex'::regnamespace AND contype = 'f') >= 7,
          'the foreign keys to users exist');

SELECT is(
    ARRAY(SELECT p.oid::regprocedure::text
            FROM pg_proc AS p
           WHERE p.pronamespace = 'pulsex'::regnamespace
             AND p.prosecdef
             AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c LIKE 'search_path=%')
           ORDER BY 1),
    '{}'::text[],
    'every SECURITY DEFINER function pins search_path');

SELECT is(
    ARRAY(SELECT p.oid::regprocedure::text
            FROM pg_proc AS p
           CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
           WHERE p.pronamespace = 'pulsex'::regnamespace
             AND a.grantee = 0 AND a.privilege_type = 'EXECUTE'
           ORDER BY 1),
    '{}'::text[],
    'no pulsex function is executable by PUBLIC');

SELECT is(
    ARRAY(SELECT p.proname::text
            FROM pg_proc AS p
           WHERE p.pronamespace = 'pulsex'::regnamespace
             AND p.prorettype = 'trigger'::regtype
             AND p.proname !~ '^tg(_[a-z][a-z0-9_]*)?__[a-z][a-z0-9_]*$'
           ORDER BY 1),
    '{}'::text[],
    'trigger functions are named tg_<table>__<task> (tg__<task> when generic)');

SELECT is(
    ARRAY(SELECT c.oid::regclass::text
            FROM pg_class AS c
           WHERE c.relnamespace = 'pulsex'::regnamespace
             AND c.relkind IN ('r', 'p', 'm', 'v', 'S', 'f')
             AND pg_get_userbyid(c.relowner) <> 'pulsex_migrations'
           ORDER BY 1),
    '{}'::text[],
    'every relation is owned by pulsex_migrations');

-- CHECK constraints on enumerated values
SELECT throws_ok($$UPDATE pulsex.users SET status = 'banned' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'users.status rejects a value outside its list');
SELECT throws_ok($$UPDATE pulsex.users SET role = 'root' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'users.role rejects a value outside its list');
SELECT throws_ok($$UPDATE pulsex.briefings SET status = 'lost' WHERE user_id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'briefings.status rejects a value outside its list');
SELECT throws_ok($$INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type) VALUES ('00000000-0000-4000-8000-000000000002', '2026-10-02', 'c-1', 'love')$$,
                 '23514', NULL, 'user_feedback.feedback_type rejects a value outside its list');
SELECT throws_ok($$INSERT INTO pulsex.notification_tokens (user_id, platform, token) VALUES ('00000000-0000-4000-8000-000000000002', 'blackberry', 'schema-test-token-000001')$$,
                 '23514', NULL, 'notification_tokens.platform rejects a value outside its list');
SELECT throws_ok($$UPDATE pulsex.sessions SET revoked_at = now(), revoke_reason = 'bored' WHERE user_id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'sessions.revoke_reason rejects a value outside its list');
SELECT throws_ok($$INSERT INTO pulsex.analytics_events (user_id, event_type) VALUES ('00000000-0000-4000-8000-000000000002', 'click_bait')$$,
                 '23514', NULL, 'analytics_events.event_type rejects a value outside its list');
SELECT throws_ok($$INSERT INTO pulsex.audit_logs (db_role, table_name, operation) VALUES ('x', 'users', 'TRUNCATE')$$,
                 '23514', NULL, 'audit_logs.operation rejects a value outside its list');

-- preferences are validated by a CHECK
SELECT throws_ok($$UPDATE pulsex.users SET preferences = '{"colour": "blue"}' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'preferences reject an unknown key');
SELECT throws_ok($$UPDATE pulsex.users SET preferences = '{"topics": "science"}' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'preferences.topics must be an array');
SELECT throws_ok($$UPDATE pulsex.users SET preferences = '{"topics": ["science", 3]}' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'preferences.topics must hold strings only');
SELECT throws_ok($$UPDATE pulsex.users SET preferences = '{"briefing_time": "25:00"}' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'preferences.briefing_time must be a valid HH:MM');
SELECT throws_ok($$UPDATE pulsex.users SET preferences = '{"notifications_enabled": "yes"}' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'preferences.notifications_enabled must be a boolean');
SELECT throws_ok($$UPDATE pulsex.users SET preferences = '[]' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'preferences must be an object');
SELECT lives_ok($$UPDATE pulsex.users SET preferences = '{"topics": ["science"], "briefing_time": "06:30", "timezone": "America/Argentina/Buenos_Aires", "language": "pt-BR", "notifications_enabled": false}' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                'complete valid preferences are accepted');

-- cards
SELECT throws_ok($$INSERT INTO pulsex.briefings (user_id, briefing_date, cards) VALUES ('00000000-0000-4000-8000-000000000040', '2026-10-05', '{"id": "c-1"}')$$,
                 '23514', NULL, 'briefings.cards must be an array');
SELECT throws_ok($$INSERT INTO pulsex.briefings (user_id, briefing_date, cards) VALUES ('00000000-0000-4000-8000-000000000040', '2026-10-05', '[{"title": "no id"}]')$$,
                 '23514', NULL, 'every card needs a string id');

-- e-mail: unique case-insensitively among live accounts, free again once the account is deleted
SELECT throws_ok($$INSERT INTO pulsex.users (email, display_name) VALUES ('ADA.LOVELACE@example.COM', 'Ada again')$$,
                 '23505', NULL, 'a live account''s e-mail cannot be reused in another case');
SELECT lives_ok($$INSERT INTO pulsex.users (email, display_name)
                  SELECT upper(email), 'Back again' FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000039'$$,
                'a soft-deleted account''s e-mail can be used for a new account');
SELECT throws_ok($$INSERT INTO pulsex.users (email, display_name) VALUES ('not-an-email', 'X')$$,
                 '23514', NULL, 'e-mail must look like an address');

-- generated weight, maintained updated_at
INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type)
VALUES ('00000000-0000-4000-8000-000000000002', '2026-10-03', 'c-weight', 'hide_source');
SELECT is((SELECT weight FROM pulsex.user_feedback WHERE card_id = 'c-weight'), -5.00::numeric(4,2),
          'feedback weight is derived from its type');

CREATE TEMP TABLE before_update AS
SELECT updated_at FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000003';
UPDATE pulsex.users SET display_name = 'A. M. Turing' WHERE id = '00000000-0000-4000-8000-000000000003';
SELECT ok((SELECT updated_at FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000003')
          > (SELECT updated_at FROM before_update), 'updated_at moves forward on update');

SELECT * FROM finish();
ROLLBACK;
