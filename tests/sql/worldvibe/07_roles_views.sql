-- Roles and privileges, tested by becoming each role: the analytics role reads the four
-- k-anonymous views and nothing raw (check-ins, rollups, consents, settings, the key, the
-- hash function); the dashboard role reads only the two public views; the app reads and writes
-- only the rows of the subject it acts for; monitor and maintenance reach only their
-- functions. No raw identifier is stored anywhere.
BEGIN;
SELECT plan(45);

SELECT is(ARRAY(SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'worldvibe\_%' AND NOT rolcanlogin AND NOT rolsuper
                   AND NOT rolbypassrls ORDER BY 1),
          ARRAY['worldvibe_analytics', 'worldvibe_app', 'worldvibe_dashboard', 'worldvibe_maintenance', 'worldvibe_monitor', 'worldvibe_owner'],
          'the six roles exist, NOLOGIN, without superuser or BYPASSRLS');
SELECT ok(pg_has_role('worldvibe_owner', 'pg_read_all_stats', 'MEMBER'), 'worldvibe_owner is a member of pg_read_all_stats (health sees every connection)');

-- analytics
SET LOCAL ROLE worldvibe_analytics;
SELECT lives_ok($$SELECT * FROM worldvibe.v_hourly_emotions LIMIT 1$$, 'analytics reads v_hourly_emotions');
SELECT lives_ok($$SELECT * FROM worldvibe.v_daily_emotions LIMIT 1$$, 'analytics reads v_daily_emotions');
SELECT lives_ok($$SELECT * FROM worldvibe.v_region_map LIMIT 1$$, 'analytics reads v_region_map');
SELECT lives_ok($$SELECT * FROM worldvibe.v_dashboard_last_24h LIMIT 1$$, 'analytics reads v_dashboard_last_24h');
SELECT ok((SELECT count(*) FROM worldvibe.v_region_map) > 0, 'analytics sees the seeded map');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.check_ins$$, '42501', NULL, 'analytics cannot read raw check-ins');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.check_ins_p20240305$$, '42501', NULL, 'analytics cannot read a partition directly');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.hourly_rollups$$, '42501', NULL, 'analytics cannot read the hourly rollups (they hold groups under k)');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.daily_rollups$$, '42501', NULL, 'analytics cannot read the daily rollups');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.privacy_consents$$, '42501', NULL, 'analytics cannot read consents');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.sessions$$, '42501', NULL, 'analytics cannot read sessions');
SELECT throws_ok($$UPDATE worldvibe.settings SET k_anonymity = 2$$, '42501', NULL, 'analytics cannot lower k');
SELECT throws_ok($$SELECT secret FROM worldvibe.pseudonym_keys$$, '42501', NULL, 'analytics cannot read the hashing key');
SELECT throws_ok($$SELECT worldvibe.pseudonymize('seed-user-0001')$$, '42501', NULL, 'analytics cannot hash identifiers (no dictionary attack)');
SELECT throws_ok($$SELECT worldvibe.refresh_invalidated_rollups()$$, '42501', NULL, 'analytics cannot run the refresh');
RESET ROLE;

-- dashboard
SET LOCAL ROLE worldvibe_dashboard;
SELECT lives_ok($$SELECT * FROM worldvibe.v_region_map LIMIT 1$$, 'dashboard reads v_region_map');
SELECT lives_ok($$SELECT * FROM worldvibe.v_dashboard_last_24h LIMIT 1$$, 'dashboard reads v_dashboard_last_24h');
SELECT throws_ok($$SELECT * FROM worldvibe.v_hourly_emotions LIMIT 1$$, '42501', NULL, 'dashboard cannot read the analysts'' hourly view');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.check_ins$$, '42501', NULL, 'dashboard cannot read raw check-ins');
RESET ROLE;

-- app: row-level security by subject
SET LOCAL ROLE worldvibe_app;
SELECT is((SELECT count(*) FROM worldvibe.check_ins), 0::bigint, 'app without a subject sees no check-in');
SELECT throws_ok($$SELECT worldvibe.record_check_in('JOY', 5, 0, 0)$$, 'WVS01', NULL, 'app without a subject cannot check in');
SELECT is(worldvibe.act_as_subject('seed-user-0007'), worldvibe.pseudonymize('seed-user-0007'), 'app acts for seed-user-0007');
SELECT ok((SELECT count(*) = 12 AND bool_and(subject_hash = worldvibe.pseudonymize('seed-user-0007')) FROM worldvibe.check_ins),
          'app acting for seed-user-0007 sees exactly its 12 check-ins');
SELECT ok((SELECT count(*) = 2 AND bool_and(subject_hash = worldvibe.pseudonymize('seed-user-0007')) FROM worldvibe.sessions),
          'and its 2 sessions');
SELECT ok((SELECT count(*) > 0 FROM worldvibe.events), 'and the events of its sessions');
SELECT is((SELECT count(DISTINCT session_id) FROM worldvibe.events), 2::bigint, 'only those');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (subject_hash, emotion, intensity, location)
                   VALUES (worldvibe.pseudonymize('seed-user-0008'), 'JOY', 5, 'SRID=4326;POINT(0 0)')$$,
                 '42501', NULL, 'app cannot write a check-in for another subject (row-level security)');
SELECT throws_ok($$INSERT INTO worldvibe.events (session_id, event_type) VALUES (md5('seed-session-8-1')::uuid, 'intrusion')$$,
                 '42501', NULL, 'app cannot add an event to another subject''s session (id known: RLS refuses it)');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (subject_hash, emotion, intensity, location, received_at)
                   VALUES (worldvibe.pseudonymize('seed-user-0007'), 'JOY', 5, 'SRID=4326;POINT(0 0)', now() - interval '1 day')$$,
                 '42501', NULL, 'app cannot set server-set columns (received_at)');
WITH d AS (DELETE FROM worldvibe.check_ins WHERE subject_hash = worldvibe.pseudonymize('seed-user-0008') RETURNING 1)
SELECT is((SELECT count(*) FROM d), 0::bigint, 'app cannot delete another subject''s check-ins');
SELECT lives_ok($$SELECT worldvibe.record_check_in('CALM', 3, 2.3522, 48.8566)$$, 'app records a check-in of its subject');
SELECT is((SELECT count(*) FROM worldvibe.check_ins), 13::bigint, 'and sees it');
CREATE TEMP TABLE app_session AS SELECT worldvibe.start_session('MOBILE') AS id;
SELECT lives_ok($$SELECT worldvibe.record_event((SELECT id FROM app_session), 'map_opened', '{"zoom": 3}')$$, 'app records an event in its new session');
SELECT ok(worldvibe.end_session((SELECT id FROM app_session)), 'app ends its session');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.hourly_rollups$$, '42501', NULL, 'app cannot read the rollups');
SELECT ok((worldvibe.check_rate_limit('checkin:seed-user-0007', 10, '1 minute')).allowed, 'app calls the rate limiter');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.rate_limits$$, '42501', NULL, 'but cannot read its table');
RESET ROLE;

-- monitor and maintenance
SET LOCAL ROLE worldvibe_monitor;
SELECT ok(worldvibe.health() ? 'pool', 'monitor calls health()');
SELECT ok((SELECT count(*) > 10 FROM worldvibe.v_metrics), 'monitor reads the metrics');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.check_ins$$, '42501', NULL, 'monitor cannot read check-ins');
RESET ROLE;
SET LOCAL ROLE worldvibe_maintenance;
SELECT lives_ok($$SELECT worldvibe.refresh_invalidated_rollups(); SELECT worldvibe.create_partitions_ahead('worldvibe.check_ins')$$,
                'maintenance refreshes rollups and creates partitions');
SELECT throws_ok($$SELECT count(*) FROM worldvibe.check_ins$$, '42501', NULL, 'maintenance cannot read check-ins');
RESET ROLE;

-- no raw identifier anywhere
SELECT is((SELECT count(*) FROM worldvibe.check_ins WHERE subject_hash LIKE 'seed-user-%' OR subject_hash = md5('seed-user-0001')
                                                           OR subject_hash = left(encode(sha256('seed-user-0001'), 'hex'), 32)), 0::bigint,
          'check-ins hold neither raw ids nor unkeyed hashes of them');

SELECT * FROM finish();
ROLLBACK;
