-- What: creates the daily partition maintenance functions, generic over the worldvibe tables
--       range-partitioned on one timestamptz column (check_ins, events):
--         worldvibe.partition_bounds(parent)                 every partition with its bounds
--         worldvibe.partition_key(parent)                    validates the parent, returns its key column
--         worldvibe.create_partitions(parent, from, to)      creates the missing days from..to (UTC)
--         worldvibe.create_partitions_ahead(parent, days)    yesterday .. today + days (settings)
--         worldvibe.drop_partitions_older_than(parent, ts)   retention: drops whole days before ts
-- Why: the replacement of TimescaleDB's automatic chunk creation (create_hypertable with a
--      one-day chunk_time_interval) and its retention policy. They are versioned, not
--      repeatable, because migration 0018 calls them. create_partitions is idempotent and, when
--      the default partition already holds rows of a new day, moves them into the new partition
--      (CREATE ... PARTITION OF would otherwise fail). SECURITY DEFINER so that whoever runs
--      the job, every partition is created and owned by worldvibe_owner.

CREATE FUNCTION worldvibe.partition_bounds(p_parent regclass)
RETURNS TABLE (partition_table regclass, lower_bound timestamptz, upper_bound timestamptz, is_default boolean)
LANGUAGE sql
STABLE
AS $$
    SELECT c.oid::regclass,
           (regexp_match(b.bound, '^FOR VALUES FROM \(''([^'']+)''\) TO'))[1]::timestamptz,
           (regexp_match(b.bound, ' TO \(''([^'']+)''\)$'))[1]::timestamptz,
           b.bound = 'DEFAULT'
      FROM pg_catalog.pg_inherits AS i
      JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
     CROSS JOIN LATERAL (SELECT pg_catalog.pg_get_expr(c.relpartbound, c.oid) AS bound) AS b
     WHERE i.inhparent = p_parent
$$;

COMMENT ON FUNCTION worldvibe.partition_bounds(regclass) IS
    'The partitions of a range-partitioned table with their [lower, upper) bounds (NULL for the '
    'default partition, flagged is_default).';


CREATE FUNCTION worldvibe.partition_key(p_parent regclass)
RETURNS name
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_key name;
BEGIN
    SELECT a.attname INTO v_key
      FROM pg_class AS c
      JOIN pg_namespace AS n ON n.oid = c.relnamespace
      JOIN pg_partitioned_table AS pt ON pt.partrelid = c.oid
      JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
     WHERE c.oid = p_parent
       AND n.nspname = 'worldvibe'
       AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND a.atttypid = 'timestamp with time zone'::regtype;
    IF v_key IS NULL THEN
        RAISE EXCEPTION '% is not a worldvibe table range-partitioned on one timestamptz column', p_parent
            USING ERRCODE = 'wrong_object_type';
    END IF;
    RETURN v_key;
END
$$;

COMMENT ON FUNCTION worldvibe.partition_key(regclass) IS
    'Internal. The partition key column of a worldvibe table range-partitioned on one timestamptz '
    'column; raises wrong_object_type for any other table.';


CREATE FUNCTION worldvibe.create_partitions(p_parent regclass, p_from date, p_to date)
RETURNS SETOF regclass
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $$
DECLARE
    v_key     name := worldvibe.partition_key(p_parent);
    v_schema  name;
    v_table   name;
    v_default regclass;
    v_columns text;
    v_day     date;
    v_name    text;
    v_new     regclass;
    v_lo      timestamptz;
    v_hi      timestamptz;
    v_rows    jsonb;
BEGIN
    IF p_from IS NULL OR p_to IS NULL OR p_to < p_from OR p_to - p_from > 3660 THEN
        RAISE EXCEPTION 'invalid day range % .. % (at most 3661 days, from <= to)', p_from, p_to
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT n.nspname, c.relname INTO v_schema, v_table
      FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
     WHERE c.oid = p_parent;
    SELECT b.partition_table INTO v_default
      FROM worldvibe.partition_bounds(p_parent) AS b
     WHERE b.is_default;
    -- the columns a moved row is re-inserted with (generated columns compute themselves)
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_columns
      FROM pg_attribute AS a
     WHERE a.attrelid = p_parent AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';

    FOR v_day IN SELECT d::date FROM generate_series(p_from, p_to, interval '1 day') AS d LOOP
        v_name := format('%s_p%s', v_table, to_char(v_day, 'YYYYMMDD'));
        CONTINUE WHEN EXISTS (SELECT 1
                                FROM pg_inherits AS i
                                JOIN pg_class AS c ON c.oid = i.inhrelid
                               WHERE i.inhparent = p_parent AND c.relname = v_name);
        v_lo := v_day::timestamptz;         -- midnight UTC (the function runs with timezone UTC)
        v_hi := (v_day + 1)::timestamptz;
        v_rows := NULL;

        -- Rows of this day waiting in the default partition must leave it first, or CREATE
        -- ... PARTITION OF fails; they go into the new partition below.
        IF v_default IS NOT NULL THEN
            EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= $1 AND %I < $2 RETURNING *) '
                           'SELECT jsonb_agg(to_jsonb(moved)) FROM moved', v_default, v_key, v_key)
               INTO v_rows
              USING v_lo, v_hi;
        END IF;

        EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                       v_schema, v_name, v_schema, v_table, v_lo, v_hi);
        v_new := format('%I.%I', v_schema, v_name)::regclass;
        EXECUTE format('COMMENT ON TABLE %s IS %L', v_new,
                       format('Partition of %s for %s (UTC day). Created by worldvibe.create_partitions, '
                              'dropped by worldvibe.drop_partitions_older_than; read and written '
                              'through the parent only.', p_parent, v_day));

        IF v_rows IS NOT NULL THEN
            -- The rows were validated when they first arrived; the per-row triggers (snapping,
            -- consent) must not judge them again. Nobody else can see this new table yet.
            EXECUTE format('ALTER TABLE %s DISABLE TRIGGER USER', v_new);
            EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM jsonb_populate_recordset(NULL::%s, $1)',
                           v_new, v_columns, v_columns, p_parent)
              USING v_rows;
            EXECUTE format('ALTER TABLE %s ENABLE TRIGGER USER', v_new);
            RAISE NOTICE '% row(s) moved from % into %', jsonb_array_length(v_rows), v_default, v_new;
        END IF;
        RETURN NEXT v_new;
    END LOOP;
END
$$;

COMMENT ON FUNCTION worldvibe.create_partitions(regclass, date, date) IS
    'Creates the missing daily partitions <table>_pYYYYMMDD of a worldvibe table for every UTC day '
    'from p_from to p_to inclusive and returns them. Idempotent: existing days are skipped. Rows '
    'already in the default partition for a new day are moved into it (with a NOTICE). Takes an '
    'ACCESS EXCLUSIVE lock on the parent for each partition it creates: run it ahead of time.';


CREATE FUNCTION worldvibe.create_partitions_ahead(p_parent regclass, p_days_ahead integer DEFAULT NULL)
RETURNS SETOF regclass
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $$
    SELECT worldvibe.create_partitions(
               p_parent, current_date - 1,
               current_date + coalesce(p_days_ahead, (SELECT s.partition_days_ahead FROM worldvibe.settings AS s)))
$$;

COMMENT ON FUNCTION worldvibe.create_partitions_ahead(regclass, integer) IS
    'Makes sure partitions exist from yesterday to today + p_days_ahead (default: '
    'settings.partition_days_ahead), UTC days; returns the ones it created. Idempotent; run daily.';


CREATE FUNCTION worldvibe.drop_partitions_older_than(p_parent regclass, p_cutoff timestamptz)
RETURNS SETOF text
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $$
DECLARE
    v_key     name := worldvibe.partition_key(p_parent);
    v_part    record;
    v_name    text;
    v_deleted bigint;
BEGIN
    IF p_cutoff IS NULL OR p_cutoff > now() THEN
        RAISE EXCEPTION 'retention cutoff % is in the future: refusing to drop current data', p_cutoff
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_part IN
        SELECT b.partition_table, b.is_default
          FROM worldvibe.partition_bounds(p_parent) AS b
         WHERE b.is_default OR b.upper_bound <= p_cutoff
         ORDER BY b.lower_bound NULLS LAST
    LOOP
        v_name := v_part.partition_table::text;
        IF v_part.is_default THEN
            EXECUTE format('DELETE FROM %s WHERE %I < $1', v_part.partition_table, v_key) USING p_cutoff;
            GET DIAGNOSTICS v_deleted = ROW_COUNT;
            IF v_deleted > 0 THEN
                RAISE NOTICE '% row(s) older than % deleted from %', v_deleted, p_cutoff, v_name;
            END IF;
        ELSE
            EXECUTE format('DROP TABLE %s', v_part.partition_table);
            RETURN NEXT v_name;
        END IF;
    END LOOP;
END
$$;

COMMENT ON FUNCTION worldvibe.drop_partitions_older_than(regclass, timestamptz) IS
    'Retention: drops every partition of the table whose upper bound is at or before p_cutoff and '
    'deletes older rows from its default partition; returns the dropped partitions. Refuses a '
    'cutoff in the future. Dropping raw data does not touch the rollups (they keep the aggregates).';

ALTER FUNCTION worldvibe.partition_bounds(regclass) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.partition_key(regclass) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.create_partitions(regclass, date, date) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.create_partitions_ahead(regclass, integer) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.drop_partitions_older_than(regclass, timestamptz) OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.partition_bounds(regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.partition_key(regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.create_partitions(regclass, date, date) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.create_partitions_ahead(regclass, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.drop_partitions_older_than(regclass, timestamptz) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.partition_bounds(regclass) TO worldvibe_maintenance, worldvibe_monitor;
GRANT EXECUTE ON FUNCTION worldvibe.create_partitions(regclass, date, date) TO worldvibe_maintenance;
GRANT EXECUTE ON FUNCTION worldvibe.create_partitions_ahead(regclass, integer) TO worldvibe_maintenance;
GRANT EXECUTE ON FUNCTION worldvibe.drop_partitions_older_than(regclass, timestamptz) TO worldvibe_maintenance;
