-- Row-level security and grants, tested as the real roles: equoria_app acting for one
-- player (SET LOCAL ROLE + the equoria.user_id setting the API sets), equoria_admin, and
-- the NOLOGIN role attributes.
BEGIN;
SELECT plan(27);

-- Expected counts for seed player 1, computed as the table owner before switching role.
CREATE TEMP TABLE expected AS
SELECT md5('equoria-seed-user-1')::uuid AS me,
       md5('equoria-seed-user-2')::uuid AS other,
       (SELECT count(*) FROM equoria.horses) AS horses,
       (SELECT count(*) FROM equoria.users) AS users,
       (SELECT count(*) FROM equoria.stables WHERE owner_id = md5('equoria-seed-user-1')::uuid) AS my_stables,
       (SELECT count(*) FROM equoria.training_logs l JOIN equoria.horses h ON h.id = l.horse_id
         WHERE h.owner_id = md5('equoria-seed-user-1')::uuid) AS my_logs,
       (SELECT count(*) FROM equoria.show_entries WHERE owner_id = md5('equoria-seed-user-1')::uuid) AS my_entries,
       (SELECT count(*) FROM equoria.foal_development d JOIN equoria.horses h ON h.id = d.foal_id
         WHERE h.owner_id = md5('equoria-seed-user-1')::uuid) AS my_programs,
       (SELECT count(*) FROM equoria.foal_training_history t JOIN equoria.horses h ON h.id = t.horse_id
         WHERE h.owner_id = md5('equoria-seed-user-1')::uuid) AS my_history,
       (SELECT count(*) FROM equoria.competition_results) AS results,
       (SELECT min(id) FROM equoria.horses WHERE owner_id = md5('equoria-seed-user-1')::uuid AND stable_id IS NOT NULL) AS my_horse,
       (SELECT min(id) FROM equoria.horses WHERE owner_id = md5('equoria-seed-user-2')::uuid) AS other_horse,
       (SELECT min(id) FROM equoria.stables WHERE owner_id = md5('equoria-seed-user-2')::uuid) AS other_stable;
GRANT SELECT ON expected TO PUBLIC;
SELECT ok((SELECT my_logs > 0 AND my_entries > 0 AND my_programs > 0 AND my_history > 0 FROM expected),
  'seed player 1 has logs, entries and foals to hide from others');

SELECT is((SELECT array_agg(rolname::text ORDER BY rolname) FROM pg_roles
            WHERE rolname IN ('equoria_app', 'equoria_admin', 'equoria_engine') AND NOT rolcanlogin),
  ARRAY['equoria_admin', 'equoria_app', 'equoria_engine'], 'the three roles cannot log in');

SET LOCAL ROLE equoria_app;

-- Without a player the API sees no private rows.
SELECT is((SELECT count(*) FROM equoria.users), 0::bigint, 'no equoria.user_id: no users visible');
SELECT is((SELECT count(*) FROM equoria.show_entries), 0::bigint, 'no equoria.user_id: no entries visible');

SELECT set_config('equoria.user_id', (SELECT me::text FROM expected), true);

SELECT results_eq($$SELECT id FROM equoria.users$$, $$SELECT me FROM expected$$, 'a player sees only their own user row');
SELECT is((SELECT count(*) FROM equoria.horses), (SELECT horses FROM expected), 'horses are public');
SELECT is((SELECT count(*) FROM equoria.competition_results), (SELECT results FROM expected), 'show results are public');
SELECT is((SELECT count(*) FROM equoria.stables), (SELECT my_stables FROM expected), 'a player sees only their stables');
SELECT is((SELECT count(*) FROM equoria.training_logs), (SELECT my_logs FROM expected), 'a player sees only their horses'' training logs');
SELECT is((SELECT count(*) FROM equoria.show_entries), (SELECT my_entries FROM expected), 'a player sees only their entries');
SELECT is((SELECT count(*) FROM equoria.foal_development), (SELECT my_programs FROM expected), 'a player sees only their foals'' programs');
SELECT is((SELECT count(*) FROM equoria.foal_training_history), (SELECT my_history FROM expected), 'a player sees only their foals'' history');

-- Writes.
SELECT lives_ok($$UPDATE equoria.users SET settings = jsonb_set(settings, '{darkMode}', 'true') WHERE id = equoria.current_player_id()$$,
  'a player can change their settings');
SELECT throws_ok($$UPDATE equoria.users SET money = 1000000 WHERE id = equoria.current_player_id()$$,
  '42501', 'permission denied for table users', 'a player cannot set their money');
SELECT throws_ok($$UPDATE equoria.users SET level = 100 WHERE id = equoria.current_player_id()$$,
  '42501', 'permission denied for table users', 'a player cannot set their level');
UPDATE equoria.horses SET name = 'Renamed By Owner' WHERE id = (SELECT my_horse FROM expected);
UPDATE equoria.horses SET name = 'Hijacked' WHERE id = (SELECT other_horse FROM expected);
SELECT throws_ok(format('UPDATE equoria.horses SET stable_id = %s WHERE id = %s', (SELECT other_stable FROM expected), (SELECT my_horse FROM expected)),
  '23503', NULL, 'a player cannot move a horse into someone else''s stable');
SELECT throws_ok($$INSERT INTO equoria.stables (owner_id, name) SELECT other, 'Squatter Barn' FROM expected$$,
  '42501', 'new row violates row-level security policy for table "stables"', 'a player cannot create a stable for someone else');
SELECT lives_ok($$INSERT INTO equoria.stables (owner_id, name) SELECT me, 'My New Barn' FROM expected$$,
  'a player can create their own stable');
DELETE FROM equoria.stables WHERE id = (SELECT other_stable FROM expected);
SELECT throws_ok($$INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid) SELECT 1, my_horse, me, 0 FROM expected$$,
  '42501', 'permission denied for table show_entries', 'entries are only made through equoria.enter_show()');
SELECT throws_ok($$INSERT INTO equoria.users (id, name, email) VALUES ('00000000-0000-4000-8000-000000000999', 'Someone', 'someone@example.test')$$,
  '42501', 'new row violates row-level security policy for table "users"', 'the API cannot create a user row for another id');
SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-000000000999', true);
SELECT lives_ok($$INSERT INTO equoria.users (id, name, email) VALUES ('00000000-0000-4000-8000-000000000999', 'Someone', 'someone@example.test')$$,
  'sign-up: the API creates the row of the player it acts for');
RESET ROLE;

SELECT is((SELECT name FROM equoria.horses WHERE id = (SELECT my_horse FROM expected)), 'Renamed By Owner', 'a player can rename their horse');
SELECT isnt((SELECT name FROM equoria.horses WHERE id = (SELECT other_horse FROM expected)), 'Hijacked', 'but not another player''s horse');
SELECT is((SELECT count(*) FROM equoria.stables WHERE id = (SELECT other_stable FROM expected)), 1::bigint, 'nor delete another player''s stable');

-- Operators read everything and change nothing that belongs to players.
SET LOCAL ROLE equoria_admin;
SELECT is((SELECT count(*) FROM equoria.users), (SELECT users FROM expected) + 1, 'equoria_admin sees every user');
SELECT throws_ok($$UPDATE equoria.users SET money = 0$$, '42501', 'permission denied for table users', 'equoria_admin cannot change balances');
SELECT lives_ok($$INSERT INTO equoria.shows (name, discipline, entry_fee, prize, run_date) VALUES ('Admin Cup', 'Polo', 10, 100, now() + interval '1 week')$$,
  'equoria_admin schedules shows');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
