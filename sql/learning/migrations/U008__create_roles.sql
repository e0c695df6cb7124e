-- What: gives the seven schemas back to the role running the rollback, revokes schema usage
--       and drops each e-learning role unless something still depends on it.
-- Why:  undoes V008. Roles are shared by the whole cluster: another database migrated with
--       the same files may still own objects or hold grants through them, in which case the
--       role is kept and a NOTICE says so.

REVOKE USAGE ON SCHEMA user_management, course_management, content_management, gamification,
                       assessment, social, analytics
  FROM learning_app, learning_reporting;

ALTER SCHEMA user_management OWNER TO CURRENT_USER;
ALTER SCHEMA course_management OWNER TO CURRENT_USER;
ALTER SCHEMA content_management OWNER TO CURRENT_USER;
ALTER SCHEMA gamification OWNER TO CURRENT_USER;
ALTER SCHEMA assessment OWNER TO CURRENT_USER;
ALTER SCHEMA social OWNER TO CURRENT_USER;
ALTER SCHEMA analytics OWNER TO CURRENT_USER;

DO $roles$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['learning_reporting', 'learning_app', 'learning_owner'] LOOP
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
