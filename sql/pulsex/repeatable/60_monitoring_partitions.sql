-- What: partition_status() and the view partition_health: per partitioned table, how many
--       partitions, how far ahead they reach, and how many rows sit in its default partition.
-- Why: the default partitions of audit_logs and analytics_events must not be silent sinks,
--      and a missed maintenance run must show before the month without a partition arrives.
--      partition_status() is SECURITY DEFINER because only the owner may read a default
--      partition directly; it reads at most 10,000 rows of each.

CREATE OR REPLACE FUNCTION pulsex.partition_status()
RETURNS TABLE (
    table_name        text,
    partitions        integer,
    oldest_from       date,
    covered_until     date,
    months_ahead      integer,
    default_partition text,
    rows_in_default   bigint)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $$
DECLARE
    v_parent record;
BEGIN
    FOR v_parent IN
        SELECT c.oid, c.relname::text AS relname
          FROM pg_partitioned_table AS pt
          JOIN pg_class AS c ON c.oid = pt.partrelid
         WHERE c.relnamespace = 'pulsex'::regnamespace
           AND NOT c.relispartition
         ORDER BY c.relname
    LOOP
        table_name := v_parent.relname;
        SELECT count(*) FILTER (WHERE b.bound <> 'DEFAULT'),
               min((regexp_match(b.bound, 'FROM \(''([^'']+)''\)'))[1]::timestamptz)::date,
               max((regexp_match(b.bound, 'TO \(''([^'']+)''\)'))[1]::timestamptz)::date,
               max(b.partition) FILTER (WHERE b.bound = 'DEFAULT')
          INTO partitions, oldest_from, covered_until, default_partition
          FROM (SELECT c.oid::regclass::text AS partition,
                       pg_get_expr(c.relpartbound, c.oid) AS bound
                  FROM pg_inherits AS i
                  JOIN pg_class AS c ON c.oid = i.inhrelid
                 WHERE i.inhparent = v_parent.oid) AS b;
        -- whole months after the current one that have a partition
        months_ahead := (extract(year FROM covered_until) * 12 + extract(month FROM covered_until))
                      - (extract(year FROM now()) * 12 + extract(month FROM now())) - 1;
        rows_in_default := NULL;
        IF default_partition IS NOT NULL THEN
            EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 10000) AS d',
                           default_partition::regclass)
               INTO rows_in_default;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;

COMMENT ON FUNCTION pulsex.partition_status() IS
    'Per partitioned pulsex table: number of bounded partitions, first and last covered day, '
    'whole months covered after the current month, and rows in the default partition (counted '
    'up to 10,000; NULL when the table has no default partition).';

CREATE OR REPLACE VIEW pulsex.partition_health AS
SELECT s.*,
       CASE
           WHEN s.months_ahead < 1 THEN 'critical'
           WHEN coalesce(s.rows_in_default, 0) > 0 OR s.months_ahead < 2 THEN 'warning'
           ELSE 'ok'
       END AS status,
       concat_ws('; ',
           CASE WHEN s.months_ahead < 2 THEN
               format('only %s month(s) ahead: run SELECT pulsex.create_monthly_partitions(%L, 3)',
                      s.months_ahead, s.table_name) END,
           CASE WHEN coalesce(s.rows_in_default, 0) > 0 THEN
               format('%s row(s) in %s: create the partitions for their dates '
                      '(create_monthly_partitions moves them out)', s.rows_in_default,
                      s.default_partition) END) AS advice
  FROM pulsex.partition_status() AS s;

COMMENT ON VIEW pulsex.partition_health IS
    'partition_status() with a status (ok, warning, critical) and what to do about it.';

ALTER FUNCTION pulsex.partition_status() OWNER TO pulsex_migrations;
ALTER VIEW pulsex.partition_health OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.partition_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulsex.partition_status() TO pulsex_readonly, pulsex_analytics;
GRANT SELECT ON pulsex.partition_health TO pulsex_readonly, pulsex_analytics;
