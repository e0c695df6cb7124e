-- equoria.enrich_foal() and trait discovery: bond/stress changes with clamping, history
-- rows, program progress, milestones, which hidden trait is discovered (care decides),
-- the full 7-day program ending in weaning; every refusal (not a foal, program complete,
-- unknown activity, not the owner, missing horse); and the foals view.
BEGIN;
SELECT plan(27);

INSERT INTO equoria.users (id, name, email) VALUES
  ('00000000-0000-4000-8000-0000000000f1', 'Foal Keeper', 'foal.keeper@example.test'),
  ('00000000-0000-4000-8000-0000000000f2', 'Neighbour',   'neighbour@example.test');
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, genetics, epigenetic_modifiers,
                            bond_score, stress_level, development_stage)
SELECT v.name, v.age, 'filly', (SELECT min(id) FROM equoria.breeds), v.owner::uuid,
       (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1),
       jsonb_build_object('positive', '[]'::jsonb, 'negative', '[]'::jsonb, 'hidden', v.hidden::jsonb),
       v.bond, v.stress, v.stage
  FROM (VALUES
    ('F Good',      0, '00000000-0000-4000-8000-0000000000f1', '["nervous", "bold", "lazy"]', 80, 10, 'newborn'),
    ('F Stressed',  0, '00000000-0000-4000-8000-0000000000f1', '["bold", "nervous"]',         40, 90, 'newborn'),
    ('F Neutral',   0, '00000000-0000-4000-8000-0000000000f1', '["calm", "nervous"]',         50, 50, 'newborn'),
    ('F Max',       0, '00000000-0000-4000-8000-0000000000f1', '[]',                          99,  1, 'newborn'),
    ('F Full',      0, '00000000-0000-4000-8000-0000000000f1', '["bold", "calm", "nervous", "lazy", "social"]', 50, 30, 'newborn'),
    ('F Yearling',  1, '00000000-0000-4000-8000-0000000000f1', '[]',                          50, 30, 'yearling'),
    ('F Adult',     3, '00000000-0000-4000-8000-0000000000f1', '[]',                          50, 30, 'adult'),
    ('F Other',     0, '00000000-0000-4000-8000-0000000000f2', '[]',                          50, 30, 'newborn')
  ) AS v (name, age, owner, hidden, bond, stress, stage);
CREATE TEMP TABLE h AS SELECT name, id FROM equoria.horses WHERE name LIKE 'F %' AND owner_id::text LIKE '00000000-0000-4000-8000-0000000000f%';
GRANT SELECT ON h TO PUBLIC;
INSERT INTO equoria.foal_development (foal_id) SELECT id FROM h WHERE name NOT IN ('F Yearling', 'F Adult');

SELECT throws_ok(format('SELECT equoria.enrich_foal(%s, %L)', (SELECT id FROM h WHERE name = 'F Good'), 'gentle_touch'),
  '42501', 'no acting player', 'enrichment needs equoria.user_id');

SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000f1', true);

-- Day 1 is a milestone: a well-raised foal (bond >= 60, stress <= 40) shows a positive trait first.
SET LOCAL ROLE equoria_app;
SELECT is(equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Good'), 'gentle_touch'),
  jsonb_build_object('horse_id', (SELECT id FROM h WHERE name = 'F Good'), 'program_day', 1, 'activity', 'gentle_touch',
                     'bond_score', 85, 'stress_level', 7, 'milestone', 'imprinting', 'discovered_trait', 'bold'),
  'gentle_touch: bond +5, stress -3, imprinting reached, bold discovered');
SELECT throws_ok(format('SELECT equoria.discover_trait(%s)', (SELECT id FROM h WHERE name = 'F Good')),
  '42501', 'permission denied for function discover_trait', 'trait discovery is not callable by the API');
RESET ROLE;
SELECT is((SELECT epigenetic_modifiers FROM equoria.horses WHERE id = (SELECT id FROM h WHERE name = 'F Good')),
  '{"positive": ["bold"], "negative": [], "hidden": ["nervous", "lazy"]}'::jsonb,
  'the discovered trait moved from hidden to positive');
SELECT results_eq(format('SELECT activity, program_day::integer, bonding_impact::integer, stress_impact::integer FROM equoria.foal_training_history WHERE horse_id = %s',
                         (SELECT id FROM h WHERE name = 'F Good')),
  $$VALUES ('gentle_touch'::text, 1, 5, -3)$$, 'the activity is recorded with its impacts');
SELECT results_eq(format('SELECT current_day::integer, activities_completed, milestones_reached FROM equoria.foal_development WHERE foal_id = %s',
                         (SELECT id FROM h WHERE name = 'F Good')),
  $$VALUES (1, '[{"day": 1, "activity": "gentle_touch"}]'::jsonb, '["imprinting"]'::jsonb)$$,
  'the program advanced one day and recorded the milestone');
SELECT is(equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Good'), 'free_play') -> 'milestone', 'null'::jsonb,
  'day 2 is not a milestone');
SELECT is((SELECT jsonb_array_length(epigenetic_modifiers -> 'hidden') FROM equoria.horses WHERE id = (SELECT id FROM h WHERE name = 'F Good')), 2,
  'no trait is discovered between milestones');

-- A stressed foal (stress >= 70) shows a negative trait first; a neutral one the first hidden trait.
SELECT is(equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Stressed'), 'grooming') ->> 'discovered_trait', 'nervous',
  'a stressed foal discovers nervous before bold');
SELECT is((SELECT epigenetic_modifiers -> 'negative' FROM equoria.horses WHERE id = (SELECT id FROM h WHERE name = 'F Stressed')),
  '["nervous"]'::jsonb, 'nervous is filed as negative');
SELECT is(equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Neutral'), 'leading_practice') ->> 'discovered_trait', 'calm',
  'a neutral foal discovers its first hidden trait');

-- Clamping at 0 and 100.
SELECT is(equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Max'), 'gentle_touch') - 'horse_id',
  '{"program_day": 1, "activity": "gentle_touch", "bond_score": 100, "stress_level": 0, "milestone": "imprinting", "discovered_trait": null}'::jsonb,
  'bond stops at 100 and stress at 0; nothing hidden, nothing discovered');
SELECT results_eq(format('SELECT bonding_impact::integer, stress_impact::integer FROM equoria.foal_training_history WHERE horse_id = %s',
                         (SELECT id FROM h WHERE name = 'F Max')),
  $$VALUES (1, -1)$$, 'the history records the change actually applied');

-- The full program.
DO $$
DECLARE
  v_activity text;
BEGIN
  FOREACH v_activity IN ARRAY ARRAY['gentle_touch', 'grooming', 'feeding_assistance', 'free_play',
                                    'herd_introduction', 'leading_practice', 'desensitization'] LOOP
    PERFORM equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Full'), v_activity);
  END LOOP;
END
$$;
SELECT results_eq(format('SELECT current_day::integer, jsonb_array_length(activities_completed), milestones_reached FROM equoria.foal_development WHERE foal_id = %s',
                         (SELECT id FROM h WHERE name = 'F Full')),
  $$VALUES (7, 7, '["imprinting", "socialization", "curiosity", "weaning"]'::jsonb)$$,
  'seven days, seven activities, four milestones');
SELECT results_eq(format('SELECT development_stage, bond_score::integer, stress_level::integer, jsonb_array_length(epigenetic_modifiers -> ''hidden'') FROM equoria.horses WHERE id = %s',
                         (SELECT id FROM h WHERE name = 'F Full')),
  $$VALUES ('weanling'::text, 73, 24, 1)$$,
  'the foal is weaned, bond and stress sum the seven activities, four of five traits are discovered');
SELECT is((SELECT count(*)::integer FROM equoria.foal_training_history WHERE horse_id = (SELECT id FROM h WHERE name = 'F Full')), 7,
  'one history row per day');
SELECT throws_ok(format('SELECT equoria.enrich_foal(%s, %L)', (SELECT id FROM h WHERE name = 'F Full'), 'grooming'),
  'EQF02', format('foal %s has completed its 7 day enrichment program', (SELECT id FROM h WHERE name = 'F Full')),
  'an eighth day is refused (EQF02)');

-- A yearling without a program row gets one on its first activity.
SELECT is(equoria.enrich_foal((SELECT id FROM h WHERE name = 'F Yearling'), 'grooming') ->> 'program_day', '1',
  'a foal without a development row starts at day 1');
SELECT is((SELECT development_stage FROM equoria.horses WHERE id = (SELECT id FROM h WHERE name = 'F Yearling')), 'yearling',
  'enrichment does not change a yearling''s stage');

-- Refusals.
SELECT throws_ok(format('SELECT equoria.enrich_foal(%s, %L)', (SELECT id FROM h WHERE name = 'F Adult'), 'grooming'),
  'EQF01', format('horse %s is 3 years old and no longer a foal', (SELECT id FROM h WHERE name = 'F Adult')),
  'a 3-year-old is not a foal (EQF01)');
SELECT throws_ok(format('SELECT equoria.enrich_foal(%s, %L)', (SELECT id FROM h WHERE name = 'F Good'), 'jogging'),
  'EQF03', 'unknown enrichment activity "jogging"', 'unknown activities are refused (EQF03)');
SELECT throws_ok(format('SELECT equoria.enrich_foal(%s, %L)', (SELECT id FROM h WHERE name = 'F Other'), 'grooming'),
  '42501', format('horse %s is not owned by the acting player', (SELECT id FROM h WHERE name = 'F Other')),
  'another player''s foal is refused (42501)');
SELECT throws_ok('SELECT equoria.enrich_foal(-1, ''grooming'')', 'P0002', 'horse -1 does not exist', 'a missing horse is reported (P0002)');
SELECT is((SELECT count(*)::integer FROM equoria.foal_training_history WHERE horse_id IN (SELECT id FROM h WHERE name IN ('F Adult', 'F Other'))), 0,
  'refused activities leave no history');

-- The foals view.
SELECT is((SELECT count(*)::integer FROM equoria.foals f JOIN h ON h.id = f.id), 7, 'the foals view lists horses younger than 3');
SELECT is((SELECT count(*)::integer FROM equoria.foals WHERE age >= 3), 0, 'and no adult');
SELECT is((SELECT count(*)::integer FROM equoria.foals f WHERE f.id NOT IN (SELECT id FROM h)), 36, 'the seed has 36 foals');

SELECT * FROM finish();
ROLLBACK;
