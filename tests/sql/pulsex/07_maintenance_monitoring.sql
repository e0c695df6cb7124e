-- Maintenance and monitoring: cleanup_expired_sessions() removes exactly the expired (and
-- long-revoked) sessions and says how many; refresh_user_stats() refreshes the materialized
-- view concurrently; database_health, partition_health, performance_metrics (with its
-- fallback when pg_stat_statements is absent or not loaded) and monitor_connection_usage()
-- report what they promise. (Detection of a long-running query from another session is in
-- tests/db/test_pulsex.py: it needs two connections.)
BEGIN;
SELECT plan(16);

-- cleanup_expired_sessions
INSERT INTO pulsex.sessions (user_id, token_hash, created_at, expires_at, revoked_at, revoke_reason)
VALUES ('00000000-0000-4000-8000-000000000002', sha256('old-revoked'), now() - interval '60 days',
        now() + interval '1 year', now() - interval '45 days', 'logout'),
       ('00000000-0000-4000-8000-000000000002', sha256('recent-revoked'), now() - interval '2 days',
        now() + interval '1 year', now() - interval '1 day', 'logout');
CREATE TEMP TABLE sessions_before AS
SELECT count(*) FILTER (WHERE expires_at < now() OR revoked_at < now() - interval '30 days') AS removable,
       count(*) FILTER (WHERE NOT (expires_at < now() OR coalesce(revoked_at < now() - interval '30 days', false))) AS kept
  FROM pulsex.sessions;
SELECT ok((SELECT removable > 1 AND kept > 1 FROM sessions_before), 'precondition: there are expired and live sessions');
SELECT is(pulsex.cleanup_expired_sessions(), (SELECT removable::integer FROM sessions_before),
          'cleanup_expired_sessions returns how many sessions it removed');
SELECT is((SELECT count(*) FROM pulsex.sessions WHERE expires_at < now()), 0::bigint, 'no expired session is left');
SELECT ok(NOT EXISTS (SELECT 1 FROM pulsex.sessions WHERE token_hash = sha256('old-revoked'))
          AND EXISTS (SELECT 1 FROM pulsex.sessions WHERE token_hash = sha256('recent-revoked')),
          'sessions revoked over 30 days ago go, recently revoked ones stay');
SELECT is((SELECT count(*) FROM pulsex.sessions), (SELECT kept FROM sessions_before), 'live sessions are kept');
SELECT is(pulsex.cleanup_expired_sessions(), 0, 'a second run removes nothing');

-- refresh_user_stats
SELECT is(pulsex.refresh_user_stats(), (SELECT count(*) FROM pulsex.users), 'refresh_user_stats returns one row per account');
SELECT is((SELECT feedback_total FROM pulsex.user_activity_summary WHERE user_id = '00000000-0000-4000-8000-000000000002'),
          (SELECT count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000002'),
          'the summary counts A''s feedback');
INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type)
VALUES ('00000000-0000-4000-8000-000000000002', '2026-10-20', 'c-refresh', 'share');
SELECT pulsex.refresh_user_stats();
SELECT is((SELECT feedback_total FROM pulsex.user_activity_summary WHERE user_id = '00000000-0000-4000-8000-000000000002'),
          (SELECT count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000002'),
          'after a new event and a refresh the summary has caught up');

-- monitoring views
SELECT is(ARRAY(SELECT metric FROM pulsex.database_health ORDER BY metric),
          ARRAY['cache_hit_ratio', 'connection_usage', 'database_size', 'deadlocks', 'longest_idle_transaction',
                'longest_running_statement', 'partition_months_ahead', 'replication_lag', 'rows_in_default_partitions',
                'transaction_id_age'],
          'database_health reports every metric');
SELECT is((SELECT count(*) FROM pulsex.database_health WHERE status NOT IN ('ok', 'warning', 'info')), 0::bigint,
          'database_health statuses are ok, warning or info');
SELECT is(ARRAY(SELECT table_name || ':' || status FROM pulsex.partition_health ORDER BY 1),
          ARRAY['analytics_events:ok', 'audit_logs:ok', 'briefings:ok'],
          'partition_health is ok for the three partitioned tables after migration');

DROP EXTENSION IF EXISTS pg_stat_statements;  -- rolled back with the test
SELECT ok((SELECT bool_and(source = 'fallback: pg_stat_user_tables' AND note LIKE '%not installed%') AND count(*) > 0
                 FROM pulsex.performance_metrics),
          'without pg_stat_statements, performance_metrics says so and falls back to table statistics');
CREATE EXTENSION pg_stat_statements;
SELECT ok(CASE WHEN current_setting('shared_preload_libraries') ~ 'pg_stat_statements'
               THEN (SELECT bool_and(source = 'pg_stat_statements') FROM pulsex.performance_metrics)
               ELSE (SELECT bool_and(source LIKE 'fallback%' AND note LIKE '%not loaded%') FROM pulsex.performance_metrics)
          END,
          'with the extension created, performance_metrics uses it if it is loaded, else says it is not loaded');

DO $$
BEGIN
    EXECUTE format('ALTER ROLE %I CONNECTION LIMIT 50', session_user);
END
$$;
SELECT ok((SELECT connections >= 1 FROM pulsex.monitor_connection_usage() WHERE scope = 'server'),
          'monitor_connection_usage counts this connection');
SELECT is((SELECT connection_limit FROM pulsex.monitor_connection_usage() WHERE scope = 'role' AND name = session_user),
          50, 'monitor_connection_usage shows a role''s CONNECTION LIMIT');

SELECT * FROM finish();
ROLLBACK;
