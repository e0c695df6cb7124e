-- What: undoes 0002: revokes the schema grants and drops each PulsePlus role unless something
--       still depends on it.
-- Why:  roles are cluster-wide; another database of the cluster may still use them (objects,
--       privileges). Such a role is kept with a NOTICE instead of failing this rollback.

REVOKE USAGE ON SCHEMA pulseplus FROM pulseplus_app, pulseplus_admin, pulseplus_engine;

DO $roles$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['pulseplus_app', 'pulseplus_admin', 'pulseplus_engine'] LOOP
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('DROP ROLE %I', v_role);
      EXCEPTION
        WHEN dependent_objects_still_exist THEN
          RAISE NOTICE 'role % kept: still used elsewhere in the cluster (%)', v_role, SQLERRM;
      END;
    END IF;
  END LOOP;
END
$roles$;
