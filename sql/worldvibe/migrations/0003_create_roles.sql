-- What: creates the six NOLOGIN group roles of WorldVibe if they do not exist yet, hands the
--       schema to worldvibe_owner and grants USAGE on it to the other five.
-- Why: roles are cluster-wide and shared by every database of the cluster (many test databases
--      at once), so they are created only when missing, tolerating a concurrent creator. Login
--      roles (one per service, person or job) are made members of these outside the migrations.
--        worldvibe_owner        owns the schema and every object; SECURITY DEFINER functions run
--                               as it. Member of pg_read_all_stats so the health and metrics
--                               functions see the state of every connection to the database.
--        worldvibe_app          the API: writes check-ins, sessions, events, consents for the
--                               subject it acts for (row-level security), calls the rate limiter
--        worldvibe_analytics    reads the k-anonymous views, nothing raw
--        worldvibe_dashboard    reads the public dashboard views (a subset of the above)
--        worldvibe_maintenance  runs partition maintenance, rollup refresh, retention
--        worldvibe_monitor      reads health() and the metrics view

DO $$
DECLARE
    v_name text;
BEGIN
    FOREACH v_name IN ARRAY ARRAY['worldvibe_owner', 'worldvibe_app', 'worldvibe_analytics',
                                  'worldvibe_dashboard', 'worldvibe_maintenance', 'worldvibe_monitor']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS',
                               v_name);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN
                    RAISE NOTICE 'role % was created concurrently by another database; kept', v_name;
            END;
        END IF;
    END LOOP;
END
$$;

-- Re-granting an existing membership only raises a NOTICE.
GRANT pg_read_all_stats TO worldvibe_owner;

ALTER SCHEMA worldvibe OWNER TO worldvibe_owner;

GRANT USAGE ON SCHEMA worldvibe
    TO worldvibe_app, worldvibe_analytics, worldvibe_dashboard, worldvibe_maintenance, worldvibe_monitor;
