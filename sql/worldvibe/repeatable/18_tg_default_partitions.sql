-- What: the guard of the default partitions (check_ins_default, events_default):
--         worldvibe.guard_default_partition(parent, partition, time)   shared logic
--         trigger guard on check_ins_default (tg_check_ins_default__guard, BEFORE INSERT, row)
--         trigger guard on events_default    (tg_events_default__guard, BEFORE INSERT, row)
-- Why: a default partition must not be a silent sink. A row lands there only when its day has no
--      partition: either maintenance fell behind (the row is kept, the transaction gets a
--      WARNING once, health() turns degraded, and create_partitions moves it out later), or it
--      is older than the oldest partition, i.e. older than the data retention keeps: then it is
--      rejected (WVP01) instead of being stored where retention and rollups never look.

CREATE OR REPLACE FUNCTION worldvibe.guard_default_partition(p_parent regclass, p_partition regclass, p_time timestamptz)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_oldest timestamptz;
BEGIN
    SELECT min(b.lower_bound) INTO v_oldest
      FROM worldvibe.partition_bounds(p_parent) AS b
     WHERE NOT b.is_default;
    IF p_time < v_oldest THEN
        RAISE EXCEPTION 'row of % at % is older than the oldest partition of % (%)', p_parent, p_time, p_parent, v_oldest
            USING ERRCODE = 'WVP01', HINT = 'data older than the retained range is not accepted';
    END IF;
    IF current_setting('worldvibe.default_partition_warned', true) IS DISTINCT FROM p_partition::text THEN
        PERFORM set_config('worldvibe.default_partition_warned', p_partition::text, true);
        RAISE WARNING 'row of % at % stored in the default partition %: no partition for that day', p_parent, p_time, p_partition
            USING HINT = format('run SELECT worldvibe.create_partitions(%L, %L, %L); the rows are moved into it',
                                p_parent, (p_time AT TIME ZONE 'UTC')::date, (p_time AT TIME ZONE 'UTC')::date);
    END IF;
END
$$;

COMMENT ON FUNCTION worldvibe.guard_default_partition(regclass, regclass, timestamptz) IS
    'Internal. Rejects (WVP01) a row older than the oldest partition of the table; otherwise '
    'raises a WARNING once per transaction that rows are going to the default partition.';

CREATE OR REPLACE FUNCTION worldvibe.tg_check_ins_default__guard()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    PERFORM worldvibe.guard_default_partition('worldvibe.check_ins', TG_RELID::regclass, NEW.created_at);
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_check_ins_default__guard() IS
    'Trigger on check_ins_default: see worldvibe.guard_default_partition.';

CREATE OR REPLACE FUNCTION worldvibe.tg_events_default__guard()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    PERFORM worldvibe.guard_default_partition('worldvibe.events', TG_RELID::regclass, NEW.occurred_at);
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_events_default__guard() IS
    'Trigger on events_default: see worldvibe.guard_default_partition.';

CREATE OR REPLACE TRIGGER guard
    BEFORE INSERT ON worldvibe.check_ins_default
    FOR EACH ROW EXECUTE FUNCTION worldvibe.tg_check_ins_default__guard();

CREATE OR REPLACE TRIGGER guard
    BEFORE INSERT ON worldvibe.events_default
    FOR EACH ROW EXECUTE FUNCTION worldvibe.tg_events_default__guard();

ALTER FUNCTION worldvibe.guard_default_partition(regclass, regclass, timestamptz) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.tg_check_ins_default__guard() OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.tg_events_default__guard() OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.guard_default_partition(regclass, regclass, timestamptz) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_check_ins_default__guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_events_default__guard() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.guard_default_partition(regclass, regclass, timestamptz) TO worldvibe_app;
