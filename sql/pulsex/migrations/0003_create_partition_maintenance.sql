-- What: creates pulsex.monthly_partitioned_table(text), pulsex.secure_partition(regclass) and
--       pulsex.create_monthly_partitions(table, months_ahead, from).
-- Why: every partitioned table here is range-partitioned per calendar month; one generic,
--      idempotent function creates the partitions ahead of time (called by migration 0012 and
--      by the monthly maintenance job). It lives in a versioned migration, not a repeatable
--      file, because migration 0012 calls it and repeatables run after all migrations.
--      Retention (detach and drop) is repeatable/50_fn_maintenance.sql.

CREATE FUNCTION pulsex.secure_partition(p_partition regclass)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_parent regclass;
    v_bound  text;
BEGIN
    SELECT i.inhparent::regclass, pg_get_expr(c.relpartbound, c.oid)
      INTO v_parent, v_bound
      FROM pg_inherits AS i
      JOIN pg_class AS c ON c.oid = i.inhrelid
     WHERE i.inhrelid = p_partition
       AND c.relispartition;
    IF v_parent IS NULL THEN
        RAISE EXCEPTION '% is not a partition', p_partition USING ERRCODE = 'wrong_object_type';
    END IF;

    -- %s on a regclass prints a quoted, schema-qualified name (search_path is pg_catalog only).
    EXECUTE format('ALTER TABLE %s OWNER TO pulsex_migrations', p_partition);
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_partition);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_partition);
    IF NOT EXISTS (SELECT 1 FROM pg_policy
                    WHERE polrelid = p_partition AND polname = 'partition_maintenance') THEN
        EXECUTE format('CREATE POLICY partition_maintenance ON %s FOR ALL TO pulsex_migrations '
                       'USING (true) WITH CHECK (true)', p_partition);
    END IF;
    EXECUTE format('GRANT SELECT ON %s TO pulsex_backup', p_partition);
    EXECUTE format('COMMENT ON TABLE %s IS %L', p_partition,
                   format('Partition of %s, %s. Rows are read and written through the parent '
                          '(whose policies apply); only pulsex_migrations and pulsex_backup '
                          'touch the partition itself.', v_parent, v_bound));
END
$$;

COMMENT ON FUNCTION pulsex.secure_partition(regclass) IS
    'Internal. Gives a partition the same protection as its parent: owned by pulsex_migrations, '
    'row-level security enabled and forced with a policy admitting only pulsex_migrations '
    '(PostgreSQL applies the parent''s policies to queries through the parent and ignores the '
    'partition''s), SELECT for pulsex_backup (pg_dump reads partitions directly), and a comment.';

ALTER FUNCTION pulsex.secure_partition(regclass) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.secure_partition(regclass) FROM PUBLIC;


CREATE FUNCTION pulsex.monthly_partitioned_table(p_table text)
RETURNS regclass
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_ident  text[] := parse_ident(p_table);
    v_schema text := CASE cardinality(v_ident) WHEN 1 THEN 'pulsex' WHEN 2 THEN v_ident[1] END;
    v_table  text := v_ident[cardinality(v_ident)];
    v_parent regclass;
BEGIN
    IF v_schema IS DISTINCT FROM 'pulsex' THEN
        RAISE EXCEPTION 'only tables of schema pulsex are managed here, got %', p_table
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT c.oid::regclass INTO v_parent
      FROM pg_class AS c
      JOIN pg_namespace AS n ON n.oid = c.relnamespace
      JOIN pg_partitioned_table AS pt ON pt.partrelid = c.oid
      JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
     WHERE n.nspname = v_schema AND c.relname = v_table
       AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND a.atttypid IN ('date'::regtype, 'timestamp with time zone'::regtype,
                          'timestamp without time zone'::regtype);
    IF v_parent IS NULL THEN
        RAISE EXCEPTION '%.% is not a table range-partitioned on one date or timestamp column',
            v_schema, v_table USING ERRCODE = 'wrong_object_type';
    END IF;
    RETURN v_parent;
END
$$;

COMMENT ON FUNCTION pulsex.monthly_partitioned_table(text) IS
    'Internal. Resolves ''briefings'' or ''pulsex.briefings'' to the table, checking that it is a '
    'pulsex table range-partitioned on one date/timestamp column; raises otherwise.';

ALTER FUNCTION pulsex.monthly_partitioned_table(text) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.monthly_partitioned_table(text) FROM PUBLIC;


CREATE FUNCTION pulsex.create_monthly_partitions(
    p_table        text,
    p_months_ahead integer DEFAULT 3,
    p_from         date DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
SET datestyle = 'ISO, YMD'
AS $$
DECLARE
    v_parent  regclass := pulsex.monthly_partitioned_table(p_table);
    v_schema  name;
    v_table   name;
    v_key     name;
    v_default regclass;
    v_columns text;
    v_month   date;
    v_last    date;
    v_name    text;
    v_lo      timestamptz;
    v_hi      timestamptz;
    v_rows    jsonb;
BEGIN
    IF p_months_ahead IS NULL OR p_months_ahead NOT BETWEEN 0 AND 120 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 120, got %', p_months_ahead
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT n.nspname, c.relname, a.attname
      INTO v_schema, v_table, v_key
      FROM pg_class AS c
      JOIN pg_namespace AS n ON n.oid = c.relnamespace
      JOIN pg_partitioned_table AS pt ON pt.partrelid = c.oid
      JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
     WHERE c.oid = v_parent;

    SELECT c.oid::regclass INTO v_default
      FROM pg_inherits AS i
      JOIN pg_class AS c ON c.oid = i.inhrelid
     WHERE i.inhparent = v_parent AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

    -- columns a moved row is re-inserted with (generated columns compute themselves)
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
      INTO v_columns
      FROM pg_attribute AS a
     WHERE a.attrelid = v_parent AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';

    -- months [from, max(today, from) + months_ahead], month boundaries in UTC
    v_month := date_trunc('month', coalesce(p_from, current_date));
    v_last  := date_trunc('month', greatest(current_date, coalesce(p_from, current_date)))
               + make_interval(months => p_months_ahead);

    WHILE v_month <= v_last LOOP
        v_name := format('%s_p%s', v_table, to_char(v_month, 'YYYYMM'));
        IF NOT EXISTS (SELECT 1
                         FROM pg_inherits AS i
                         JOIN pg_class AS c ON c.oid = i.inhrelid
                        WHERE i.inhparent = v_parent AND c.relname = v_name) THEN
            v_lo := v_month;
            v_hi := v_month + interval '1 month';
            v_rows := NULL;

            -- Rows that already landed in the default partition for this month must leave it,
            -- or CREATE ... PARTITION OF fails; they are put into the new partition below.
            IF v_default IS NOT NULL THEN
                EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= $1 AND %I < $2 RETURNING *) '
                               'SELECT jsonb_agg(to_jsonb(moved)) FROM moved', v_default, v_key, v_key)
                   INTO v_rows
                  USING v_lo, v_hi;
            END IF;

            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                           v_schema, v_name, v_schema, v_table, v_lo, v_hi);
            PERFORM pulsex.secure_partition(format('%I.%I', v_schema, v_name)::regclass);

            IF v_rows IS NOT NULL THEN
                EXECUTE format('INSERT INTO %I.%I (%s) OVERRIDING SYSTEM VALUE '
                               'SELECT %s FROM jsonb_populate_recordset(NULL::%I.%I, $1)',
                               v_schema, v_name, v_columns, v_columns, v_schema, v_table)
                  USING v_rows;
                RAISE NOTICE '% row(s) moved from % into %.%',
                    jsonb_array_length(v_rows), v_default, v_schema, v_name;
            END IF;
            RETURN NEXT v_name;
        END IF;
        v_month := v_month + interval '1 month';
    END LOOP;
END
$$;

COMMENT ON FUNCTION pulsex.create_monthly_partitions(text, integer, date) IS
    'Creates the missing monthly partitions <table>_pYYYYMM of a pulsex table range-partitioned on '
    'one date/timestamp column, for every month from p_from (default: this month) to '
    'max(this month, p_from) + p_months_ahead, UTC month boundaries. Idempotent: existing '
    'partitions are skipped; returns the names it created. Rows found in the table''s default '
    'partition for a new month are moved into the new partition. SECURITY DEFINER so that every '
    'partition is owned by pulsex_migrations whoever runs the job. Takes an ACCESS EXCLUSIVE lock '
    'on the parent for each partition created: run it off-peak (monthly job, months ahead).';

ALTER FUNCTION pulsex.create_monthly_partitions(text, integer, date) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.create_monthly_partitions(text, integer, date) FROM PUBLIC;
