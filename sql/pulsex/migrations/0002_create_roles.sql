-- What: creates the five NOLOGIN group roles (if they do not exist yet), hands the schema to
--       pulsex_migrations and grants USAGE on it to the other four.
-- Why: the privilege model of the seed document. Roles are cluster-wide and shared by every
--      database of the cluster (several test databases at once), so they are created only when
--      missing, tolerating a concurrent creator. Login roles are made members of these groups
--      outside the migrations (one per application, person or job).
--        pulsex_app        CRUD on user data, always subject to row-level security, no DDL
--        pulsex_analytics  read-only on every table (all rows), no secrets columns
--        pulsex_migrations owns the schema and its objects (DDL, maintenance functions)
--        pulsex_backup     reads all data for exports (BYPASSRLS, as pg_dump requires; an
--                          attribute, not inherited: members run pg_dump --role=pulsex_backup)
--        pulsex_readonly   monitoring views and functions only (member of pg_monitor)

DO $$
DECLARE
    v_role record;
BEGIN
    FOR v_role IN
        SELECT *
        FROM (VALUES
            ('pulsex_app',        'NOLOGIN NOBYPASSRLS'),
            ('pulsex_analytics',  'NOLOGIN NOBYPASSRLS'),
            ('pulsex_migrations', 'NOLOGIN NOBYPASSRLS'),
            ('pulsex_backup',     'NOLOGIN BYPASSRLS'),
            ('pulsex_readonly',   'NOLOGIN NOBYPASSRLS')
        ) AS r (name, options)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role.name) THEN
            BEGIN
                -- options are the constant keyword lists above, never input
                EXECUTE format('CREATE ROLE %I %s', v_role.name, v_role.options);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN
                    RAISE NOTICE 'role % was created concurrently by another database; kept', v_role.name;
            END;
        END IF;
    END LOOP;
END
$$;

-- pulsex_readonly reads other sessions' activity and statistics through the monitoring
-- functions, which needs pg_monitor (re-granting an existing membership is a no-op).
GRANT pg_monitor TO pulsex_readonly;

ALTER SCHEMA pulsex OWNER TO pulsex_migrations;

GRANT USAGE ON SCHEMA pulsex TO pulsex_app, pulsex_analytics, pulsex_backup, pulsex_readonly;
