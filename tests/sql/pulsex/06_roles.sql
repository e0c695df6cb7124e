-- Roles: each of the five group roles can do what the seed's privilege table says and
-- nothing more. pulsex_app: CRUD on user data under RLS, no DDL, no maintenance, no direct
-- partition access, cannot raise its own role. pulsex_analytics: reads every row, writes
-- nothing, no secrets. pulsex_backup: reads everything (BYPASSRLS, partitions too), writes
-- nothing. pulsex_readonly: monitoring only. pulsex_migrations: owns the schema, DDL and
-- maintenance.
BEGIN;
SELECT plan(59);

-- Attributes
SELECT is((SELECT count(*) FROM pg_roles
            WHERE rolname IN ('pulsex_app', 'pulsex_analytics', 'pulsex_migrations', 'pulsex_backup', 'pulsex_readonly')
              AND NOT rolcanlogin AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb),
          5::bigint, 'the five roles exist as NOLOGIN roles without superuser, createrole or createdb');
SELECT is(ARRAY(SELECT rolname::text FROM pg_roles
                 WHERE rolname IN ('pulsex_app', 'pulsex_analytics', 'pulsex_migrations', 'pulsex_backup', 'pulsex_readonly')
                   AND rolbypassrls),
          ARRAY['pulsex_backup'], 'only pulsex_backup bypasses row-level security');
SELECT is((SELECT pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE nspname = 'pulsex'), 'pulsex_migrations',
          'pulsex_migrations owns the schema');
SELECT ok(pg_has_role('pulsex_readonly', 'pg_monitor', 'USAGE'), 'pulsex_readonly has pg_monitor');
SELECT ok(NOT pg_has_role('pulsex_app', 'pulsex_migrations', 'MEMBER') AND NOT pg_has_role('pulsex_app', 'pulsex_backup', 'MEMBER')
          AND NOT pg_has_role('pulsex_analytics', 'pulsex_backup', 'MEMBER'),
          'no role inherits another one''s rights');

-- Row counts as the superuser sees them, to compare with what each role sees
CREATE TEMP TABLE total_rows AS
SELECT ARRAY[(SELECT count(*) FROM pulsex.users), (SELECT count(*) FROM pulsex.briefings),
             (SELECT count(*) FROM pulsex.user_feedback), (SELECT count(*) FROM pulsex.saved_cards),
             (SELECT count(*) FROM pulsex.notification_tokens), (SELECT count(*) FROM pulsex.sessions),
             (SELECT count(*) FROM pulsex.audit_logs), (SELECT count(*) FROM pulsex.analytics_events)] AS counts,
       (SELECT count(*) FROM pulsex.briefings_p202610) AS october_briefings;
GRANT SELECT ON total_rows TO pulsex_analytics, pulsex_backup, pulsex_migrations;
CREATE FUNCTION pg_temp.visible_rows() RETURNS bigint[] LANGUAGE sql VOLATILE AS $$
    SELECT ARRAY[(SELECT count(*) FROM pulsex.users), (SELECT count(*) FROM pulsex.briefings),
                 (SELECT count(*) FROM pulsex.user_feedback), (SELECT count(*) FROM pulsex.saved_cards),
                 (SELECT count(*) FROM pulsex.notification_tokens), (SELECT count(*) FROM pulsex.sessions),
                 (SELECT count(*) FROM pulsex.audit_logs), (SELECT count(*) FROM pulsex.analytics_events)]
$$;

-- pulsex_app
SET LOCAL ROLE pulsex_app;
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000002');
SELECT throws_ok($$CREATE TABLE pulsex.app_table (id int)$$, '42501', NULL, 'app cannot create tables');
SELECT throws_ok($$ALTER TABLE pulsex.users ADD COLUMN nickname text$$, '42501', NULL, 'app cannot alter tables');
SELECT throws_ok($$DROP TABLE pulsex.saved_cards$$, '42501', NULL, 'app cannot drop tables');
SELECT throws_ok($$TRUNCATE pulsex.user_feedback$$, '42501', NULL, 'app cannot truncate tables');
SELECT throws_ok($$CREATE INDEX ON pulsex.briefings (status)$$, '42501', NULL, 'app cannot create indexes');
SELECT throws_ok($$UPDATE pulsex.users SET role = 'admin' WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '42501', NULL, 'app cannot make its own account an admin');
SELECT throws_ok($$UPDATE pulsex.users SET status = 'active', deleted_at = NULL WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '42501', NULL, 'app cannot change account status or deletion columns');
SELECT throws_ok($$SELECT count(*) FROM pulsex.briefings_p202610$$, '42501', NULL, 'app cannot read a partition directly');
SELECT throws_ok($$SELECT count(*) FROM pulsex.user_activity_summary$$, '42501', NULL,
                 'app cannot read the materialized view (no RLS possible there)');
SELECT throws_ok($$SELECT pulsex.create_monthly_partitions('briefings', 3)$$, '42501', NULL, 'app cannot create partitions');
SELECT throws_ok($$SELECT pulsex.cleanup_expired_sessions()$$, '42501', NULL, 'app cannot run session clean-up');
SELECT throws_ok($$SELECT pulsex.schedule_gdpr_cleanup()$$, '42501', NULL, 'app cannot run the erasure job');
SELECT throws_ok($$SELECT pulsex.erase_user_personal_data('00000000-0000-4000-8000-000000000003', 'x')$$, '42501', NULL,
                 'app cannot call the internal erasure function directly');
SELECT throws_ok($$SELECT pulsex.write_audit_log(NULL, 'users', 'UPDATE', NULL, NULL, NULL, NULL)$$, '42501', NULL,
                 'app cannot call the internal audit writer directly');
SELECT throws_ok($$SELECT * FROM pulsex.database_health$$, '42501', NULL, 'app cannot read monitoring views');
SELECT lives_ok($$INSERT INTO pulsex.saved_cards (user_id, card_id, card, tags) VALUES ('00000000-0000-4000-8000-000000000002', 'c-roles-1', '{"title": "t"}', '{tech}')$$,
                'app can create its user''s rows');
SELECT lives_ok($$DELETE FROM pulsex.saved_cards WHERE card_id = 'c-roles-1'$$, 'app can delete its user''s rows');
RESET ROLE;

-- pulsex_analytics
SET LOCAL ROLE pulsex_analytics;
SELECT is(pg_temp.visible_rows(), (SELECT counts FROM total_rows), 'analytics reads every row of every table, without any context');
SELECT lives_ok($$SELECT * FROM pulsex.user_activity_summary$$, 'analytics reads the activity summary');
SELECT lives_ok($$SELECT * FROM pulsex.generate_user_data_inventory()$$, 'analytics reads the GDPR inventory');
SELECT lives_ok($$SELECT * FROM pulsex.database_health$$, 'analytics reads the health view');
SELECT throws_ok($$SELECT password_hash FROM pulsex.users$$, '42501', NULL, 'analytics cannot read password hashes');
SELECT throws_ok($$SELECT token_hash FROM pulsex.sessions$$, '42501', NULL, 'analytics cannot read session token hashes');
SELECT throws_ok($$SELECT token FROM pulsex.notification_tokens$$, '42501', NULL, 'analytics cannot read push tokens');
SELECT throws_ok($$INSERT INTO pulsex.saved_cards (user_id, card_id, card) VALUES ('00000000-0000-4000-8000-000000000002', 'c-x', '{}')$$,
                 '42501', NULL, 'analytics cannot insert');
SELECT throws_ok($$UPDATE pulsex.users SET display_name = 'x'$$, '42501', NULL, 'analytics cannot update');
SELECT throws_ok($$DELETE FROM pulsex.briefings$$, '42501', NULL, 'analytics cannot delete');
SELECT throws_ok($$INSERT INTO pulsex.analytics_events (event_type) VALUES ('app_open')$$, '42501', NULL,
                 'analytics cannot even write analytics events');
SELECT throws_ok($$CREATE TABLE pulsex.analytics_table (id int)$$, '42501', NULL, 'analytics cannot create tables');
SELECT throws_ok($$SELECT pulsex.export_user_data('ada.lovelace@example.com')$$, '42501', NULL, 'analytics cannot export user data');
SELECT throws_ok($$SELECT pulsex.refresh_user_stats()$$, '42501', NULL, 'analytics cannot run maintenance');
RESET ROLE;

-- pulsex_backup
SET LOCAL ROLE pulsex_backup;
SELECT is(pg_temp.visible_rows(), (SELECT counts FROM total_rows), 'backup reads every row of every table (BYPASSRLS)');
SELECT is((SELECT count(*) FROM pulsex.briefings_p202610), (SELECT october_briefings FROM total_rows),
          'backup reads partitions directly, as pg_dump does');
SELECT lives_ok($$SELECT password_hash FROM pulsex.users UNION ALL SELECT encode(token_hash, 'hex') FROM pulsex.sessions
                  UNION ALL SELECT token FROM pulsex.notification_tokens$$, 'backup reads every column, secrets included');
SELECT lives_ok($$SELECT * FROM pulsex.user_activity_summary, pulsex.personal_data_columns LIMIT 1$$,
                'backup reads the materialized view and the inventory');
SELECT is(ARRAY(SELECT c.oid::regclass::text FROM pg_class AS c
                 WHERE c.relnamespace = 'pulsex'::regnamespace
                   AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege('pulsex_backup', c.oid, 'SELECT')
                            ELSE false END  -- CASE: the function raises for anything but a sequence
                 ORDER BY 1),
          '{}'::text[], 'backup reads every sequence (pg_dump needs their values)');
SELECT throws_ok($$INSERT INTO pulsex.users (email) VALUES ('backup@example.com')$$, '42501', NULL, 'backup cannot insert');
SELECT throws_ok($$UPDATE pulsex.briefings SET status = 'failed'$$, '42501', NULL, 'backup cannot update');
SELECT throws_ok($$DELETE FROM pulsex.briefings_p202610$$, '42501', NULL, 'backup cannot delete, even in a partition');
SELECT throws_ok($$CREATE TABLE pulsex.backup_table (id int)$$, '42501', NULL, 'backup cannot create tables');
RESET ROLE;

-- pulsex_readonly
SET LOCAL ROLE pulsex_readonly;
SELECT lives_ok($$SELECT * FROM pulsex.database_health$$, 'readonly reads database_health');
SELECT lives_ok($$SELECT * FROM pulsex.performance_metrics$$, 'readonly reads performance_metrics');
SELECT lives_ok($$SELECT * FROM pulsex.partition_health$$, 'readonly reads partition_health');
SELECT lives_ok($$SELECT * FROM pulsex.monitor_connection_usage()$$, 'readonly runs monitor_connection_usage()');
SELECT lives_ok($$SELECT * FROM pulsex.get_long_running_queries()$$, 'readonly runs get_long_running_queries()');
SELECT throws_ok($$SELECT count(*) FROM pulsex.users$$, '42501', NULL, 'readonly cannot read users');
SELECT throws_ok($$SELECT count(*) FROM pulsex.briefings$$, '42501', NULL, 'readonly cannot read briefings');
SELECT throws_ok($$SELECT count(*) FROM pulsex.user_activity_summary$$, '42501', NULL, 'readonly cannot read per-user statistics');
SELECT throws_ok($$CREATE TABLE pulsex.readonly_table (id int)$$, '42501', NULL, 'readonly cannot create tables');
RESET ROLE;

-- pulsex_migrations
SET LOCAL ROLE pulsex_migrations;
SELECT ok(pg_temp.visible_rows() = (SELECT counts FROM total_rows),
          'migrations, the identity of the maintenance functions, sees every row through its policies');
SELECT lives_ok($$CREATE TABLE pulsex.migrations_probe (id int)$$, 'migrations creates tables in the schema');
SELECT lives_ok($$ALTER TABLE pulsex.saved_cards ADD COLUMN colour text$$, 'migrations alters existing tables (it owns them)');
SELECT lives_ok($$SELECT pulsex.create_monthly_partitions('briefings', 3)$$, 'migrations creates partitions');
SELECT lives_ok($$SELECT pulsex.cleanup_expired_sessions(), pulsex.refresh_user_stats(), pulsex.schedule_gdpr_cleanup()$$,
                'migrations runs the maintenance jobs');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
