-- Health, metrics and the maintenance job's parts: health() returns the seed's database JSON
-- (status and pool counts) and turns degraded when partitions run out or the rollups lag; the
-- metrics view lists the seed's metrics; apply_retention() applies the retention settings (the
-- seed's 2024 days are older than the 90 days kept) and keeps the rollups; run_maintenance is a
-- procedure that commits between steps, so it refuses to run inside a transaction block.
BEGIN;
SELECT plan(25);

CREATE TEMP TABLE h AS SELECT worldvibe.health() AS j;
SELECT is((SELECT j ->> 'status' FROM h), 'up', 'health: status up');
SELECT ok((SELECT (j -> 'healthy')::boolean FROM h), 'health: healthy');
SELECT is((SELECT ARRAY(SELECT jsonb_object_keys(j -> 'pool') ORDER BY 1) FROM h),
          ARRAY['activeConnections', 'idleConnections', 'idleInTransactionConnections', 'maxConnections', 'totalConnections', 'waitingClients'],
          'health: the pool object has the seed''s keys (and two more)');
SELECT ok((SELECT (j #>> '{pool,activeConnections}')::int >= 1
                  AND (j #>> '{pool,totalConnections}')::int >= (j #>> '{pool,activeConnections}')::int + (j #>> '{pool,idleConnections}')::int
             FROM h), 'health: this connection is counted as active; the parts add up to at most the total');
SELECT is((SELECT (j #>> '{pool,waitingClients}')::int FROM h), 0, 'health: nobody waits for a lock');
SELECT ok((SELECT (j #>> '{checks,partitionRunwayDays,worldvibe.check_ins}')::numeric BETWEEN 7 AND 9 FROM h),
          'health: about 8 days of check-in partitions ahead');

-- degraded: the rollups lag
INSERT INTO worldvibe.rollup_invalidations (bucket, logged_at) VALUES ('2024-03-05 10:00+00', now() - interval '2 hours');
SELECT is(worldvibe.health() ->> 'status', 'degraded', 'health: degraded when the rollups lag two hours');
SELECT is((SELECT value FROM worldvibe.v_metrics WHERE metric = 'worldvibe_rollup_pending_hours'), 1::double precision, 'metrics: one pending hour');
SELECT ok((SELECT value BETWEEN 7000 AND 7300 FROM worldvibe.v_metrics WHERE metric = 'worldvibe_rollup_lag_seconds'), 'metrics: a lag of two hours');
SELECT is(worldvibe.refresh_invalidated_rollups(), 1, 'a refresh clears it');
SELECT is(worldvibe.health() ->> 'status', 'up', 'health: up again');

-- degraded: no partition ahead
DO $$
DECLARE
    v_part regclass;
BEGIN
    FOR v_part IN SELECT partition_table FROM worldvibe.partition_bounds('worldvibe.check_ins') WHERE lower_bound > now() LOOP
        EXECUTE format('DROP TABLE %s', v_part);
    END LOOP;
END
$$;
SELECT is(worldvibe.health() ->> 'status', 'degraded', 'health: degraded when check_ins has no partition beyond today');
SELECT ok((SELECT value < 1 FROM worldvibe.v_metrics WHERE metric = 'worldvibe_partition_runway_days' AND labels ->> 'table' = 'worldvibe.check_ins'),
          'metrics: runway below one day');
SELECT is((SELECT count(*) FROM worldvibe.create_partitions_ahead('worldvibe.check_ins')), 7::bigint, 'create_partitions_ahead puts the 7 days back');
SELECT is(worldvibe.health() ->> 'status', 'up', 'health: up again');

-- the metrics of the seed
SELECT is(ARRAY(SELECT DISTINCT metric FROM worldvibe.v_metrics WHERE metric LIKE 'worldvibe\_db\_%' ORDER BY 1),
          ARRAY['worldvibe_db_errors_total', 'worldvibe_db_operations_total', 'worldvibe_db_pool_connections',
                'worldvibe_db_pool_max_connections', 'worldvibe_db_pool_waiting_clients', 'worldvibe_db_query_active_seconds_total',
                'worldvibe_db_rows_total', 'worldvibe_db_transaction_active_seconds_avg'],
          'metrics: operations, query time, errors and pool, as the seed lists them');
SELECT ok((SELECT value > 0 FROM worldvibe.v_metrics WHERE metric = 'worldvibe_db_operations_total' AND labels ->> 'outcome' = 'commit'),
          'metrics: committed transactions are counted');
SELECT is((SELECT count(*) FROM worldvibe.v_partitions WHERE parent = 'worldvibe.check_ins'::regclass AND is_default), 1::bigint,
          'v_partitions lists the default partition');

-- retention per settings (90 days: the 2024 seed days go, the rollups stay)
CREATE TEMP TABLE before AS
SELECT (SELECT count(*) FROM worldvibe.daily_rollups) AS daily,
       (SELECT count(*) FROM worldvibe.hourly_rollups WHERE bucket >= now() - interval '400 days') AS hourly_kept,
       (SELECT count(*) FROM worldvibe.hourly_rollups WHERE bucket < now() - interval '400 days') AS hourly_expired;
CREATE TEMP TABLE retained AS SELECT worldvibe.apply_retention() AS j;
SELECT is((SELECT jsonb_array_length(j -> 'dropped_check_in_partitions') FROM retained), 14, 'retention drops the 14 seed days of check_ins');
SELECT is((SELECT jsonb_array_length(j -> 'dropped_event_partitions') FROM retained), 14, 'and of events');
SELECT is((SELECT (j ->> 'deleted_sessions')::int FROM retained), 600, 'and deletes the 600 seed sessions');
SELECT is((SELECT count(*) FROM worldvibe.check_ins), 0::bigint, 'no raw check-in is left');
SELECT is((SELECT ROW((SELECT count(*) FROM worldvibe.daily_rollups), (SELECT count(*) FROM worldvibe.hourly_rollups))::text),
          (SELECT ROW(daily, hourly_kept)::text FROM before),
          'the daily rollups are all kept, the hourly ones only for 400 days (the seed''s are older on runs after April 2025)');
SELECT is((SELECT (j ->> 'deleted_hourly_rollups')::bigint FROM retained), (SELECT hourly_expired FROM before),
          'and retention reports the hourly rows it deleted');

-- the job itself
SELECT throws_ok($$CALL worldvibe.run_maintenance()$$, '2D000', NULL,
                 'run_maintenance commits between its steps, so it cannot run inside a transaction block');

SELECT * FROM finish();
ROLLBACK;
