-- equoria.train_horse(): happy paths (score gain with traits, cap at 100, log row,
-- cooldowns set) and every refusal (no player, not owner, missing horse, unknown
-- discipline, too young, too old, discipline cooldown, daily rest).
BEGIN;
SELECT plan(27);

INSERT INTO equoria.users (id, name, email) VALUES
  ('00000000-0000-4000-8000-0000000000c1', 'Trainer One', 'trainer.one@example.test'),
  ('00000000-0000-4000-8000-0000000000c2', 'Trainer Two', 'trainer.two@example.test');
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, genetics, discipline_scores,
                            epigenetic_modifiers, development_stage)
SELECT v.name, v.age, 'mare', (SELECT min(id) FROM equoria.breeds), v.owner::uuid,
       (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1), v.scores::jsonb, v.traits::jsonb, v.stage
  FROM (VALUES
    ('T Plain',  5, '00000000-0000-4000-8000-0000000000c1', '{"Dressage": 20, "Polo": 40}', '{"positive": [], "negative": [], "hidden": ["bold"]}', 'adult'),
    ('T Smart',  6, '00000000-0000-4000-8000-0000000000c1', '{"Dressage": 30}', '{"positive": ["intelligent", "trainability_boost"], "negative": [], "hidden": []}', 'adult'),
    ('T Lazy',   6, '00000000-0000-4000-8000-0000000000c1', '{}', '{"positive": [], "negative": ["lazy", "stubborn"], "hidden": []}', 'adult'),
    ('T Capped', 7, '00000000-0000-4000-8000-0000000000c1', '{"Racing": 98}', '{"positive": [], "negative": [], "hidden": []}', 'adult'),
    ('T Young',  2, '00000000-0000-4000-8000-0000000000c1', '{}', '{"positive": [], "negative": [], "hidden": []}', 'two_year_old'),
    ('T Old',   21, '00000000-0000-4000-8000-0000000000c1', '{}', '{"positive": [], "negative": [], "hidden": []}', 'adult'),
    ('T Recent', 8, '00000000-0000-4000-8000-0000000000c1', '{"Hunter": 50}', '{"positive": [], "negative": [], "hidden": []}', 'adult'),
    ('T Other',  5, '00000000-0000-4000-8000-0000000000c2', '{}', '{"positive": [], "negative": [], "hidden": []}', 'adult')
  ) AS v (name, age, owner, scores, traits, stage);
CREATE TEMP TABLE h AS SELECT name, id FROM equoria.horses WHERE name LIKE 'T %' AND owner_id::text LIKE '00000000-0000-4000-8000-0000000000c%';
GRANT SELECT ON h TO PUBLIC;
-- T Smart trained Dressage 8 days ago (cooldown over), T Recent trained Hunter 6 days 23 hours ago.
INSERT INTO equoria.training_logs (horse_id, discipline, score_gain, trained_at) VALUES
  ((SELECT id FROM h WHERE name = 'T Smart'),  'Dressage', 5, now() - interval '8 days'),
  ((SELECT id FROM h WHERE name = 'T Recent'), 'Hunter',   5, now() - interval '6 days 23 hours');

-- Without an acting player nothing happens.
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Plain'), 'Dressage'),
  '42501', 'no acting player', 'training needs equoria.user_id');

SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000c1', true);

-- Happy path.
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Plain'), 'Dressage'), 25,
  'training adds 5 points and returns the new score');
SELECT is((SELECT discipline_scores FROM equoria.horses WHERE id = (SELECT id FROM h WHERE name = 'T Plain')),
  '{"Dressage": 25, "Polo": 40}'::jsonb, 'only the trained discipline changes');
SELECT results_eq(
  format('SELECT discipline, score_gain::integer, trained_at = now() FROM equoria.training_logs WHERE horse_id = %s AND trained_at > now() - interval ''1 minute''',
         (SELECT id FROM h WHERE name = 'T Plain')),
  $$VALUES ('Dressage'::text, 5, true)$$, 'the session is logged');
SELECT is((SELECT training_cooldown FROM equoria.horses WHERE id = (SELECT id FROM h WHERE name = 'T Plain')),
  now() + interval '1 day', 'the horse rests for a day');

-- Cooldowns.
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Plain'), 'Dressage'),
  'EQT02', NULL, 'the same discipline again within 7 days is refused (EQT02)');
SELECT throws_like(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Plain'), 'Dressage'),
  '%trained Dressage on %7 days cooldown is not over', 'the cooldown refusal says why');
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Plain'), 'Polo'),
  'EQT03', NULL, 'another discipline the same day is refused: the horse is resting (EQT03)');
UPDATE equoria.horses SET training_cooldown = now() - interval '1 second' WHERE id = (SELECT id FROM h WHERE name = 'T Plain');
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Plain'), 'Polo'), 45,
  'once rested, another discipline can be trained');
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Recent'), 'Hunter'),
  'EQT02', NULL, 'a session 6 days 23 hours ago still blocks the discipline');
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Recent'), 'Racing'), 5,
  'a discipline never trained starts from 0');
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Smart'), 'Dressage'), 37,
  'a session 8 days ago no longer blocks; intelligent and trainability_boost add 1 each');
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Lazy'), 'Eventing'), 3,
  'lazy and stubborn take 1 each');
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Capped'), 'Racing'), 100,
  'scores are capped at 100');
SELECT is((SELECT score_gain::integer FROM equoria.training_logs
            WHERE horse_id = (SELECT id FROM h WHERE name = 'T Capped') ORDER BY id DESC LIMIT 1), 2,
  'the log records the points actually gained');

-- Refusals.
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Young'), 'Racing'),
  'EQT01', NULL, 'a 2-year-old is too young to train (EQT01)');
SELECT throws_like(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Young'), 'Racing'),
  '%is 2 years old; training is for horses aged 3 to 20', 'the age refusal says why');
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Old'), 'Racing'),
  'EQT01', NULL, 'a 21-year-old is too old to train (EQT01)');
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Lazy'), 'Jousting'),
  'EQT04', 'unknown discipline "Jousting"', 'unknown disciplines are refused (EQT04)');
SELECT throws_ok('SELECT equoria.train_horse(-1, ''Racing'')',
  'P0002', 'horse -1 does not exist', 'a missing horse is reported (P0002)');
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Other'), 'Racing'),
  '42501', format('horse %s is not owned by the acting player', (SELECT id FROM h WHERE name = 'T Other')),
  'another player''s horse is refused (42501)');
SELECT is((SELECT count(*)::integer FROM equoria.training_logs
            WHERE horse_id IN (SELECT id FROM h WHERE name IN ('T Young', 'T Old', 'T Other'))), 0,
  'refused sessions leave no log');

-- Through the application role, as the API calls it.
UPDATE equoria.horses SET training_cooldown = NULL WHERE id = (SELECT id FROM h WHERE name = 'T Plain');
SET LOCAL ROLE equoria_app;
SELECT is(equoria.train_horse((SELECT id FROM h WHERE name = 'T Plain'), 'Reining'), 5,
  'equoria_app can train its player''s horse');
SELECT throws_ok($$INSERT INTO equoria.training_logs (horse_id, discipline, score_gain) VALUES (1, 'Racing', 5)$$,
  '42501', 'permission denied for table training_logs', 'equoria_app cannot write logs directly');
SELECT throws_ok($$UPDATE equoria.horses SET discipline_scores = '{"Racing": 100}' WHERE owner_id = equoria.current_player_id()$$,
  '42501', 'permission denied for table horses', 'equoria_app cannot set scores directly');
RESET ROLE;
SET LOCAL ROLE equoria_admin;
SELECT throws_ok(format('SELECT equoria.train_horse(%s, %L)', (SELECT id FROM h WHERE name = 'T Smart'), 'Polo'),
  '42501', 'permission denied for function train_horse', 'equoria_admin does not train horses');
RESET ROLE;
SELECT is((SELECT count(*)::integer FROM equoria.training_logs WHERE horse_id = (SELECT id FROM h WHERE name = 'T Plain')), 3,
  'T Plain has exactly the three sessions that succeeded');

SELECT * FROM finish();
ROLLBACK;
