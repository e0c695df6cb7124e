-- What: undoes 0002: gives the schema back to the role running the rollback, revokes the
--       schema grants, and drops each role unless something still depends on it.
-- Why: roles are cluster-wide; another database of the cluster may still use them (objects,
--      privileges, schema ownership). Such a role is kept with a NOTICE instead of failing the
--      rollback of this database (its pg_monitor membership stays with it).

ALTER SCHEMA pulsex OWNER TO CURRENT_USER;

REVOKE USAGE ON SCHEMA pulsex FROM pulsex_app, pulsex_analytics, pulsex_backup, pulsex_readonly;

DO $$
DECLARE
    v_name text;
BEGIN
    FOREACH v_name IN ARRAY ARRAY['pulsex_app', 'pulsex_analytics', 'pulsex_migrations',
                                  'pulsex_backup', 'pulsex_readonly']
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
