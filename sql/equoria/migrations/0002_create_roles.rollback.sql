-- What: revokes schema usage from the Equoria roles and drops each role unless something
--       still depends on it.
-- Why:  undoes 0002. Roles are shared by the whole cluster: another database created from
--       the same migrations may still hold grants to them, in which case the role is kept
--       and a NOTICE says so.

REVOKE USAGE ON SCHEMA equoria FROM equoria_app, equoria_admin, equoria_engine;

DO $roles$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['equoria_engine', 'equoria_admin', 'equoria_app'] LOOP
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('DROP ROLE %I', v_role);
      EXCEPTION
        WHEN dependent_objects_still_exist THEN
          RAISE NOTICE 'role % is still used elsewhere in the cluster; not dropped', v_role;
      END;
    END IF;
  END LOOP;
END
$roles$;
