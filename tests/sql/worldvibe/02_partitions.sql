-- Partitioning: the partitions migration 0018 promises exist (seed range, yesterday .. 7 days
-- ahead); rows are routed to their day; a one-day query reads one partition; creating
-- partitions ahead is idempotent; the default partition is not a silent sink (rows there are
-- flagged, health degrades, create_partitions moves them out; rows older than every partition
-- are refused); retention drops whole old days and never the rollups built from them.
BEGIN;
SELECT plan(42);

CREATE FUNCTION pg_temp.missing_days(p_parent regclass, p_from date, p_to date) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT ARRAY(
        SELECT format('%s_p%s', split_part(p_parent::text, '.', 2), to_char(d, 'YYYYMMDD'))
          FROM generate_series(p_from, p_to, interval '1 day') AS d
        EXCEPT
        SELECT c.relname::text FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent = p_parent
        ORDER BY 1)
$$;

CREATE FUNCTION pg_temp.scanned(p_query text) RETURNS text[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_plan jsonb;
BEGIN
    EXECUTE format('EXPLAIN (FORMAT JSON, COSTS OFF) %s', p_query) INTO v_plan;
    RETURN ARRAY(SELECT DISTINCT r #>> '{}' FROM jsonb_path_query(v_plan, 'strict $.**."Relation Name"') AS r ORDER BY 1);
END
$$;

CREATE TEMP TABLE today AS SELECT (now() AT TIME ZONE 'UTC')::date AS d;

-- what the migration promises
SELECT is(pg_temp.missing_days('worldvibe.check_ins', '2024-03-04', '2024-03-17'), '{}', 'check_ins has a partition for every seed day');
SELECT is(pg_temp.missing_days('worldvibe.events', '2024-03-04', '2024-03-17'), '{}', 'events has a partition for every seed day');
SELECT is(pg_temp.missing_days('worldvibe.check_ins', (SELECT d - 1 FROM today), (SELECT d + 7 FROM today)), '{}',
          'check_ins has partitions from yesterday to 7 days ahead');
SELECT is(pg_temp.missing_days('worldvibe.events', (SELECT d - 1 FROM today), (SELECT d + 7 FROM today)), '{}',
          'events has partitions from yesterday to 7 days ahead');
SELECT is(ARRAY(SELECT partition_table::text FROM worldvibe.partition_bounds('worldvibe.check_ins') WHERE is_default),
          ARRAY['worldvibe.check_ins_default'], 'check_ins has one default partition');

-- routing and pruning
INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
VALUES ('2024-03-05 10:15+00', worldvibe.pseudonymize('seed-user-0002'), 'TRUST', 6, 'SRID=4326;POINT(10 10)'),
       (now(), worldvibe.pseudonymize('seed-user-0002'), 'TRUST', 6, 'SRID=4326;POINT(10 10)');
SELECT is((SELECT tableoid::regclass::text FROM worldvibe.check_ins
            WHERE subject_hash = worldvibe.pseudonymize('seed-user-0002') AND created_at = '2024-03-05 10:15+00'),
          'worldvibe.check_ins_p20240305', 'a check-in of 2024-03-05 is stored in check_ins_p20240305');
SELECT is((SELECT tableoid::regclass::text FROM worldvibe.check_ins
            WHERE subject_hash = worldvibe.pseudonymize('seed-user-0002') AND created_at = now()),
          'worldvibe.check_ins_p' || to_char((SELECT d FROM today), 'YYYYMMDD'), 'a check-in of now is stored in today''s partition');
INSERT INTO worldvibe.events (occurred_at, session_id, event_type)
SELECT '2024-03-09 23:59:59.999999+00', id, 'routing_probe' FROM worldvibe.sessions ORDER BY id LIMIT 1;
SELECT is((SELECT tableoid::regclass::text FROM worldvibe.events WHERE event_type = 'routing_probe'),
          'worldvibe.events_p20240309', 'an event at the last microsecond of a day stays in that day''s partition');
SELECT is(pg_temp.scanned($$SELECT count(*) FROM worldvibe.check_ins
                             WHERE created_at >= '2024-03-05 00:00+00' AND created_at < '2024-03-06 00:00+00'$$),
          ARRAY['check_ins_p20240305'], 'a one-day query reads only that day''s partition (not even the default one)');

-- creation ahead: idempotent
SELECT is(ARRAY(SELECT p::text FROM worldvibe.create_partitions_ahead('worldvibe.check_ins', 10) AS p ORDER BY 1),
          ARRAY(SELECT 'worldvibe.check_ins_p' || to_char(d, 'YYYYMMDD')
                  FROM generate_series((SELECT d + 8 FROM today), (SELECT d + 10 FROM today), interval '1 day') AS d),
          'create_partitions_ahead(10) creates exactly the three missing days 8..10');
SELECT is((SELECT count(*) FROM worldvibe.create_partitions_ahead('worldvibe.check_ins', 10)), 0::bigint,
          'calling it again creates nothing');
SELECT is((SELECT count(*) FROM worldvibe.create_partitions('worldvibe.check_ins', '2024-03-04', '2024-03-17')), 0::bigint,
          'create_partitions over existing days creates nothing');
SELECT is(pg_temp.missing_days('worldvibe.check_ins', (SELECT d - 1 FROM today), (SELECT d + 10 FROM today)), '{}',
          'partitions now reach 10 days ahead');
SELECT is((SELECT relowner::regrole::text FROM pg_class
            WHERE oid = format('worldvibe.check_ins_p%s', to_char((SELECT d + 10 FROM today), 'YYYYMMDD'))::regclass),
          'worldvibe_owner', 'a new partition belongs to worldvibe_owner');
SELECT is(ARRAY(SELECT tgname::text FROM pg_trigger
                 WHERE tgrelid = format('worldvibe.check_ins_p%s', to_char((SELECT d + 10 FROM today), 'YYYYMMDD'))::regclass
                 ORDER BY 1),
          ARRAY['sanitize'], 'a new partition carries the snapping row trigger (the statement triggers live on the parent)');
SELECT throws_ok($$SELECT worldvibe.create_partitions('worldvibe.sessions', '2024-03-01', '2024-03-02')$$, '42809', NULL,
                 'create_partitions refuses a table that is not partitioned by time');
SELECT throws_ok($$SELECT worldvibe.create_partitions('worldvibe.check_ins', '2024-03-02', '2024-03-01')$$, '22023', NULL,
                 'create_partitions refuses a reversed range');

-- the default partition: kept, flagged, moved out
INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
VALUES ('2025-06-15 12:30+00', worldvibe.pseudonymize('seed-user-0003'), 'SURPRISE', 8, 'SRID=4326;POINT(-3.7 40.4)');
CREATE TEMP TABLE parked AS
SELECT id, created_at, subject_hash, emotion, intensity, location::text AS location, region_hash, tableoid::regclass::text AS part
  FROM worldvibe.check_ins WHERE created_at = '2025-06-15 12:30+00';
SELECT is((SELECT part FROM parked), 'worldvibe.check_ins_default', 'a check-in of a day without partition lands in the default partition');
SELECT is(current_setting('worldvibe.default_partition_warned', true), 'worldvibe.check_ins_default',
          'and the transaction was warned about it');
SELECT is(worldvibe.health() ->> 'status', 'degraded', 'health() is degraded while a default partition holds rows');
SELECT is(worldvibe.health() #>> '{checks,defaultPartitionRows,check_ins}', '1', 'health() counts the row in the default partition');
SELECT is((SELECT value FROM worldvibe.v_metrics WHERE metric = 'worldvibe_default_partition_rows' AND labels ->> 'table' = 'worldvibe.check_ins'),
          1::double precision, 'the metrics report it too');
SELECT is(ARRAY(SELECT p::text FROM worldvibe.create_partitions('worldvibe.check_ins', '2025-06-15', '2025-06-15') AS p),
          ARRAY['worldvibe.check_ins_p20250615'], 'creating the day''s partition succeeds despite the row in the default partition');
SELECT is((SELECT count(*) FROM worldvibe.check_ins_default), 0::bigint, 'the default partition is empty again');
SELECT is((SELECT ROW(id, created_at, subject_hash, emotion::text, intensity, location::text, region_hash, tableoid::regclass::text)::text
             FROM worldvibe.check_ins WHERE created_at = '2025-06-15 12:30+00'),
          (SELECT ROW(id, created_at, subject_hash, emotion::text, intensity, location, region_hash, 'worldvibe.check_ins_p20250615')::text FROM parked),
          'the row was moved unchanged into the new partition');
SELECT is(worldvibe.health() ->> 'status', 'up', 'health() is up again');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-01 08:00+00', worldvibe.pseudonymize('seed-user-0003'), 'JOY', 5, 'SRID=4326;POINT(0 0)')$$,
                 'WVP01', NULL, 'a check-in older than the oldest partition is refused, not parked');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES (now() + interval '1 day', worldvibe.pseudonymize('seed-user-0003'), 'JOY', 5, 'SRID=4326;POINT(0 0)')$$,
                 'WVT01', NULL, 'a check-in in the future is refused');
INSERT INTO worldvibe.events (occurred_at, session_id, event_type)
SELECT '2025-06-16 08:00+00', id, 'parked_probe' FROM worldvibe.sessions ORDER BY id LIMIT 1;
SELECT is((SELECT tableoid::regclass::text FROM worldvibe.events WHERE event_type = 'parked_probe'), 'worldvibe.events_default',
          'an event of a day without partition lands in events_default');
SELECT is((SELECT count(*) FROM worldvibe.create_partitions('worldvibe.events', '2025-06-16', '2025-06-16')), 1::bigint,
          'creating that day for events succeeds');
SELECT is((SELECT tableoid::regclass::text FROM worldvibe.events WHERE event_type = 'parked_probe'), 'worldvibe.events_p20250616',
          'and the event moved into it');

-- retention
CREATE TEMP TABLE rollups_before AS
SELECT (SELECT count(*) FROM worldvibe.hourly_rollups WHERE bucket < '2024-03-06 00:00+00') AS hourly,
       (SELECT count(*) FROM worldvibe.daily_rollups WHERE day < '2024-03-06') AS daily;
SELECT ok((SELECT hourly > 0 AND daily > 0 FROM rollups_before), 'precondition: rollups exist for 2024-03-04 and 05');
SELECT is(ARRAY(SELECT worldvibe.drop_partitions_older_than('worldvibe.check_ins', '2024-03-06 00:00+00') ORDER BY 1),
          ARRAY['worldvibe.check_ins_p20240304', 'worldvibe.check_ins_p20240305'],
          'retention drops exactly the partitions entirely before the cutoff');
SELECT hasnt_table('worldvibe', 'check_ins_p20240305', 'check_ins_p20240305 is gone');
SELECT is((SELECT count(*) FROM worldvibe.check_ins WHERE created_at < '2024-03-06 00:00+00'), 0::bigint,
          'no check-in before the cutoff remains');
SELECT ok((SELECT count(*) FROM worldvibe.check_ins WHERE created_at >= '2024-03-06 00:00+00' AND created_at < '2024-03-07 00:00+00') > 0,
          'the first day after the cutoff is kept');
SELECT is(worldvibe.refresh_rollups('2024-03-04 00:00+00', '2024-03-07 00:00+00'), 24,
          'a refresh over dropped days recomputes only the hours that still have raw data');
SELECT is((SELECT ROW(count(*) FILTER (WHERE bucket < '2024-03-06 00:00+00'), (SELECT count(*) FROM worldvibe.daily_rollups WHERE day < '2024-03-06'))::text
             FROM worldvibe.hourly_rollups),
          (SELECT ROW(hourly, daily)::text FROM rollups_before),
          'the rollups of the dropped days are kept, even after that refresh');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-05 08:00+00', worldvibe.pseudonymize('seed-user-0003'), 'JOY', 5, 'SRID=4326;POINT(0 0)')$$,
                 'WVP01', NULL, 'a late check-in for a day already dropped is refused');
SELECT throws_ok($$SELECT worldvibe.drop_partitions_older_than('worldvibe.check_ins', now() + interval '1 hour')$$, '22023', NULL,
                 'retention refuses a cutoff in the future');
INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
VALUES ('2025-06-20 12:30+00', worldvibe.pseudonymize('seed-user-0003'), 'CALM', 2, 'SRID=4326;POINT(-3.7 40.4)');
SELECT is((SELECT count(*) FROM worldvibe.drop_partitions_older_than('worldvibe.check_ins', '2025-07-01 00:00+00')), 13::bigint,
          'retention up to 2025-07-01 drops the 12 remaining seed days and 2025-06-15');
SELECT is((SELECT count(*) FROM worldvibe.check_ins_default), 0::bigint, 'and deletes the older rows waiting in the default partition');

SELECT * FROM finish();
ROLLBACK;
