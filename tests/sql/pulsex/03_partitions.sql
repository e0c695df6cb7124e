-- Partitioning: the partitions the migrations promise exist; rows are routed to the right
-- month; a one-day query touches one partition (plan-time pruning), also under RLS;
-- create_monthly_partitions() is idempotent and secures what it creates; a briefing outside
-- every partition is an error; a row in a default partition is reported and moved out when
-- its partition is created; the retention function detaches and drops old partitions only.
BEGIN;
SELECT plan(33);

CREATE FUNCTION pg_temp.scanned_relations(p_query text) RETURNS text[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_plan jsonb;
BEGIN
    EXECUTE format('EXPLAIN (FORMAT JSON, COSTS OFF) %s', p_query) INTO v_plan;
    RETURN ARRAY(SELECT DISTINCT r #>> '{}'
                   FROM jsonb_path_query(v_plan, 'strict $.**."Relation Name"') AS r
                  ORDER BY 1);
END
$$;

CREATE FUNCTION pg_temp.missing_partitions(p_table text) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT ARRAY(
        SELECT format('%s_p%s', p_table, to_char(m, 'YYYYMM'))
          FROM generate_series(date '2026-10-01',
                               date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
                               interval '1 month') AS m
        EXCEPT
        SELECT c.relname::text
          FROM pg_inherits AS i
          JOIN pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent = format('pulsex.%I', p_table)::regclass
        ORDER BY 1)
$$;

-- What migration 0012 promises: October 2026 (seed data) through three months ahead.
SELECT is(pg_temp.missing_partitions('briefings'), '{}'::text[], 'briefings has every partition from 2026-10 to three months ahead');
SELECT is(pg_temp.missing_partitions('audit_logs'), '{}'::text[], 'audit_logs has every partition from 2026-10 to three months ahead');
SELECT is(pg_temp.missing_partitions('analytics_events'), '{}'::text[], 'analytics_events has every partition from 2026-10 to three months ahead');
SELECT is((SELECT count(*) FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'pulsex.briefings'::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'),
          0::bigint, 'briefings has no default partition');
SELECT has_table('pulsex', 'analytics_events_default', 'analytics_events has a default partition');

-- Routing
INSERT INTO pulsex.briefings (user_id, briefing_date)
VALUES ('00000000-0000-4000-8000-000000000040', '2026-10-15'),
       ('00000000-0000-4000-8000-000000000040', (date_trunc('month', current_date) + interval '2 months 4 days')::date);
SELECT is((SELECT tableoid::regclass::text FROM pulsex.briefings
            WHERE user_id = '00000000-0000-4000-8000-000000000040' AND briefing_date = '2026-10-15'),
          'pulsex.briefings_p202610', 'a briefing of 2026-10-15 is stored in briefings_p202610');
SELECT is((SELECT tableoid::regclass::text FROM pulsex.briefings
            WHERE user_id = '00000000-0000-4000-8000-000000000040' AND briefing_date > current_date),
          format('pulsex.briefings_p%s', to_char(date_trunc('month', current_date) + interval '2 months', 'YYYYMM')),
          'a briefing two months ahead is stored in its month''s partition');
SELECT throws_ok($$INSERT INTO pulsex.briefings (user_id, briefing_date) VALUES ('00000000-0000-4000-8000-000000000040', '2099-06-01')$$,
                 '23514', NULL, 'a briefing for a month without a partition is an error, not silently stored');
UPDATE pulsex.users SET display_name = 'Partition Probe' WHERE id = '00000000-0000-4000-8000-000000000040';
SELECT is((SELECT tableoid::regclass::text FROM pulsex.audit_logs
            WHERE subject_user_id = '00000000-0000-4000-8000-000000000040' AND operation = 'UPDATE'),
          format('pulsex.audit_logs_p%s', to_char(now() AT TIME ZONE 'UTC', 'YYYYMM')),
          'an audit row is stored in the current month''s partition, not in the default one');

-- Pruning: a one-day query reads one partition
SELECT is(pg_temp.scanned_relations($$SELECT * FROM pulsex.briefings WHERE briefing_date = '2026-10-15'$$),
          ARRAY['briefings_p202610'], 'a one-day briefings query scans only that month''s partition');
SELECT is(pg_temp.scanned_relations($$SELECT count(*) FROM pulsex.analytics_events
                                      WHERE occurred_at >= '2026-10-15 00:00+00' AND occurred_at < '2026-10-16 00:00+00'$$),
          ARRAY['analytics_events_p202610'], 'a one-day analytics query skips the other months and the default partition');
SELECT is(pg_temp.scanned_relations($$SELECT * FROM pulsex.briefings WHERE briefing_date >= '2026-10-01'$$)
          @> ARRAY['briefings_p202610', 'briefings_p202611'], true,
          'a query over several months does scan several partitions (the check above can fail)');
SET LOCAL ROLE pulsex_app;
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000002');
SELECT is(pg_temp.scanned_relations($$SELECT cards FROM pulsex.briefings
                                      WHERE user_id = '00000000-0000-4000-8000-000000000002' AND briefing_date = '2026-10-15'$$),
          ARRAY['briefings_p202610'], 'as pulsex_app under RLS the one-day fetch still scans one partition');
RESET ROLE;

-- create_monthly_partitions(): idempotent, generic, secures its partitions
SELECT is((SELECT count(*) FROM pulsex.create_monthly_partitions('briefings', 3)), 0::bigint,
          'create_monthly_partitions(briefings, 3) creates nothing when the partitions exist');
CREATE TEMP TABLE count_before AS SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'pulsex.briefings'::regclass;
CREATE TEMP TABLE created AS SELECT * FROM pulsex.create_monthly_partitions('pulsex.briefings', 5) AS name;
SELECT is((SELECT array_agg(name ORDER BY name) FROM created),
          ARRAY[format('briefings_p%s', to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '4 months', 'YYYYMM')),
                format('briefings_p%s', to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '5 months', 'YYYYMM'))],
          'asking for 5 months ahead creates exactly the two missing months');
SELECT is((SELECT count(*) FROM pulsex.create_monthly_partitions('briefings', 5)), 0::bigint,
          'a second identical call creates nothing');
SELECT is((SELECT count(*) FROM pg_inherits WHERE inhparent = 'pulsex.briefings'::regclass),
          (SELECT n + 2 FROM count_before),
          'the partition count grew by exactly two');
SELECT is((SELECT count(*) FROM created AS n
             JOIN pg_class AS c ON c.relname = n.name AND c.relnamespace = 'pulsex'::regnamespace
            WHERE c.relrowsecurity AND c.relforcerowsecurity
              AND pg_get_userbyid(c.relowner) = 'pulsex_migrations'
              AND obj_description(c.oid, 'pg_class') IS NOT NULL
              AND has_table_privilege('pulsex_backup', c.oid, 'SELECT')
              AND NOT has_table_privilege('pulsex_app', c.oid, 'SELECT')),
          2::bigint, 'new partitions are owned by pulsex_migrations, RLS-forced, commented, readable by backup only');
SELECT ok((SELECT count(*) FROM pulsex.create_monthly_partitions('audit_logs', 4)) = 1
          AND (SELECT count(*) FROM pulsex.create_monthly_partitions('analytics_events', 4)) = 1,
          'the same function serves the timestamptz-partitioned tables');
SELECT throws_ok($$SELECT pulsex.create_monthly_partitions('users', 3)$$, '42809', NULL,
                 'create_monthly_partitions refuses a table that is not partitioned');
SELECT throws_ok($$SELECT pulsex.create_monthly_partitions('public.briefings', 3)$$, '22023', NULL,
                 'create_monthly_partitions refuses tables outside schema pulsex');

-- The default partition is not a silent sink
INSERT INTO pulsex.analytics_events (occurred_at, user_id, event_type)
VALUES ('2099-01-15 10:00+00', '00000000-0000-4000-8000-000000000002', 'app_open');
SELECT is((SELECT tableoid::regclass::text FROM pulsex.analytics_events WHERE occurred_at = '2099-01-15 10:00+00'),
          'pulsex.analytics_events_default', 'an event of a month without a partition lands in the default partition');
SELECT is((SELECT rows_in_default || ' ' || status FROM pulsex.partition_health WHERE table_name = 'analytics_events'),
          '1 warning', 'partition_health reports the row in the default partition');
SELECT is((SELECT status FROM pulsex.database_health WHERE metric = 'rows_in_default_partitions'),
          'warning', 'database_health raises the default-partition metric');
SELECT is(ARRAY(SELECT pulsex.create_monthly_partitions('analytics_events', 0, '2099-01-01')),
          ARRAY['analytics_events_p209901'], 'creating the missing month''s partition succeeds despite the stray row');
SELECT is((SELECT tableoid::regclass::text FROM pulsex.analytics_events WHERE occurred_at = '2099-01-15 10:00+00'),
          'pulsex.analytics_events_p209901', 'the stray row was moved into the new partition');
SELECT is((SELECT rows_in_default FROM pulsex.partition_health WHERE table_name = 'analytics_events'),
          0::bigint, 'the default partition is empty again');

-- Retention
CREATE TABLE pulsex.briefings_p202001 PARTITION OF pulsex.briefings FOR VALUES FROM ('2020-01-01') TO ('2020-02-01');
CREATE TABLE pulsex.briefings_p202002 PARTITION OF pulsex.briefings FOR VALUES FROM ('2020-02-01') TO ('2020-03-01');
INSERT INTO pulsex.briefings (user_id, briefing_date) VALUES ('00000000-0000-4000-8000-000000000002', '2020-01-10');
SELECT throws_ok($$SELECT pulsex.drop_old_partitions('briefings', 0)$$, '22023', NULL,
                 'drop_old_partitions refuses to keep less than one month');
CREATE TEMP TABLE detached AS SELECT * FROM pulsex.drop_old_partitions('briefings', 12, true) AS name;
SELECT ok(ARRAY(SELECT name FROM detached) @> ARRAY['pulsex.briefings_p202001', 'pulsex.briefings_p202002']
          AND NOT EXISTS (SELECT 1 FROM detached WHERE name >= format('pulsex.briefings_p%s', to_char(now() - interval '12 months', 'YYYYMM'))),
          'drop_old_partitions returns the partitions older than the limit and no newer one');
SELECT ok(to_regclass('pulsex.briefings_p202001') IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = 'pulsex.briefings_p202001'::regclass),
          'with detach_only the old partition is detached but kept');
ALTER TABLE pulsex.briefings ATTACH PARTITION pulsex.briefings_p202001 FOR VALUES FROM ('2020-01-01') TO ('2020-02-01');
ALTER TABLE pulsex.briefings ATTACH PARTITION pulsex.briefings_p202002 FOR VALUES FROM ('2020-02-01') TO ('2020-03-01');
SELECT ok(ARRAY(SELECT pulsex.drop_old_partitions('briefings', 12)) @> ARRAY['pulsex.briefings_p202001'],
          'drop_old_partitions drops the old partitions');
SELECT ok(to_regclass('pulsex.briefings_p202001') IS NULL AND to_regclass('pulsex.briefings_p202002') IS NULL,
          'the dropped partitions are gone');
SELECT ok(to_regclass(format('pulsex.briefings_p%s', to_char(now() AT TIME ZONE 'UTC', 'YYYYMM'))) IS NOT NULL,
          'the current month''s partition is kept');

SELECT * FROM finish();
ROLLBACK;
