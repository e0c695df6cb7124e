-- What: undoes 0003: gives the schema back to the role running the rollback, revokes the schema
--       grants, and drops each role unless something still depends on it.
-- Why: roles are cluster-wide; another database of the cluster may still use them (owned
--      objects, privileges). Such a role is kept with a NOTICE instead of failing the rollback
--      of this database (its pg_read_all_stats membership stays with it).

ALTER SCHEMA worldvibe OWNER TO CURRENT_USER;

REVOKE USAGE ON SCHEMA worldvibe
    FROM worldvibe_app, worldvibe_analytics, worldvibe_dashboard, worldvibe_maintenance, worldvibe_monitor;

DO $$
DECLARE
    v_name text;
BEGIN
    FOREACH v_name IN ARRAY ARRAY['worldvibe_app', 'worldvibe_analytics', 'worldvibe_dashboard',
                                  'worldvibe_maintenance', 'worldvibe_monitor', 'worldvibe_owner']
    LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_name) THEN
            BEGIN
                EXECUTE format('DROP ROLE %I', v_name);
            EXCEPTION
                WHEN dependent_objects_still_exist THEN
                    RAISE NOTICE 'role % kept: still used elsewhere in the cluster (%)', v_name, SQLERRM;
            END;
        END IF;
    END LOOP;
END
$$;
