-- What: undoes 0018: drops every daily partition of check_ins and events (those of this
--       migration and those the maintenance job made since), keeping the default partitions.
-- Why: after this rollback the tables are as 0010/0012 left them. The rows in the dropped
--      partitions are lost, as with any rollback of a table.

DO $$
DECLARE
    v_part regclass;
BEGIN
    FOR v_part IN
        SELECT b.partition_table
          FROM unnest(ARRAY['worldvibe.check_ins'::regclass, 'worldvibe.events'::regclass]) AS p (parent)
         CROSS JOIN LATERAL worldvibe.partition_bounds(p.parent) AS b
         WHERE NOT b.is_default
    LOOP
        EXECUTE format('DROP TABLE %s', v_part);
    END LOOP;
END
$$;
