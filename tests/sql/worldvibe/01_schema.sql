-- Structure and house rules: the objects exist; check_ins and events are partitioned; user-data
-- tables have row-level security enabled and forced; every table and view is commented; every
-- SECURITY DEFINER function pins search_path; everything belongs to worldvibe_owner; trigger
-- functions are named tg_<table>__<task>; the emotion set and intensity range are enforced;
-- no stored location is more precise than the 0.1 degree grid, whatever is inserted.
BEGIN;
SELECT plan(37);

SELECT has_schema('worldvibe', 'schema worldvibe exists');
SELECT ok(NOT EXISTS (
          SELECT unnest(ARRAY['settings', 'pseudonym_keys', 'consent_policy_versions', 'privacy_consents',
                              'check_ins', 'sessions', 'events', 'regions', 'rollup_invalidations',
                              'hourly_rollups', 'daily_rollups', 'rate_limits'])
          EXCEPT
          SELECT c.relname::text FROM pg_class AS c
           WHERE c.relnamespace = 'worldvibe'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition),
          'every documented table exists');
SELECT is((SELECT count(*) FROM pg_class AS c
            WHERE c.relnamespace = 'worldvibe'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition),
          12::bigint, 'and there are no other top-level tables');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class AS c
                 WHERE c.relnamespace = 'worldvibe'::regnamespace AND c.relkind = 'p' ORDER BY 1),
          ARRAY['check_ins', 'events'], 'check_ins and events are the partitioned tables');
SELECT is((SELECT pg_get_partkeydef('worldvibe.check_ins'::regclass)), 'RANGE (created_at)', 'check_ins is range-partitioned by created_at');
SELECT is((SELECT pg_get_partkeydef('worldvibe.events'::regclass)), 'RANGE (occurred_at)', 'events is range-partitioned by occurred_at');
SELECT is((SELECT relpersistence FROM pg_class WHERE oid = 'worldvibe.rate_limits'::regclass), 'u'::"char",
          'rate_limits is UNLOGGED');

-- row-level security
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class AS c
                 WHERE c.relnamespace = 'worldvibe'::regnamespace AND NOT c.relispartition
                   AND c.relrowsecurity AND c.relforcerowsecurity ORDER BY 1),
          ARRAY['check_ins', 'events', 'privacy_consents', 'rate_limits', 'sessions'],
          'RLS is enabled and forced on exactly the tables holding user data');
SELECT is((SELECT count(*) FROM pg_policy WHERE polrelid = 'worldvibe.check_ins'::regclass), 4::bigint,
          'check_ins has its four policies (owner, app select/insert/delete)');

-- comments, ownership, functions
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class AS c
                 WHERE c.relnamespace = 'worldvibe'::regnamespace AND c.relkind IN ('r', 'p', 'v')
                   AND obj_description(c.oid, 'pg_class') IS NULL ORDER BY 1),
          ARRAY[]::text[], 'every table, partition and view has a COMMENT');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc AS p
                 WHERE p.pronamespace = 'worldvibe'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL ORDER BY 1),
          ARRAY[]::text[], 'every function and procedure has a COMMENT');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class AS c
                 WHERE c.relnamespace = 'worldvibe'::regnamespace AND c.relkind IN ('r', 'p', 'v')
                   AND c.relowner <> 'worldvibe_owner'::regrole ORDER BY 1),
          ARRAY[]::text[], 'every table, partition and view belongs to worldvibe_owner');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc AS p
                 WHERE p.pronamespace = 'worldvibe'::regnamespace AND p.proowner <> 'worldvibe_owner'::regrole ORDER BY 1),
          ARRAY[]::text[], 'every function belongs to worldvibe_owner');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc AS p
                 WHERE p.pronamespace = 'worldvibe'::regnamespace AND p.prosecdef
                   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c LIKE 'search_path=%') ORDER BY 1),
          ARRAY[]::text[], 'every SECURITY DEFINER function pins search_path');
SELECT ok((SELECT count(*) FROM pg_proc WHERE pronamespace = 'worldvibe'::regnamespace AND prosecdef) >= 10,
          'the privileged operations are SECURITY DEFINER functions');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc AS p
                 WHERE p.pronamespace = 'worldvibe'::regnamespace AND p.prorettype = 'trigger'::regtype
                   AND p.proname !~ '^tg_[a-z_]+__[a-z_]+$' ORDER BY 1),
          ARRAY[]::text[], 'trigger functions are named tg_<table>__<task>');
SELECT is(ARRAY(SELECT t.tgname || ' on ' || t.tgrelid::regclass FROM pg_trigger AS t
                  JOIN pg_proc AS p ON p.oid = t.tgfoid
                 WHERE NOT t.tgisinternal AND t.tgparentid = 0
                   AND t.tgrelid::regclass::text LIKE 'worldvibe.%'
                   AND p.proname NOT LIKE 'tg\_' || replace(split_part(t.tgrelid::regclass::text, '.', 2), '_', '\_') || '\_\_%'
                 ORDER BY 1),
          ARRAY[]::text[], 'every trigger calls the tg_<its table>__ function');
SELECT is(ARRAY(SELECT conrelid::regclass || ' ' || conname FROM pg_constraint
                 WHERE contype = 'f' AND connamespace = 'worldvibe'::regnamespace AND conparentid = 0
                   AND confdeltype NOT IN ('r', 'c') ORDER BY 1),
          ARRAY[]::text[], 'every foreign key cascades or restricts on delete (none left at the NO ACTION default)');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'postgis'), 'public', 'PostGIS is installed in public');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pgcrypto'), 'public', 'pgcrypto is installed in public');

-- the settings row
SELECT is((SELECT count(*) FROM worldvibe.settings), 1::bigint, 'settings has exactly one row');
SELECT throws_ok($$INSERT INTO worldvibe.settings (singleton) VALUES (false)$$, '23514', NULL, 'a second settings row is impossible');
SELECT throws_ok($$UPDATE worldvibe.settings SET k_anonymity = 1$$, '23514', NULL, 'k below 2 is refused');

-- enumerations and ranges (a consented seed subject, so that the consent trigger lets the row through)
SELECT lives_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                  VALUES ('2024-03-05 10:00+00', worldvibe.pseudonymize('seed-user-0001'), 'JOY', 10,
                          'SRID=4326;POINT(2.35 48.86)')$$, 'a valid check-in is accepted');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-05 10:00+00', worldvibe.pseudonymize('seed-user-0001'), 'HAPPY', 5,
                           'SRID=4326;POINT(2.35 48.86)')$$, '23514', NULL, 'an emotion outside the fixed set is refused');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-05 10:00+00', worldvibe.pseudonymize('seed-user-0001'), 'joy', 5,
                           'SRID=4326;POINT(2.35 48.86)')$$, '23514', NULL, 'emotions are case-sensitive (the app sends upper case)');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-05 10:00+00', worldvibe.pseudonymize('seed-user-0001'), 'JOY', 11,
                           'SRID=4326;POINT(2.35 48.86)')$$, '23514', NULL, 'an intensity above 10 is refused');
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location, device_type)
                   VALUES ('2024-03-05 10:00+00', worldvibe.pseudonymize('seed-user-0001'), 'JOY', 5,
                           'SRID=4326;POINT(2.35 48.86)', 'WATCH')$$, '23514', NULL, 'a device type outside the set is refused');
SELECT throws_ok($$INSERT INTO worldvibe.privacy_consents (subject_hash, purpose, policy_version)
                   VALUES ('seed-user-0001', 'check_ins', 1)$$,
                 '23514', NULL, 'a raw identifier is not accepted as subject_hash');
SELECT throws_ok($$INSERT INTO worldvibe.events (session_id, event_type) SELECT id, 'Page View' FROM worldvibe.sessions LIMIT 1$$,
                 '23514', NULL, 'event types are snake_case');

-- the grid: nothing finer than 0.1 degree is ever stored
SELECT is((SELECT count(*) FROM worldvibe.check_ins WHERE NOT worldvibe.is_on_grid(location)), 0::bigint,
          'no stored location is off the 0.1 degree grid');
INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
VALUES ('2024-03-05 11:00+00', worldvibe.pseudonymize('seed-user-0001'), 'CALM', 4,
        'SRID=4326;POINT(2.3456789 48.8566123)');
SELECT is((SELECT public.ST_AsText(location) FROM worldvibe.check_ins
            WHERE created_at = '2024-03-05 11:00+00' AND subject_hash = worldvibe.pseudonymize('seed-user-0001')),
          'POINT(2.3 48.9)', 'a precise position is snapped to the grid before it is stored');
SELECT is((SELECT region_hash FROM worldvibe.check_ins
            WHERE created_at = '2024-03-05 11:00+00' AND subject_hash = worldvibe.pseudonymize('seed-user-0001')),
          worldvibe.region_hash_of('SRID=4326;POINT(2.3 48.9)'), 'region_hash is derived from the snapped position');
UPDATE worldvibe.check_ins SET location = 'SRID=4326;POINT(-0.1234 51.5071)'
 WHERE created_at = '2024-03-05 11:00+00' AND subject_hash = worldvibe.pseudonymize('seed-user-0001');
SELECT is((SELECT public.ST_AsText(location) FROM worldvibe.check_ins
            WHERE created_at = '2024-03-05 11:00+00' AND subject_hash = worldvibe.pseudonymize('seed-user-0001')),
          'POINT(-0.1 51.5)', 'an updated position is snapped too');
ALTER TABLE worldvibe.check_ins_p20240305 DISABLE TRIGGER sanitize;
SELECT throws_ok($$INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location)
                   VALUES ('2024-03-05 12:00+00', worldvibe.pseudonymize('seed-user-0001'), 'JOY', 5,
                           'SRID=4326;POINT(2.35 48.86)')$$, '23514', NULL,
                 'with the snapping trigger disabled, the CHECK constraint still refuses a precise position');
ALTER TABLE worldvibe.check_ins_p20240305 ENABLE TRIGGER sanitize;
SELECT ok(worldvibe.is_on_grid(worldvibe.snap_location(l)) AND worldvibe.snap_location(worldvibe.snap_location(l))::text = worldvibe.snap_location(l)::text,
          'snapping is idempotent and lands on the grid (' || public.ST_AsText(l) || ')')
  FROM (VALUES ('SRID=4326;POINT(-179.96 -89.99)'::public.geography)) AS v (l);
SELECT is(worldvibe.region_cell_of('SRID=4326;POINT(-0.1 51.5)'), ARRAY[-1, 51], 'region cells are 1 degree, floored (west of Greenwich is cell -1)');

SELECT * FROM finish();
ROLLBACK;
