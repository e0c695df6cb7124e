-- What: creates the three cluster-wide roles of the e-learning database (when missing) and
--       makes learning_owner the owner of the seven schemas:
--         learning_owner     - the migration owner: owns every schema, table, function and
--                              view (later migrations run as it, through SET LOCAL ROLE), and
--                              is the identity of the SECURITY DEFINER trigger functions.
--                              It is NOT BYPASSRLS: forced row-level security applies to it.
--         learning_app       - the application: DML as granted, always subject to row-level
--                              security, keyed on the tenant context of the transaction.
--         learning_reporting - read-only reporting, subject to the same tenant context.
--       All three are NOLOGIN: grant them to login roles (the deploy user gets
--       learning_owner, the API's login role gets learning_app).
-- Why:  roles are cluster-wide and shared by every database in the cluster, so they are
--       created only when absent and a concurrent creator is tolerated. A non-superuser
--       owner keeps the definer functions inside row-level security.

DO $roles$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['learning_owner', 'learning_app', 'learning_reporting'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
          RAISE NOTICE 'role % was created concurrently; keeping it', v_role;
      END;
    END IF;
  END LOOP;
END
$roles$;

COMMENT ON ROLE learning_owner IS
  'E-learning migration owner: owns all objects; identity of the SECURITY DEFINER trigger functions. NOLOGIN, subject to RLS.';
COMMENT ON ROLE learning_app IS
  'E-learning application role, subject to RLS: call user_management.set_tenant_context() in every transaction.';
COMMENT ON ROLE learning_reporting IS
  'E-learning read-only reporting role, subject to the same tenant RLS; reads the monitoring views.';

ALTER SCHEMA user_management OWNER TO learning_owner;
ALTER SCHEMA course_management OWNER TO learning_owner;
ALTER SCHEMA content_management OWNER TO learning_owner;
ALTER SCHEMA gamification OWNER TO learning_owner;
ALTER SCHEMA assessment OWNER TO learning_owner;
ALTER SCHEMA social OWNER TO learning_owner;
ALTER SCHEMA analytics OWNER TO learning_owner;

GRANT USAGE ON SCHEMA user_management, course_management, content_management, gamification,
                      assessment, social, analytics
   TO learning_app, learning_reporting;
