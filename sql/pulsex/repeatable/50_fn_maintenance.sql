-- What: maintenance functions for the scheduled jobs: cleanup_expired_sessions(),
--       drop_old_partitions(table, keep_months, detach_only) (partition retention) and
--       refresh_user_stats() (concurrent refresh of user_activity_summary).
-- Why: the seed's daily and monthly tasks as functions a job runner (cron, pg_cron) calls as a
--      member of pulsex_migrations. Partition creation is create_monthly_partitions(), in
--      migration 0003.

CREATE OR REPLACE FUNCTION pulsex.cleanup_expired_sessions()
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    DELETE FROM pulsex.sessions
     WHERE expires_at < now()
        OR revoked_at < now() - interval '30 days';
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION pulsex.cleanup_expired_sessions() IS
    'Daily job: deletes sessions that have expired, and revoked sessions older than 30 days; '
    'returns how many rows it removed.';

CREATE OR REPLACE FUNCTION pulsex.drop_old_partitions(
    p_table       text,
    p_keep_months integer,
    p_detach_only boolean DEFAULT false)
RETURNS SETOF text
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $$
DECLARE
    v_parent    regclass := pulsex.monthly_partitioned_table(p_table);
    v_cutoff    timestamptz;
    v_partition record;
BEGIN
    IF p_keep_months IS NULL OR p_keep_months < 1 THEN
        RAISE EXCEPTION 'keep_months must be at least 1, got %', p_keep_months
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_cutoff := date_trunc('month', now()) - make_interval(months => p_keep_months);

    FOR v_partition IN
        SELECT c.oid::regclass AS partition,
               c.oid::regclass::text AS name,
               (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1] AS upper_bound
          FROM pg_inherits AS i
          JOIN pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent = v_parent
           AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
         ORDER BY 3
    LOOP
        -- a MAXVALUE upper bound has no quoted value and is never old
        CONTINUE WHEN v_partition.upper_bound IS NULL
                   OR v_partition.upper_bound::timestamptz > v_cutoff;
        EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', v_parent, v_partition.partition);
        IF NOT p_detach_only THEN
            EXECUTE format('DROP TABLE %s', v_partition.partition);
        END IF;
        RETURN NEXT v_partition.name;  -- taken before the DROP, after which the oid has no name
    END LOOP;
END
$$;

COMMENT ON FUNCTION pulsex.drop_old_partitions(text, integer, boolean) IS
    'Partition retention: detaches, then drops (unless p_detach_only, e.g. to archive the table '
    'first), every partition of a monthly-partitioned pulsex table whose upper bound is at or '
    'before the start of the current month minus p_keep_months (UTC). Never touches the default '
    'partition. Returns the partitions it detached. Suggested: briefings and analytics_events '
    '13 months, audit_logs 24 months.';

CREATE OR REPLACE FUNCTION pulsex.refresh_user_stats()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY pulsex.user_activity_summary;
    RETURN (SELECT count(*) FROM pulsex.user_activity_summary);
END
$$;

COMMENT ON FUNCTION pulsex.refresh_user_stats() IS
    'Daily job: refreshes user_activity_summary concurrently (readers are not blocked); returns '
    'its row count.';

ALTER FUNCTION pulsex.cleanup_expired_sessions() OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.drop_old_partitions(text, integer, boolean) OWNER TO pulsex_migrations;
ALTER FUNCTION pulsex.refresh_user_stats() OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.cleanup_expired_sessions() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.drop_old_partitions(text, integer, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pulsex.refresh_user_stats() FROM PUBLIC;
