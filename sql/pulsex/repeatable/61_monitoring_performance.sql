-- What: get_performance_metrics(limit) and the view performance_metrics.
-- Why: the slowest statements of this database from pg_stat_statements when that extension is
--      installed here and loaded (shared_preload_libraries); otherwise a clearly labelled
--      fallback from the table access statistics, with a note saying what to install. The
--      extension is optional, so it is reached through dynamic SQL: a view cannot name a
--      relation that may not exist.

CREATE OR REPLACE FUNCTION pulsex.get_performance_metrics(p_limit integer DEFAULT 50)
RETURNS TABLE (
    source        text,
    query_id      bigint,
    query         text,
    calls         bigint,
    total_exec_ms double precision,
    mean_exec_ms  double precision,
    rows          bigint,
    cache_hit_pct numeric,
    note          text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_schema name;
    v_note   text;
BEGIN
    SELECT n.nspname INTO v_schema
      FROM pg_extension AS e
      JOIN pg_namespace AS n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_stat_statements';

    IF v_schema IS NOT NULL THEN
        BEGIN
            RETURN QUERY EXECUTE format(
                'SELECT ''pg_stat_statements''::text, s.queryid, s.query, s.calls, '
                '       s.total_exec_time, s.mean_exec_time, s.rows, '
                '       round(100.0 * s.shared_blks_hit / nullif(s.shared_blks_hit + s.shared_blks_read, 0), 2), '
                '       CASE WHEN s.mean_exec_time > 100 THEN ''mean above the 100 ms alert threshold'' END '
                '  FROM %I.pg_stat_statements AS s '
                ' WHERE s.dbid = (SELECT d.oid FROM pg_database AS d WHERE d.datname = current_database()) '
                ' ORDER BY s.total_exec_time DESC '
                ' LIMIT $1', v_schema)
              USING p_limit;
            RETURN;
        EXCEPTION
            WHEN object_not_in_prerequisite_state THEN
                v_note := 'pg_stat_statements is installed but not loaded: add it to '
                          'shared_preload_libraries and restart';
        END;
    ELSE
        v_note := 'pg_stat_statements is not installed in this database: add it to '
                  'shared_preload_libraries, restart, CREATE EXTENSION pg_stat_statements';
    END IF;

    RETURN QUERY
        SELECT 'fallback: pg_stat_user_tables'::text,
               NULL::bigint,
               format('table %I.%I (seq scans %s, index scans %s)', t.schemaname, t.relname,
                      t.seq_scan, coalesce(t.idx_scan, 0)),
               t.seq_scan + coalesce(t.idx_scan, 0),
               NULL::double precision,
               NULL::double precision,
               t.seq_tup_read + coalesce(t.idx_tup_fetch, 0),
               round(100.0 * io.heap_blks_hit / nullif(io.heap_blks_hit + io.heap_blks_read, 0), 2),
               v_note
          FROM pg_stat_user_tables AS t
          JOIN pg_statio_user_tables AS io ON io.relid = t.relid
         WHERE t.schemaname = 'pulsex'
         ORDER BY t.seq_tup_read + coalesce(t.idx_tup_fetch, 0) DESC
         LIMIT p_limit;
END
$$;

COMMENT ON FUNCTION pulsex.get_performance_metrics(integer) IS
    'Top statements of this database by total time from pg_stat_statements (source '
    '"pg_stat_statements"), or, when it is not available, per-table access counts of schema '
    'pulsex (source "fallback: pg_stat_user_tables", note says why and what to install).';

CREATE OR REPLACE VIEW pulsex.performance_metrics AS
SELECT * FROM pulsex.get_performance_metrics(50);

COMMENT ON VIEW pulsex.performance_metrics IS
    'get_performance_metrics(50): the 50 most expensive statements, or the labelled fallback.';

ALTER FUNCTION pulsex.get_performance_metrics(integer) OWNER TO pulsex_migrations;
ALTER VIEW pulsex.performance_metrics OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.get_performance_metrics(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulsex.get_performance_metrics(integer) TO pulsex_readonly, pulsex_analytics;
GRANT SELECT ON pulsex.performance_metrics TO pulsex_readonly, pulsex_analytics;
