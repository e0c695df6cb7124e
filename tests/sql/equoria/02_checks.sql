-- Every CHECK constraint of the schema rejects a bad value (SQLSTATE 23514), boundary
-- values are accepted, and the catalog trigger on horses rejects unknown names.
BEGIN;
SELECT plan(90);

-- Each CHECK constraint named below is exercised in this file; a new one fails this test
-- until it gets its own.
SELECT set_eq(
  $$SELECT conname::text FROM pg_constraint
     WHERE connamespace = 'equoria'::regnamespace AND contype = 'c'$$,
  ARRAY[
    'breeds_name_length',
    'competition_results_placement_positive', 'competition_results_prize_money_nonnegative',
    'competition_results_score_nonnegative', 'competition_results_xp_awarded_nonnegative',
    'development_milestones_code_format', 'development_milestones_program_day_range',
    'disciplines_name_format',
    'enrichment_activities_bonding_impact_range', 'enrichment_activities_code_format',
    'enrichment_activities_stress_impact_range',
    'foal_development_activities_shape', 'foal_development_current_day_range',
    'foal_development_milestones_shape', 'foal_development_one_activity_per_day',
    'foal_training_history_bonding_impact_range', 'foal_training_history_program_day_range',
    'foal_training_history_stress_impact_range',
    'gene_alleles_allele_format', 'gene_alleles_dominance_rank_positive',
    'genes_inheritance_pattern_valid', 'genes_name_format',
    'horses_adult_from_age_3', 'horses_age_range', 'horses_bond_score_range',
    'horses_development_stage_valid', 'horses_discipline_scores_shape',
    'horses_epigenetic_modifiers_shape', 'horses_gender_valid', 'horses_genetics_shape',
    'horses_name_length', 'horses_not_own_parent', 'horses_parents_distinct',
    'horses_stress_level_range',
    'show_entries_fee_paid_nonnegative',
    'shows_entry_fee_nonnegative', 'shows_level_range', 'shows_luck_max_range',
    'shows_name_length', 'shows_prize_nonnegative',
    'stables_name_length',
    'training_logs_score_gain_range',
    'traits_name_format', 'traits_polarity_valid',
    'users_email_format', 'users_level_range', 'users_money_nonnegative', 'users_name_length',
    'users_settings_shape', 'users_xp_nonnegative'],
  'the CHECK constraints are exactly the ones tested here');

-- ---------------------------------------------------------------- catalogs
SELECT throws_ok($$INSERT INTO equoria.disciplines (name) VALUES ('dressage lowercase')$$,
  '23514', 'new row for relation "disciplines" violates check constraint "disciplines_name_format"');
SELECT throws_ok($$INSERT INTO equoria.traits (name, polarity) VALUES ('Bold', 'positive')$$,
  '23514', 'new row for relation "traits" violates check constraint "traits_name_format"');
SELECT throws_ok($$INSERT INTO equoria.traits (name, polarity) VALUES ('moody', 'neutral')$$,
  '23514', 'new row for relation "traits" violates check constraint "traits_polarity_valid"');
SELECT throws_ok($$INSERT INTO equoria.genes (name, inheritance_pattern) VALUES ('Height', 'polygenic')$$,
  '23514', 'new row for relation "genes" violates check constraint "genes_name_format"');
SELECT throws_ok($$INSERT INTO equoria.genes (name, inheritance_pattern) VALUES ('height', 'codominant')$$,
  '23514', 'new row for relation "genes" violates check constraint "genes_inheritance_pattern_valid"');
SELECT throws_ok($$INSERT INTO equoria.gene_alleles (gene, allele, dominance_rank) VALUES ('size', 'Huge', 4)$$,
  '23514', 'new row for relation "gene_alleles" violates check constraint "gene_alleles_allele_format"');
SELECT throws_ok($$INSERT INTO equoria.gene_alleles (gene, allele, dominance_rank) VALUES ('size', 'tiny', 0)$$,
  '23514', 'new row for relation "gene_alleles" violates check constraint "gene_alleles_dominance_rank_positive"');
SELECT throws_ok($$INSERT INTO equoria.development_milestones (code, program_day) VALUES ('Late Bloomer', 2)$$,
  '23514', 'new row for relation "development_milestones" violates check constraint "development_milestones_code_format"');
SELECT throws_ok($$INSERT INTO equoria.development_milestones (code, program_day) VALUES ('late', 8)$$,
  '23514', 'new row for relation "development_milestones" violates check constraint "development_milestones_program_day_range"');
SELECT throws_ok($$INSERT INTO equoria.enrichment_activities (code, bonding_impact, stress_impact) VALUES ('Bad Code', 0, 0)$$,
  '23514', 'new row for relation "enrichment_activities" violates check constraint "enrichment_activities_code_format"');
SELECT throws_ok($$INSERT INTO equoria.enrichment_activities (code, bonding_impact, stress_impact) VALUES ('hugging', 21, 0)$$,
  '23514', 'new row for relation "enrichment_activities" violates check constraint "enrichment_activities_bonding_impact_range"');
SELECT throws_ok($$INSERT INTO equoria.enrichment_activities (code, bonding_impact, stress_impact) VALUES ('spa_day', 0, -21)$$,
  '23514', 'new row for relation "enrichment_activities" violates check constraint "enrichment_activities_stress_impact_range"');
SELECT throws_ok($$UPDATE equoria.breeds SET name = '' WHERE id = (SELECT min(id) FROM equoria.breeds)$$,
  '23514', 'new row for relation "breeds" violates check constraint "breeds_name_length"');

-- ---------------------------------------------------------------- users
SELECT throws_ok($$UPDATE equoria.users SET money = -1 WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_money_nonnegative"',
  'users.money cannot go negative');
SELECT lives_ok($$UPDATE equoria.users SET money = 0 WHERE email = 'alice.moreau@example.com'$$,
  'users.money may be exactly 0');
SELECT throws_ok($$UPDATE equoria.users SET level = 0 WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_level_range"', 'level below 1');
SELECT throws_ok($$UPDATE equoria.users SET level = 101 WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_level_range"', 'level above 100');
SELECT lives_ok($$UPDATE equoria.users SET level = 100 WHERE email = 'alice.moreau@example.com'$$,
  'level 100 is allowed');
SELECT throws_ok($$UPDATE equoria.users SET xp = -1 WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_xp_nonnegative"');
SELECT throws_ok($$UPDATE equoria.users SET name = '' WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_name_length"');
SELECT throws_ok($$UPDATE equoria.users SET email = 'not-an-email' WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_email_format"');
SELECT throws_ok($$UPDATE equoria.users SET settings = settings - 'darkMode' WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_settings_shape"', 'settings needs darkMode');
SELECT throws_ok($$UPDATE equoria.users SET settings = jsonb_set(settings, '{darkMode}', '"yes"') WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_settings_shape"', 'darkMode must be boolean');
SELECT throws_ok($$UPDATE equoria.users SET settings = settings #- '{notifications,breeding}' WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_settings_shape"', 'notifications.breeding is required');
SELECT throws_ok($$UPDATE equoria.users SET settings = jsonb_set(settings, '{privacy,shareProgress}', '1') WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_settings_shape"', 'privacy values must be boolean');
SELECT throws_ok($$UPDATE equoria.users SET settings = '[]' WHERE email = 'alice.moreau@example.com'$$,
  '23514', 'new row for relation "users" violates check constraint "users_settings_shape"', 'settings must be an object');
SELECT lives_ok($$UPDATE equoria.users SET settings = jsonb_set(settings, '{theme}', '"forest"') WHERE email = 'alice.moreau@example.com'$$,
  'extra settings keys are allowed');
SELECT throws_ok($$INSERT INTO equoria.users (name, email) VALUES ('Alice Again', 'ALICE.MOREAU@example.com')$$,
  '23505', NULL, 'emails are unique ignoring case');

-- ---------------------------------------------------------------- stables
SELECT throws_ok($$UPDATE equoria.stables SET name = '' WHERE id = (SELECT min(id) FROM equoria.stables)$$,
  '23514', 'new row for relation "stables" violates check constraint "stables_name_length"');

-- ---------------------------------------------------------------- horses (row 1 is an adult)
SELECT throws_ok($$UPDATE equoria.horses SET name = '' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_name_length"');
SELECT throws_ok($$UPDATE equoria.horses SET age = 41 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_age_range"', 'age above 40');
SELECT throws_ok($$UPDATE equoria.horses SET age = -1, development_stage = 'newborn' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_age_range"', 'negative age');
SELECT throws_ok($$UPDATE equoria.horses SET gender = 'unicorn' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_gender_valid"');
SELECT throws_ok($$UPDATE equoria.horses SET bond_score = 101 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_bond_score_range"', 'bond above 100');
SELECT throws_ok($$UPDATE equoria.horses SET bond_score = -1 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_bond_score_range"', 'bond below 0');
SELECT throws_ok($$UPDATE equoria.horses SET stress_level = 101 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_stress_level_range"', 'stress above 100');
SELECT throws_ok($$UPDATE equoria.horses SET stress_level = -1 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_stress_level_range"', 'stress below 0');
SELECT lives_ok($$UPDATE equoria.horses SET bond_score = 100, stress_level = 0 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  'bond 100 and stress 0 are allowed');
SELECT throws_ok($$UPDATE equoria.horses SET development_stage = 'teenager' WHERE id = (SELECT min(id) FROM equoria.horses WHERE age < 3)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_development_stage_valid"');
SELECT throws_ok($$UPDATE equoria.horses SET age = 2 WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_adult_from_age_3"', 'a 2-year-old cannot be adult');
SELECT throws_ok($$UPDATE equoria.horses SET development_stage = 'yearling' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_adult_from_age_3"', 'a horse of 3+ is adult');
SELECT throws_ok($$UPDATE equoria.horses SET sire_id = id WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_not_own_parent"');
SELECT throws_ok($$UPDATE equoria.horses SET sire_id = 1 + (SELECT min(id) FROM equoria.horses), dam_id = 1 + (SELECT min(id) FROM equoria.horses)
                   WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_parents_distinct"');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = '{}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_genetics_shape"', 'genetics needs its three objects');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = genetics || '{"mutations": {}}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_genetics_shape"', 'genetics has no other keys');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = jsonb_set(genetics, '{dominant_alleles,size}', '3') WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_genetics_shape"', 'alleles are strings');
SELECT throws_ok($$UPDATE equoria.horses SET discipline_scores = '{"Racing": "fast"}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_discipline_scores_shape"', 'scores are numbers');
SELECT throws_ok($$UPDATE equoria.horses SET discipline_scores = '{"Racing": 101}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_discipline_scores_shape"', 'scores are at most 100');
SELECT throws_ok($$UPDATE equoria.horses SET discipline_scores = '{"Racing": -5}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_discipline_scores_shape"', 'scores are at least 0');
SELECT throws_ok($$UPDATE equoria.horses SET discipline_scores = '[]' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_discipline_scores_shape"', 'scores are an object');
SELECT lives_ok($$UPDATE equoria.horses SET discipline_scores = '{"Racing": 100, "Dressage": 0}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  'scores 0 and 100 are allowed');
SELECT throws_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": [], "negative": []}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_epigenetic_modifiers_shape"', 'hidden list is required');
SELECT throws_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": [], "negative": [], "hidden": [], "secret": []}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_epigenetic_modifiers_shape"', 'no other lists');
SELECT throws_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": [1], "negative": [], "hidden": []}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'new row for relation "horses" violates check constraint "horses_epigenetic_modifiers_shape"', 'traits are strings');

-- Catalog rules enforced by the validate_jsonb trigger (also SQLSTATE 23514).
SELECT throws_ok($$UPDATE equoria.horses SET discipline_scores = '{"Jousting": 10}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'unknown discipline "Jousting" in discipline_scores');
SELECT throws_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": ["lucky"], "negative": [], "hidden": []}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'unknown trait "lucky" in epigenetic_modifiers');
SELECT throws_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": ["nervous"], "negative": [], "hidden": []}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'trait "nervous" is negative but listed under "positive" in epigenetic_modifiers');
SELECT throws_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": ["bold"], "negative": [], "hidden": ["bold"]}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'trait "bold" is listed more than once in epigenetic_modifiers');
SELECT lives_ok($$UPDATE equoria.horses SET epigenetic_modifiers = '{"positive": ["bold"], "negative": ["lazy"], "hidden": ["nervous", "calm"]}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  'hidden traits of either polarity are allowed');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = jsonb_set(genetics, '{dominant_alleles,wings}', '"large"') WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'unknown gene "wings" in genetics');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = genetics #- '{recessive_alleles,size}' WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'gene "size" needs a known dominant and recessive allele in genetics', 'every gene is present');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = jsonb_set(genetics, '{dominant_alleles,coat_color}', '"purple"') WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'gene "coat_color" needs a known dominant and recessive allele in genetics', 'alleles come from the catalog');
SELECT throws_ok($$UPDATE equoria.horses
                      SET genetics = jsonb_set(jsonb_set(genetics, '{dominant_alleles,coat_color}', '"chestnut"'),
                                               '{recessive_alleles,coat_color}', '"grey"')
                    WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'gene "coat_color": "chestnut" ranks below "grey" and cannot be the dominant allele in genetics');
SELECT throws_ok($$UPDATE equoria.horses SET genetics = jsonb_set(genetics, '{inheritance_patterns,coat_color}', '"polygenic"') WHERE id = (SELECT min(id) FROM equoria.horses)$$,
  '23514', 'gene "coat_color" is inherited as "simple_dominant" in genetics');

-- ---------------------------------------------------------------- training logs
SELECT throws_ok($$UPDATE equoria.training_logs SET score_gain = -1 WHERE id = (SELECT min(id) FROM equoria.training_logs)$$,
  '23514', 'new row for relation "training_logs" violates check constraint "training_logs_score_gain_range"');

-- ---------------------------------------------------------------- shows
SELECT throws_ok($$UPDATE equoria.shows SET name = '' WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_name_length"');
SELECT throws_ok($$UPDATE equoria.shows SET entry_fee = -1 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_entry_fee_nonnegative"');
SELECT throws_ok($$UPDATE equoria.shows SET prize = -1 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_prize_nonnegative"');
SELECT throws_ok($$UPDATE equoria.shows SET luck_max = 51 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_luck_max_range"');
SELECT throws_ok($$UPDATE equoria.shows SET level_min = 0 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_level_range"', 'level_min below 1');
SELECT throws_ok($$UPDATE equoria.shows SET level_max = 11 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_level_range"', 'level_max above 10');
SELECT throws_ok($$UPDATE equoria.shows SET level_min = 6, level_max = 5 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  '23514', 'new row for relation "shows" violates check constraint "shows_level_range"', 'level_min above level_max');
SELECT lives_ok($$UPDATE equoria.shows SET level_min = 10, level_max = 10 WHERE id = (SELECT min(id) FROM equoria.shows)$$,
  'a single-level show is allowed');

-- ---------------------------------------------------------------- show entries and results
SELECT throws_ok($$UPDATE equoria.show_entries SET fee_paid = -1 WHERE id = (SELECT min(id) FROM equoria.show_entries)$$,
  '23514', 'new row for relation "show_entries" violates check constraint "show_entries_fee_paid_nonnegative"');
SELECT throws_ok($$UPDATE equoria.competition_results SET score = -0.01 WHERE id = (SELECT min(id) FROM equoria.competition_results)$$,
  '23514', 'new row for relation "competition_results" violates check constraint "competition_results_score_nonnegative"');
SELECT throws_ok($$UPDATE equoria.competition_results SET placement = 0 WHERE id = (SELECT min(id) FROM equoria.competition_results)$$,
  '23514', 'new row for relation "competition_results" violates check constraint "competition_results_placement_positive"');
SELECT throws_ok($$UPDATE equoria.competition_results SET prize_money = -1 WHERE id = (SELECT min(id) FROM equoria.competition_results)$$,
  '23514', 'new row for relation "competition_results" violates check constraint "competition_results_prize_money_nonnegative"');
SELECT throws_ok($$UPDATE equoria.competition_results SET xp_awarded = -1 WHERE id = (SELECT min(id) FROM equoria.competition_results)$$,
  '23514', 'new row for relation "competition_results" violates check constraint "competition_results_xp_awarded_nonnegative"');

-- ---------------------------------------------------------------- foal development
SELECT throws_ok($$UPDATE equoria.foal_development SET current_day = 8 WHERE foal_id = (SELECT min(foal_id) FROM equoria.foal_development)$$,
  '23514', 'new row for relation "foal_development" violates check constraint "foal_development_current_day_range"');
SELECT throws_ok($$UPDATE equoria.foal_development SET current_day = 1, activities_completed = '[{"day": 1}]'
                    WHERE foal_id = (SELECT min(foal_id) FROM equoria.foal_development)$$,
  '23514', 'new row for relation "foal_development" violates check constraint "foal_development_activities_shape"', 'activities need day and activity');
SELECT throws_ok($$UPDATE equoria.foal_development SET current_day = 1, activities_completed = '[{"day": "one", "activity": "grooming"}]'
                    WHERE foal_id = (SELECT min(foal_id) FROM equoria.foal_development)$$,
  '23514', 'new row for relation "foal_development" violates check constraint "foal_development_activities_shape"', 'activity day is a number');
SELECT throws_ok($$UPDATE equoria.foal_development SET milestones_reached = '[1]' WHERE foal_id = (SELECT min(foal_id) FROM equoria.foal_development)$$,
  '23514', 'new row for relation "foal_development" violates check constraint "foal_development_milestones_shape"');
SELECT throws_ok($$UPDATE equoria.foal_development SET current_day = current_day + 1
                    WHERE foal_id = (SELECT min(foal_id) FROM equoria.foal_development WHERE current_day < 7)$$,
  '23514', 'new row for relation "foal_development" violates check constraint "foal_development_one_activity_per_day"');
SELECT throws_ok($$UPDATE equoria.foal_training_history SET program_day = 0 WHERE id = (SELECT min(id) FROM equoria.foal_training_history)$$,
  '23514', 'new row for relation "foal_training_history" violates check constraint "foal_training_history_program_day_range"');
SELECT throws_ok($$UPDATE equoria.foal_training_history SET bonding_impact = 101 WHERE id = (SELECT min(id) FROM equoria.foal_training_history)$$,
  '23514', 'new row for relation "foal_training_history" violates check constraint "foal_training_history_bonding_impact_range"');
SELECT throws_ok($$UPDATE equoria.foal_training_history SET stress_impact = -101 WHERE id = (SELECT min(id) FROM equoria.foal_training_history)$$,
  '23514', 'new row for relation "foal_training_history" violates check constraint "foal_training_history_stress_impact_range"');
SELECT throws_ok($$UPDATE equoria.foal_training_history SET program_day = 1 + program_day WHERE horse_id = (SELECT min(foal_id) FROM equoria.foal_development WHERE current_day = 7)$$,
  '23505', NULL, 'a program day is recorded once per foal');

-- ---------------------------------------------------------------- seed sanity
SELECT is((SELECT count(*)::integer FROM equoria.horses), 336, 'the seed loads 300 foundation horses and 36 foals');
SELECT is((SELECT count(*)::integer FROM equoria.users WHERE money < 0), 0, 'no seeded player has negative money');

SELECT * FROM finish();
ROLLBACK;
