-- What: the maintenance job:
--         worldvibe.apply_retention() -> jsonb        retention of every kind, per settings
--         PROCEDURE worldvibe.run_maintenance(INOUT summary jsonb)
--             1. partitions ahead, 2. incremental rollup refresh, 3. retention, 4. rate-limit purge,
--             each step committed on its own
-- Why: the replacement of TimescaleDB's background jobs (chunk creation, continuous-aggregate
--      refresh policy, retention policy, add_job). There is no scheduler in the database (no
--      pg_cron here): run CALL worldvibe.run_maintenance(); every few minutes from cron or a
--      systemd timer as a login member of worldvibe_maintenance. It is a procedure so that it
--      can COMMIT between steps: partition DDL holds an ACCESS EXCLUSIVE lock on the parent
--      only for its own short transaction, not during the refresh. Procedures have no
--      volatility; apply_retention reads the settings, which only the owner can, hence
--      SECURITY DEFINER. The rollups are refreshed before retention drops raw partitions.

CREATE OR REPLACE FUNCTION worldvibe.apply_retention()
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_settings  worldvibe.settings;
    v_check_ins text[];
    v_events    text[];
    v_sessions  bigint;
    v_hourly    bigint;
BEGIN
    SELECT * INTO STRICT v_settings FROM worldvibe.settings;
    v_check_ins := ARRAY(SELECT worldvibe.drop_partitions_older_than(
                             'worldvibe.check_ins', date_trunc('day', now(), 'UTC')
                                                    - make_interval(days => v_settings.check_in_retention_days)));
    v_events := ARRAY(SELECT worldvibe.drop_partitions_older_than(
                          'worldvibe.events', date_trunc('day', now(), 'UTC')
                                              - make_interval(days => v_settings.event_retention_days)));
    DELETE FROM worldvibe.sessions AS s
     WHERE s.started_at < now() - make_interval(days => v_settings.event_retention_days);
    GET DIAGNOSTICS v_sessions = ROW_COUNT;
    DELETE FROM worldvibe.hourly_rollups AS r
     WHERE r.bucket < now() - make_interval(days => v_settings.hourly_rollup_retention_days);
    GET DIAGNOSTICS v_hourly = ROW_COUNT;
    RETURN jsonb_build_object('dropped_check_in_partitions', to_jsonb(v_check_ins),
                              'dropped_event_partitions', to_jsonb(v_events),
                              'deleted_sessions', v_sessions,
                              'deleted_hourly_rollups', v_hourly);
END
$$;

COMMENT ON FUNCTION worldvibe.apply_retention() IS
    'Retention per worldvibe.settings: drops check-in and event partitions (whole UTC days) older '
    'than their retention, deletes older sessions (their events by cascade) and hourly rollups; '
    'daily rollups are kept. Returns what it removed.';

CREATE OR REPLACE PROCEDURE worldvibe.run_maintenance(INOUT summary jsonb DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
    v_created  jsonb;
    v_hours    integer;
    v_retained jsonb;
    v_purged   bigint;
BEGIN
    SELECT jsonb_build_object(
               'check_ins', (SELECT count(*) FROM worldvibe.create_partitions_ahead('worldvibe.check_ins')),
               'events', (SELECT count(*) FROM worldvibe.create_partitions_ahead('worldvibe.events')))
      INTO v_created;
    COMMIT;
    v_hours := worldvibe.refresh_invalidated_rollups();
    COMMIT;
    v_retained := worldvibe.apply_retention();
    COMMIT;
    v_purged := worldvibe.purge_rate_limits();
    COMMIT;
    summary := jsonb_build_object('partitions_created', v_created, 'rollup_hours_refreshed', v_hours,
                                  'retention', v_retained, 'rate_limit_windows_purged', v_purged);
END
$$;

COMMENT ON PROCEDURE worldvibe.run_maintenance(jsonb) IS
    'The maintenance job (CALL worldvibe.run_maintenance();, outside an explicit transaction): '
    'creates partitions ahead, refreshes the invalidated rollups, applies retention, purges '
    'expired rate-limit windows, committing after each step; returns a summary.';

ALTER FUNCTION worldvibe.apply_retention() OWNER TO worldvibe_owner;
ALTER PROCEDURE worldvibe.run_maintenance(jsonb) OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.apply_retention() FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE worldvibe.run_maintenance(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.apply_retention() TO worldvibe_maintenance;
GRANT EXECUTE ON PROCEDURE worldvibe.run_maintenance(jsonb) TO worldvibe_maintenance;
