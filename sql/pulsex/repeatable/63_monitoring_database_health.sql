-- What: the view database_health: one row per health metric with its value, unit, alert
--       threshold, status and an explanation.
-- Why: the seed's dashboard and alert thresholds in one query: cache hit rate below 95%,
--      connections above 80% of capacity, replication lag above 10 s, plus what a DBA of this
--      schema also needs to see: long statements and idle transactions, wraparound age, and
--      the partition checks of partition_status().

CREATE OR REPLACE VIEW pulsex.database_health AS
WITH db AS (
    SELECT d.blks_hit, d.blks_read, d.deadlocks, d.temp_bytes
      FROM pg_stat_database AS d
     WHERE d.datname = current_database()),
conn AS (
    SELECT count(*) FILTER (WHERE a.backend_type = 'client backend') AS used,
           max(extract(epoch FROM statement_timestamp() - a.query_start))
               FILTER (WHERE a.state = 'active' AND a.backend_type = 'client backend'
                       AND a.pid <> pg_backend_pid()) AS longest_active_s,
           max(extract(epoch FROM statement_timestamp() - a.xact_start))
               FILTER (WHERE a.state LIKE 'idle in transaction%') AS longest_idle_tx_s
      FROM pg_stat_activity AS a),
repl AS (
    SELECT CASE WHEN pg_is_in_recovery()
                THEN extract(epoch FROM statement_timestamp() - pg_last_xact_replay_timestamp())
                ELSE (SELECT max(extract(epoch FROM r.replay_lag)) FROM pg_stat_replication AS r)
           END AS lag_s),
parts AS (
    SELECT sum(p.rows_in_default) AS rows_in_default, min(p.months_ahead) AS months_ahead
      FROM pulsex.partition_status() AS p),
metrics (metric, value, unit, threshold, bad_when, detail) AS (
    SELECT 'cache_hit_ratio',
           round(100.0 * db.blks_hit / NULLIF(db.blks_hit + db.blks_read, 0), 2),
           'percent', 95::numeric, 'below',
           'shared buffer hits among block reads of this database since the statistics reset'
      FROM db
    UNION ALL
    SELECT 'connection_usage',
           round(100.0 * conn.used / (current_setting('max_connections')::integer
                                      - current_setting('superuser_reserved_connections')::integer), 1),
           'percent', 80, 'above',
           format('%s client connections of max_connections %s minus the superuser reserve',
                  conn.used, current_setting('max_connections'))
      FROM conn
    UNION ALL
    SELECT 'longest_running_statement', round(coalesce(conn.longest_active_s, 0)::numeric, 1),
           'seconds', 5, 'above', 'longest active statement of another session (server-wide)'
      FROM conn
    UNION ALL
    SELECT 'longest_idle_transaction', round(coalesce(conn.longest_idle_tx_s, 0)::numeric, 1),
           'seconds', 60, 'above', 'oldest transaction left idle (holds locks and blocks vacuum)'
      FROM conn
    UNION ALL
    SELECT 'replication_lag', round(repl.lag_s::numeric, 1), 'seconds', 10, 'above',
           CASE WHEN repl.lag_s IS NULL THEN 'no standby connected (nothing to measure)'
                WHEN pg_is_in_recovery() THEN 'this server is a standby: age of the last replayed transaction'
                ELSE 'largest replay lag among connected standbys' END
      FROM repl
    UNION ALL
    SELECT 'transaction_id_age', age(d.datfrozenxid)::numeric, 'transactions', 500000000, 'above',
           'age of the oldest unfrozen transaction id (autovacuum must keep it far from 2^31)'
      FROM pg_database AS d WHERE d.datname = current_database()
    UNION ALL
    SELECT 'deadlocks', db.deadlocks::numeric, 'count', 0, 'above',
           'deadlocks detected in this database since the statistics reset'
      FROM db
    UNION ALL
    SELECT 'rows_in_default_partitions', coalesce(parts.rows_in_default, 0)::numeric, 'rows', 0, 'above',
           'rows that fell into a default partition (see pulsex.partition_health)'
      FROM parts
    UNION ALL
    SELECT 'partition_months_ahead', parts.months_ahead::numeric, 'months', 2, 'below',
           'smallest number of future months with partitions (see pulsex.partition_health)'
      FROM parts
    UNION ALL
    SELECT 'database_size', pg_database_size(current_database())::numeric, 'bytes', NULL, NULL,
           pg_size_pretty(pg_database_size(current_database())))
SELECT m.metric, m.value, m.unit, m.threshold,
       CASE
           WHEN m.bad_when IS NULL THEN 'info'
           WHEN m.value IS NULL THEN 'ok'
           WHEN m.bad_when = 'above' AND m.value > m.threshold THEN 'warning'
           WHEN m.bad_when = 'below' AND m.value < m.threshold THEN 'warning'
           ELSE 'ok'
       END AS status,
       m.detail
  FROM metrics AS m;

COMMENT ON VIEW pulsex.database_health IS
    'Health dashboard: metric, value, unit, threshold, status (ok, warning, info) and detail.';

ALTER VIEW pulsex.database_health OWNER TO pulsex_migrations;
GRANT SELECT ON pulsex.database_health TO pulsex_readonly, pulsex_analytics;
