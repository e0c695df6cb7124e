-- What: the seed document's monitoring queries as views in analytics: slow_statements,
--       index_usage, table_sizes (and analytics.statement_stats(), which slow_statements
--       reads).
-- Why:  the seed's queries did not run as written on PostgreSQL 15: pg_stat_statements
--       renamed mean_time/total_time to mean_exec_time/total_exec_time (PostgreSQL 13),
--       pg_stat_user_indexes has relname/indexrelname, not tablename/indexname, and
--       schemaname||'.'||tablename breaks on names that need quoting. pg_stat_statements is
--       an optional extension that must also be preloaded: statement_stats() looks for it
--       and returns no rows (instead of failing) when it is missing, so these views never
--       depend on it. The views are security_invoker: statistics visibility follows the
--       caller's own rights (grant pg_read_all_stats to see other roles' query texts).

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION analytics.statement_stats(p_limit integer DEFAULT 50)
RETURNS TABLE (query text, calls bigint, mean_exec_ms double precision, total_exec_ms double precision, rows bigint)
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
  v_schema name;
BEGIN
  SELECT n.nspname INTO v_schema
    FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_stat_statements';
  IF v_schema IS NULL
     OR NOT 'pg_stat_statements' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT s.query, s.calls, s.mean_exec_time, s.total_exec_time, s.rows
       FROM %I.pg_stat_statements s
      WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
      ORDER BY s.mean_exec_time DESC
      LIMIT $1', v_schema)
    USING p_limit;
END
$$;

COMMENT ON FUNCTION analytics.statement_stats(integer) IS
  'Slowest statements of this database by mean execution time, from pg_stat_statements when installed and preloaded; no rows otherwise.';

CREATE OR REPLACE VIEW analytics.slow_statements
WITH (security_invoker = true)
AS
SELECT s.query, s.calls, round(s.mean_exec_ms::numeric, 3) AS mean_exec_ms,
       round(s.total_exec_ms::numeric, 3) AS total_exec_ms, s.rows
  FROM analytics.statement_stats(50) AS s;

COMMENT ON VIEW analytics.slow_statements IS
  'The 50 statements of this database with the highest mean execution time (needs pg_stat_statements; empty without it).';

CREATE OR REPLACE VIEW analytics.index_usage
WITH (security_invoker = true)
AS
SELECT s.schemaname AS schema_name,
       s.relname AS table_name,
       s.indexrelname AS index_name,
       s.idx_scan,
       s.idx_tup_read,
       s.idx_tup_fetch,
       pg_relation_size(s.indexrelid) AS index_bytes,
       pg_size_pretty(pg_relation_size(s.indexrelid)) AS index_size
  FROM pg_catalog.pg_stat_user_indexes s
 WHERE s.schemaname IN ('user_management', 'course_management', 'content_management', 'gamification',
                        'assessment', 'social', 'analytics')
 ORDER BY s.idx_scan DESC, s.schemaname, s.relname, s.indexrelname;

COMMENT ON VIEW analytics.index_usage IS
  'Scans and tuples read per index of the seven e-learning schemas, most used first (unused indexes sort last).';

CREATE OR REPLACE VIEW analytics.table_sizes
WITH (security_invoker = true)
AS
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       CASE c.relkind WHEN 'p' THEN 'partitioned' ELSE 'table' END AS kind,
       t.total_bytes,
       pg_size_pretty(t.total_bytes) AS total_size,
       c.reltuples::bigint AS estimated_rows
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL (
    SELECT CASE WHEN c.relkind = 'p'
                THEN (SELECT coalesce(sum(pg_total_relation_size(pt.relid)), 0)::bigint
                        FROM pg_partition_tree(c.oid) AS pt WHERE pt.isleaf)
                ELSE pg_total_relation_size(c.oid) END AS total_bytes
  ) AS t
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                     'assessment', 'social', 'analytics')
 ORDER BY t.total_bytes DESC, n.nspname, c.relname;

COMMENT ON VIEW analytics.table_sizes IS
  'Total size (heap, indexes, TOAST; a partitioned table counts its partitions) per table of the seven schemas, largest first.';

REVOKE EXECUTE ON FUNCTION analytics.statement_stats(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics.statement_stats(integer) TO learning_reporting;
GRANT SELECT ON analytics.slow_statements, analytics.index_usage, analytics.table_sizes TO learning_reporting;

RESET ROLE;
