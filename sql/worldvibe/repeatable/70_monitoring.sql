-- What: health and metrics:
--         worldvibe.health() -> jsonb     the database part of the seed's /api/health answer
--         worldvibe.metrics()             the seed's metrics, as rows (metric, labels, value, help)
--         worldvibe.v_metrics             the same as a view
--         worldvibe.v_partitions          every partition of check_ins and events with bounds and size
-- Why: the seed exposes {"status": "up", "pool": {totalConnections, idleConnections,
--      activeConnections, waitingClients}} and Prometheus metrics (operations, query duration,
--      errors, pool). Server-side, the "pool" is the set of client connections to this database
--      (pg_stat_activity), "waiting clients" are the connections waiting for a lock. health()
--      adds what this database needs watched: partition runway, rows in the default partitions,
--      rollup backlog; status is "degraded" when one of them is off. SECURITY DEFINER as
--      worldvibe_owner, a member of pg_read_all_stats: the caller sees the state of every
--      connection, not only its own, and the counts of tables it has no privilege on.

CREATE OR REPLACE FUNCTION worldvibe.health()
RETURNS jsonb
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH pool AS (
        SELECT count(*) AS total,
               count(*) FILTER (WHERE a.state = 'idle') AS idle,
               count(*) FILTER (WHERE a.state = 'active') AS active,
               count(*) FILTER (WHERE a.state LIKE 'idle in transaction%') AS idle_in_transaction,
               count(*) FILTER (WHERE a.wait_event_type = 'Lock') AS waiting
          FROM pg_stat_activity AS a
         WHERE a.datname = current_database() AND a.backend_type = 'client backend'
    ), runway AS (
        SELECT p.parent, extract(epoch FROM max(b.upper_bound) - now()) / 86400 AS days
          FROM unnest(ARRAY['worldvibe.check_ins'::regclass, 'worldvibe.events'::regclass]) AS p (parent)
          LEFT JOIN LATERAL worldvibe.partition_bounds(p.parent) AS b ON NOT b.is_default
         GROUP BY p.parent
    ), defaults AS (  -- capped: health must stay cheap even if a default partition filled up
        SELECT (SELECT count(*) FROM (SELECT 1 FROM worldvibe.check_ins_default LIMIT 1000) AS x) AS check_ins,
               (SELECT count(*) FROM (SELECT 1 FROM worldvibe.events_default LIMIT 1000) AS x) AS events
    ), rollups AS (
        SELECT count(DISTINCT i.bucket) AS pending_hours,
               coalesce(extract(epoch FROM now() - min(i.logged_at)), 0) AS lag_seconds
          FROM worldvibe.rollup_invalidations AS i
    ), verdict AS (
        SELECT coalesce((SELECT bool_and(r.days >= 1) FROM runway AS r), false)
               AND d.check_ins = 0 AND d.events = 0
               AND (SELECT ro.lag_seconds < 3600 FROM rollups AS ro) AS healthy
          FROM defaults AS d
    )
    SELECT jsonb_build_object(
               'status', CASE WHEN v.healthy THEN 'up' ELSE 'degraded' END,
               'healthy', v.healthy,
               'pool', jsonb_build_object(
                   'totalConnections', p.total,
                   'idleConnections', p.idle,
                   'activeConnections', p.active,
                   'idleInTransactionConnections', p.idle_in_transaction,
                   'waitingClients', p.waiting,
                   'maxConnections', current_setting('max_connections')::integer),
               'checks', jsonb_build_object(
                   'partitionRunwayDays', (SELECT jsonb_object_agg(r.parent::text, round(r.days::numeric, 2)) FROM runway AS r),
                   'defaultPartitionRows', jsonb_build_object('check_ins', d.check_ins, 'events', d.events),
                   'rollupPendingHours', ro.pending_hours,
                   'rollupLagSeconds', round(ro.lag_seconds::numeric, 1)),
               'timestamp', now())
      FROM pool AS p, defaults AS d, rollups AS ro, verdict AS v
$$;

COMMENT ON FUNCTION worldvibe.health() IS
    'The database part of the seed''s health answer: {"status": "up"|"degraded", "healthy", '
    '"pool": {totalConnections, idleConnections, activeConnections, idleInTransactionConnections, '
    'waitingClients, maxConnections}, "checks": {partitionRunwayDays, defaultPartitionRows (capped '
    'at 1000), rollupPendingHours, rollupLagSeconds}, "timestamp"}. Degraded when a table has less '
    'than one day of partitions ahead, a default partition holds rows, or the rollups lag an hour.';

CREATE OR REPLACE FUNCTION worldvibe.metrics()
RETURNS TABLE (metric text, labels jsonb, value double precision, help text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH db AS (
        SELECT * FROM pg_stat_database WHERE datname = current_database()
    ), conns AS (
        SELECT a.state, a.wait_event_type
          FROM pg_stat_activity AS a
         WHERE a.datname = current_database() AND a.backend_type = 'client backend'
    ), parts AS (
        SELECT p.parent, b.partition_table, b.upper_bound, b.is_default
          FROM unnest(ARRAY['worldvibe.check_ins'::regclass, 'worldvibe.events'::regclass]) AS p (parent)
         CROSS JOIN LATERAL worldvibe.partition_bounds(p.parent) AS b
    )
    SELECT 'worldvibe_db_operations_total', jsonb_build_object('outcome', o.outcome), o.n::double precision,
           'Transactions ended in this database since the statistics reset (seed: prisma_operations_total)'
      FROM db CROSS JOIN LATERAL (VALUES ('commit', db.xact_commit), ('rollback', db.xact_rollback)) AS o (outcome, n)
    UNION ALL
    SELECT 'worldvibe_db_rows_total', jsonb_build_object('operation', o.op), o.n::double precision,
           'Rows read and written in this database'
      FROM db CROSS JOIN LATERAL (VALUES ('returned', db.tup_returned), ('fetched', db.tup_fetched),
                                         ('inserted', db.tup_inserted), ('updated', db.tup_updated),
                                         ('deleted', db.tup_deleted)) AS o (op, n)
    UNION ALL
    SELECT 'worldvibe_db_query_active_seconds_total', '{}'::jsonb, db.active_time / 1000,
           'Time spent executing statements (seed: prisma_query_duration, sum part; no histogram server-side)'
      FROM db
    UNION ALL
    SELECT 'worldvibe_db_transaction_active_seconds_avg', '{}'::jsonb,
           db.active_time / 1000 / nullif(db.xact_commit + db.xact_rollback, 0),
           'Average statement-execution time per transaction (seed: prisma_query_duration, mean)'
      FROM db
    UNION ALL
    SELECT 'worldvibe_db_errors_total', jsonb_build_object('kind', o.kind), o.n::double precision,
           'Failures in this database (seed: prisma_errors)'
      FROM db CROSS JOIN LATERAL (VALUES ('rollback', db.xact_rollback), ('deadlock', db.deadlocks),
                                         ('recovery_conflict', db.conflicts),
                                         ('session_abandoned', db.sessions_abandoned),
                                         ('session_fatal', db.sessions_fatal),
                                         ('session_killed', db.sessions_killed),
                                         ('checksum_failure', coalesce(db.checksum_failures, 0))) AS o (kind, n)
    UNION ALL
    SELECT 'worldvibe_db_pool_connections', jsonb_build_object('state', s.state),
           (SELECT count(*) FROM conns AS c WHERE c.state = s.state)::double precision,
           'Client connections to this database by state (seed: prisma_pool_*)'
      FROM (VALUES ('active'), ('idle'), ('idle in transaction'), ('idle in transaction (aborted)')) AS s (state)
    UNION ALL
    SELECT 'worldvibe_db_pool_waiting_clients', '{}'::jsonb,
           (SELECT count(*) FROM conns AS c WHERE c.wait_event_type = 'Lock')::double precision,
           'Client connections waiting for a lock (seed: waitingClients)'
    UNION ALL
    SELECT 'worldvibe_db_pool_max_connections', '{}'::jsonb, current_setting('max_connections')::double precision,
           'Server connection limit (all databases)'
    UNION ALL
    SELECT 'worldvibe_partition_runway_days', jsonb_build_object('table', p.parent::text),
           extract(epoch FROM max(p.upper_bound) - now()) / 86400,
           'Days until the last partition ends (below 1: maintenance is late)'
      FROM parts AS p WHERE NOT p.is_default GROUP BY p.parent
    UNION ALL
    SELECT 'worldvibe_partitions', jsonb_build_object('table', p.parent::text), count(*)::double precision,
           'Daily partitions (without the default partition)'
      FROM parts AS p WHERE NOT p.is_default GROUP BY p.parent
    UNION ALL
    SELECT 'worldvibe_default_partition_rows', jsonb_build_object('table', 'worldvibe.check_ins'),
           (SELECT count(*) FROM worldvibe.check_ins_default)::double precision,
           'Rows waiting in the default partition (should be 0)'
    UNION ALL
    SELECT 'worldvibe_default_partition_rows', jsonb_build_object('table', 'worldvibe.events'),
           (SELECT count(*) FROM worldvibe.events_default)::double precision,
           'Rows waiting in the default partition (should be 0)'
    UNION ALL
    SELECT 'worldvibe_estimated_rows', jsonb_build_object('table', p.parent::text),
           sum(greatest(c.reltuples, 0))::double precision,
           'Rows in the table, from the planner statistics'
      FROM parts AS p JOIN pg_class AS c ON c.oid = p.partition_table GROUP BY p.parent
    UNION ALL
    SELECT 'worldvibe_rollup_pending_hours', '{}'::jsonb, count(DISTINCT i.bucket)::double precision,
           'Hours invalidated and not yet refreshed'
      FROM worldvibe.rollup_invalidations AS i
    UNION ALL
    SELECT 'worldvibe_rollup_lag_seconds', '{}'::jsonb,
           coalesce(extract(epoch FROM now() - min(i.logged_at)), 0)::double precision,
           'Age of the oldest unrefreshed invalidation (0 when up to date)'
      FROM worldvibe.rollup_invalidations AS i
    UNION ALL
    SELECT 'worldvibe_rate_limit_windows', '{}'::jsonb, count(*)::double precision,
           'Rate-limit windows stored (expired ones are purged by maintenance)'
      FROM worldvibe.rate_limits
$$;

COMMENT ON FUNCTION worldvibe.metrics() IS
    'The metrics of the seed, server-side, one row per Prometheus sample: operations, rows, query '
    'time, errors, connection pool, and the WorldVibe-specific partition runway, default-partition '
    'rows, table sizes, rollup backlog and rate-limit windows.';

DROP VIEW IF EXISTS worldvibe.v_metrics;
CREATE VIEW worldvibe.v_metrics AS
SELECT m.metric, m.labels, m.value, m.help FROM worldvibe.metrics() AS m;

COMMENT ON VIEW worldvibe.v_metrics IS 'worldvibe.metrics() as a view, for scrapers that run a fixed SELECT.';

DROP VIEW IF EXISTS worldvibe.v_partitions;
CREATE VIEW worldvibe.v_partitions AS
SELECT p.parent,
       b.partition_table,
       b.lower_bound,
       b.upper_bound,
       b.is_default,
       greatest(c.reltuples, 0)::bigint AS estimated_rows,
       pg_catalog.pg_total_relation_size(b.partition_table) AS total_bytes
  FROM unnest(ARRAY['worldvibe.check_ins'::regclass, 'worldvibe.events'::regclass]) AS p (parent)
 CROSS JOIN LATERAL worldvibe.partition_bounds(p.parent) AS b
  JOIN pg_catalog.pg_class AS c ON c.oid = b.partition_table;

COMMENT ON VIEW worldvibe.v_partitions IS
    'Every partition of check_ins and events: bounds (NULL for the default partition), estimated '
    'rows (planner statistics) and size on disk.';

ALTER FUNCTION worldvibe.health() OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.metrics() OWNER TO worldvibe_owner;
ALTER VIEW worldvibe.v_metrics OWNER TO worldvibe_owner;
ALTER VIEW worldvibe.v_partitions OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.health() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.metrics() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.health() TO worldvibe_monitor, worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.metrics() TO worldvibe_monitor;
GRANT SELECT ON worldvibe.v_metrics TO worldvibe_monitor;
GRANT SELECT ON worldvibe.v_partitions TO worldvibe_monitor, worldvibe_maintenance;
