-- What: drops every monthly partition of briefings, audit_logs and analytics_events (the
--       default partitions stay: they belong to migrations 0010 and 0011).
-- Why: undoes 0012. Partitions added since by the maintenance job cannot be told apart from
--      the ones 0012 made and go too; their tables are dropped by the next rollbacks anyway.

DO $$
DECLARE
    v_partition regclass;
BEGIN
    FOR v_partition IN
        SELECT c.oid::regclass
          FROM pg_catalog.pg_inherits AS i
          JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent IN ('pulsex.briefings'::regclass, 'pulsex.audit_logs'::regclass,
                               'pulsex.analytics_events'::regclass)
           AND pg_catalog.pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
    LOOP
        EXECUTE format('DROP TABLE %s', v_partition);
    END LOOP;
END
$$;
