-- What: monitor_connection_usage() and get_long_running_queries(min_duration).
-- Why: the seed's connection alert (more than 80% of capacity) and its "long running
--      queries" review. Both read pg_stat_activity as the caller (SECURITY INVOKER):
--      pulsex_readonly is a member of pg_monitor and so sees every session's state and query.
--      Durations are measured from statement_timestamp(), not now(): now() is the start of the
--      caller's transaction and would understate them inside a longer transaction.

CREATE OR REPLACE FUNCTION pulsex.monitor_connection_usage()
RETURNS TABLE (
    scope            text,
    name             text,
    connections      integer,
    connection_limit integer,
    percent_used     numeric,
    status           text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH clients AS (
        SELECT a.usename::text AS usename, coalesce(a.state, 'unknown') AS state
          FROM pg_stat_activity AS a
         WHERE a.backend_type = 'client backend'),
    capacity AS (
        SELECT current_setting('max_connections')::integer
               - current_setting('superuser_reserved_connections')::integer AS usable),
    rows AS (
        SELECT 'server'::text AS scope, 'all client connections'::text AS name,
               (SELECT count(*) FROM clients)::integer AS connections,
               (SELECT usable FROM capacity) AS connection_limit, 1 AS sort
        UNION ALL
        SELECT 'state', c.state, count(*)::integer, NULL::integer, 2
          FROM clients AS c GROUP BY c.state
        UNION ALL
        SELECT 'role', c.usename, count(*)::integer,
               NULLIF((SELECT r.rolconnlimit FROM pg_roles AS r WHERE r.rolname = c.usename), -1), 3
          FROM clients AS c GROUP BY c.usename)
    SELECT r.scope, r.name, r.connections, r.connection_limit,
           round(100.0 * r.connections / NULLIF(r.connection_limit, 0), 1),
           CASE
               WHEN r.connection_limit IS NULL THEN 'info'
               WHEN r.connections >= 0.95 * r.connection_limit THEN 'critical'
               WHEN r.connections > 0.80 * r.connection_limit THEN 'warning'
               ELSE 'ok'
           END
      FROM rows AS r
     ORDER BY r.sort, r.connections DESC, r.name
$$;

COMMENT ON FUNCTION pulsex.monitor_connection_usage() IS
    'Client connections of the server: the total against max_connections minus the superuser '
    'reserve, per state, and per login role against its CONNECTION LIMIT when it has one; status '
    'warning above 80%, critical from 95%.';

CREATE OR REPLACE FUNCTION pulsex.get_long_running_queries(p_min_duration interval DEFAULT interval '5 seconds')
RETURNS TABLE (
    pid              integer,
    usename          text,
    datname          text,
    application_name text,
    client_addr      inet,
    state            text,
    wait_event_type  text,
    wait_event       text,
    running_for      interval,
    transaction_age  interval,
    query            text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.pid, a.usename::text, a.datname::text, a.application_name, a.client_addr, a.state,
           a.wait_event_type, a.wait_event,
           statement_timestamp() - CASE WHEN a.state = 'active' THEN a.query_start ELSE a.state_change END,
           statement_timestamp() - a.xact_start,
           a.query
      FROM pg_stat_activity AS a
     WHERE a.backend_type = 'client backend'
       AND a.pid <> pg_backend_pid()
       AND (   (a.state = 'active' AND statement_timestamp() - a.query_start >= p_min_duration)
            OR (a.state LIKE 'idle in transaction%' AND statement_timestamp() - a.xact_start >= p_min_duration))
     ORDER BY coalesce(a.xact_start, a.query_start)
$$;

COMMENT ON FUNCTION pulsex.get_long_running_queries(interval) IS
    'Statements running for at least p_min_duration (default 5 s, the application''s '
    'statement_timeout) and transactions idle for that long, oldest first, across the server.';

ALTER FUNCTION pulsex.monitor_connection_usage() OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.get_long_running_queries(interval) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.monitor_connection_usage() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.get_long_running_queries(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulsex.monitor_connection_usage() TO pulsex_readonly, pulsex_analytics;
GRANT EXECUTE ON FUNCTION pulsex.get_long_running_queries(interval) TO pulsex_readonly, pulsex_analytics;
