-- equoria.enter_show() and equoria.run_show(): entry happy path (fee taken, entry row)
-- and every refusal (closed, age, level, duplicate, money, owner, missing rows); scoring
-- with placements, a tie, prize split, xp and level, and the refusal to run twice.
BEGIN;
SELECT plan(34);

INSERT INTO equoria.users (id, name, email, money, xp) VALUES
  ('00000000-0000-4000-8000-0000000000d1', 'Rider One',   'rider.one@example.test',   1000, 0),
  ('00000000-0000-4000-8000-0000000000d2', 'Rider Broke', 'rider.broke@example.test',   50, 0),
  ('00000000-0000-4000-8000-0000000000d3', 'Rider Three', 'rider.three@example.test', 1000, 90);
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, genetics, discipline_scores,
                            bond_score, stress_level, development_stage)
SELECT v.name, v.age, 'gelding', (SELECT min(id) FROM equoria.breeds), v.owner::uuid,
       (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1),
       jsonb_build_object('Dressage', v.score), 50, 30, v.stage
  FROM (VALUES
    ('S Mid',     6, '00000000-0000-4000-8000-0000000000d1', 45, 'adult'),
    ('S Twin A',  7, '00000000-0000-4000-8000-0000000000d1', 50, 'adult'),
    ('S Twin B',  7, '00000000-0000-4000-8000-0000000000d3', 50, 'adult'),
    ('S Third',   8, '00000000-0000-4000-8000-0000000000d1', 40, 'adult'),
    ('S Fourth',  9, '00000000-0000-4000-8000-0000000000d3', 30, 'adult'),
    ('S Pro',    10, '00000000-0000-4000-8000-0000000000d1', 95, 'adult'),
    ('S Young',   2, '00000000-0000-4000-8000-0000000000d1', 10, 'two_year_old'),
    ('S Old',    21, '00000000-0000-4000-8000-0000000000d1', 10, 'adult'),
    ('S Poor',    5, '00000000-0000-4000-8000-0000000000d2', 45, 'adult')
  ) AS v (name, age, owner, score, stage);
INSERT INTO equoria.shows (name, discipline, level_min, level_max, entry_fee, prize, luck_max, run_date, completed_at) VALUES
  ('S Open',   'Dressage', 1, 10, 100, 1000, 0, now() + interval '1 day', NULL),
  ('S Novice', 'Dressage', 1,  3,  10,  100, 0, now() + interval '1 day', NULL),
  ('S Closed', 'Dressage', 1, 10,  10,  100, 0, now() - interval '1 hour', NULL),
  ('S Done',   'Dressage', 1, 10,  10,  100, 0, now() - interval '1 day', now() - interval '20 hours'),
  ('S Empty',  'Dressage', 1, 10,  10,  100, 0, now() + interval '1 day', NULL);
CREATE TEMP TABLE h AS SELECT name, id FROM equoria.horses WHERE name LIKE 'S %' AND owner_id::text LIKE '00000000-0000-4000-8000-0000000000d%';
CREATE TEMP TABLE s AS SELECT name, id FROM equoria.shows WHERE name LIKE 'S %';
GRANT SELECT ON h, s TO PUBLIC;

SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Mid'), (SELECT id FROM s WHERE name = 'S Open')),
  '42501', 'no acting player', 'entering needs equoria.user_id');

SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000d1', true);

-- Happy path, through the application role.
SET LOCAL ROLE equoria_app;
SELECT isnt(equoria.enter_show((SELECT id FROM h WHERE name = 'S Mid'), (SELECT id FROM s WHERE name = 'S Open')), NULL,
  'a level-5 horse enters a level 1-10 show and gets an entry id');
SELECT is((SELECT money FROM equoria.users WHERE id = equoria.current_player_id()), 900, 'the entry fee is taken');
RESET ROLE;
SELECT results_eq(
  format('SELECT owner_id::text, fee_paid FROM equoria.show_entries WHERE show_id = %s', (SELECT id FROM s WHERE name = 'S Open')),
  $$VALUES ('00000000-0000-4000-8000-0000000000d1', 100)$$, 'the entry records who paid what');

-- Refusals.
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Mid'), (SELECT id FROM s WHERE name = 'S Open')),
  'EQS04', format('horse %s is already entered in show %s', (SELECT id FROM h WHERE name = 'S Mid'), (SELECT id FROM s WHERE name = 'S Open')),
  'a second entry of the same horse is refused (EQS04)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Twin A'), (SELECT id FROM s WHERE name = 'S Closed')),
  'EQS01', format('entries for show %s are closed', (SELECT id FROM s WHERE name = 'S Closed')),
  'entries close at run_date (EQS01)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Twin A'), (SELECT id FROM s WHERE name = 'S Done')),
  'EQS01', NULL, 'a show that was run takes no entries (EQS01)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Young'), (SELECT id FROM s WHERE name = 'S Novice')),
  'EQS02', NULL, 'a 2-year-old cannot compete (EQS02)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Old'), (SELECT id FROM s WHERE name = 'S Novice')),
  'EQS02', NULL, 'a 21-year-old cannot compete (EQS02)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Pro'), (SELECT id FROM s WHERE name = 'S Novice')),
  'EQS03', format('horse %s is level 10 in Dressage; show %s admits levels 1 to 3', (SELECT id FROM h WHERE name = 'S Pro'), (SELECT id FROM s WHERE name = 'S Novice')),
  'a level-10 horse is refused by a level 1-3 show (EQS03)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Poor'), (SELECT id FROM s WHERE name = 'S Open')),
  '42501', NULL, 'another player''s horse cannot be entered (42501)');
SELECT throws_ok(format('SELECT equoria.enter_show(-1, %s)', (SELECT id FROM s WHERE name = 'S Open')),
  'P0002', 'horse -1 does not exist', 'a missing horse is reported (P0002)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, -1)', (SELECT id FROM h WHERE name = 'S Mid')),
  'P0002', 'show -1 does not exist', 'a missing show is reported (P0002)');

SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000d2', true);
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Poor'), (SELECT id FROM s WHERE name = 'S Open')),
  'EQS05', 'not enough money: entry fee is 100, balance is 50', 'a player who cannot pay is refused (EQS05)');
SELECT is((SELECT money FROM equoria.users WHERE id = '00000000-0000-4000-8000-0000000000d2'), 50,
  'a refused entry takes no money');
SELECT is((SELECT count(*)::integer FROM equoria.show_entries e JOIN h ON h.id = e.horse_id
            WHERE h.name IN ('S Poor', 'S Young', 'S Old', 'S Pro')), 0,
  'refused entries leave no entry row');

-- More entries, then run the merit-only show (luck_max = 0):
--   score = Dressage + bond/20 - stress/10: twins 49.5 (tie), Mid 44.5, Third 39.5, Fourth 29.5.
SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000d1', true);
SELECT lives_ok(format('SELECT equoria.enter_show(%s, %s), equoria.enter_show(%s, %s)',
                       (SELECT id FROM h WHERE name = 'S Twin A'), (SELECT id FROM s WHERE name = 'S Open'),
                       (SELECT id FROM h WHERE name = 'S Third'), (SELECT id FROM s WHERE name = 'S Open')),
  'player one enters two more horses');
SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000d3', true);
SELECT lives_ok(format('SELECT equoria.enter_show(%s, %s), equoria.enter_show(%s, %s)',
                       (SELECT id FROM h WHERE name = 'S Twin B'), (SELECT id FROM s WHERE name = 'S Open'),
                       (SELECT id FROM h WHERE name = 'S Fourth'), (SELECT id FROM s WHERE name = 'S Open')),
  'player three enters two horses');
SELECT results_eq($$SELECT money FROM equoria.users WHERE id IN ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000d3') ORDER BY id$$,
  $$VALUES (700), (800)$$, 'each entry cost 100');

SET LOCAL ROLE equoria_app;
SELECT throws_ok(format('SELECT equoria.run_show(%s)', (SELECT id FROM s WHERE name = 'S Open')),
  '42501', 'permission denied for function run_show', 'players cannot run shows');
RESET ROLE;
SET LOCAL ROLE equoria_admin;
SELECT is(equoria.run_show((SELECT id FROM s WHERE name = 'S Open')), 5, 'an operator runs the show: 5 results');
RESET ROLE;

SELECT results_eq(
  format($$SELECT h.name, r.score, r.placement::integer, r.prize_money, r.xp_awarded, r.discipline
             FROM equoria.competition_results r JOIN h ON h.id = r.horse_id
            WHERE r.show_id = %s ORDER BY r.placement, h.name$$, (SELECT id FROM s WHERE name = 'S Open')),
  $$VALUES ('S Twin A'::text, 49.50::numeric, 1, 400, 30, 'Dressage'::text),
           ('S Twin B', 49.50, 1, 400, 30, 'Dressage'),
           ('S Mid',    44.50, 3, 200, 15, 'Dressage'),
           ('S Third',  39.50, 4,   0,  5, 'Dressage'),
           ('S Fourth', 29.50, 5,   0,  5, 'Dressage')$$,
  'tied horses share 1st place and the 1st+2nd purse (40% each); 3rd gets 20%; the next place is 3');
SELECT is((SELECT sum(prize_money)::integer FROM equoria.competition_results WHERE show_id = (SELECT id FROM s WHERE name = 'S Open')),
  1000, 'the whole purse is paid');
SELECT results_eq($$SELECT money, xp, level FROM equoria.users
                     WHERE id IN ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000d3') ORDER BY id$$,
  $$VALUES (1300, 50, 1), (1200, 125, 2)$$,
  'prizes and xp go to the entries'' owners; 125 xp makes level 2');
SELECT is((SELECT completed_at FROM equoria.shows WHERE id = (SELECT id FROM s WHERE name = 'S Open')), now(),
  'the show is marked completed');
SELECT throws_ok(format('SELECT equoria.run_show(%s)', (SELECT id FROM s WHERE name = 'S Open')),
  'EQS06', NULL, 'a show cannot be run twice (EQS06)');
SELECT throws_ok(format('SELECT equoria.enter_show(%s, %s)', (SELECT id FROM h WHERE name = 'S Fourth'), (SELECT id FROM s WHERE name = 'S Open')),
  'EQS01', NULL, 'a completed show takes no more entries (EQS01)');
SELECT throws_ok('SELECT equoria.run_show(-1)', 'P0002', 'show -1 does not exist', 'running a missing show is reported');
SELECT is(equoria.run_show((SELECT id FROM s WHERE name = 'S Empty')), 0, 'a show without entries runs with no results');
SELECT isnt((SELECT completed_at FROM equoria.shows WHERE id = (SELECT id FROM s WHERE name = 'S Empty')), NULL,
  'and is completed');

-- A lucky show still produces one placement per entry within the score bounds.
INSERT INTO equoria.shows (name, discipline, entry_fee, prize, luck_max, run_date)
VALUES ('S Lucky', 'Dressage', 0, 90, 50, now() + interval '1 day');
SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000d1', true);
SELECT lives_ok(format('SELECT equoria.enter_show(%s, id), equoria.enter_show(%s, id) FROM equoria.shows WHERE name = %L',
                       (SELECT id FROM h WHERE name = 'S Mid'), (SELECT id FROM h WHERE name = 'S Third'), 'S Lucky'),
  'free entries (fee 0) are accepted');
SELECT is(equoria.run_show((SELECT id FROM equoria.shows WHERE name = 'S Lucky')), 2, 'the lucky show runs');
SELECT ok((SELECT bool_and(r.score BETWEEN 39.5 AND 94.5)
             FROM equoria.competition_results r JOIN equoria.shows s2 ON s2.id = r.show_id WHERE s2.name = 'S Lucky'),
  'luck adds between 0 and luck_max points');
SELECT results_eq($$SELECT count(*)::integer, min(placement)::integer, sum(prize_money)::integer
                      FROM equoria.competition_results r JOIN equoria.shows s2 ON s2.id = r.show_id WHERE s2.name = 'S Lucky'$$,
  $$VALUES (2, 1, 72)$$, 'one result per entry, a winner, and places 1-2 share 80% of the purse');

SELECT * FROM finish();
ROLLBACK;
