-- Every foreign key rejects a dangling reference (SQLSTATE 23503) and applies its
-- ON DELETE action (CASCADE, SET NULL or RESTRICT).
BEGIN;
SELECT plan(39);

-- Fixtures: two players, a stable, a stallion, a mare and their foal.
INSERT INTO equoria.users (id, name, email) VALUES
  ('00000000-0000-4000-8000-00000000000a', 'FK Tester A', 'fk.a@example.test'),
  ('00000000-0000-4000-8000-00000000000b', 'FK Tester B', 'fk.b@example.test');
INSERT INTO equoria.stables (owner_id, name) VALUES ('00000000-0000-4000-8000-00000000000a', 'FK Barn');
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, stable_id, genetics, development_stage)
SELECT v.name, v.age, v.gender, (SELECT min(id) FROM equoria.breeds),
       '00000000-0000-4000-8000-00000000000a',
       (SELECT id FROM equoria.stables WHERE name = 'FK Barn'),
       (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1), v.stage
  FROM (VALUES ('FK Stallion', 6, 'stallion', 'adult'), ('FK Mare', 6, 'mare', 'adult')) AS v (name, age, gender, stage);
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, sire_id, dam_id, genetics, development_stage)
SELECT 'FK Foal', 0, 'filly', (SELECT min(id) FROM equoria.breeds), '00000000-0000-4000-8000-00000000000a',
       (SELECT id FROM equoria.horses WHERE name = 'FK Stallion'), (SELECT id FROM equoria.horses WHERE name = 'FK Mare'),
       (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1), 'newborn';

SELECT is((SELECT count(*)::integer FROM pg_constraint
            WHERE connamespace = 'equoria'::regnamespace AND contype = 'f'), 18,
          'the 18 foreign keys below are all of them');

-- gene_alleles.gene -> genes ON DELETE CASCADE
SELECT throws_ok($$INSERT INTO equoria.gene_alleles (gene, allele, dominance_rank) VALUES ('wings', 'small', 1)$$,
  '23503', 'insert or update on table "gene_alleles" violates foreign key constraint "gene_alleles_gene_fkey"');
INSERT INTO equoria.genes (name, inheritance_pattern) VALUES ('height', 'polygenic');
INSERT INTO equoria.gene_alleles (gene, allele, dominance_rank) VALUES ('height', 'short', 1);
DELETE FROM equoria.genes WHERE name = 'height';
SELECT is((SELECT count(*)::integer FROM equoria.gene_alleles WHERE gene = 'height'), 0,
  'deleting a gene deletes its alleles');

-- horses.breed_id -> breeds ON DELETE RESTRICT
SELECT throws_ok($$UPDATE equoria.horses SET breed_id = -1 WHERE name = 'FK Mare'$$,
  '23503', 'insert or update on table "horses" violates foreign key constraint "horses_breed_id_fkey"');
SELECT throws_ok($$DELETE FROM equoria.breeds WHERE id = (SELECT min(id) FROM equoria.breeds)$$,
  '23503', 'update or delete on table "breeds" violates foreign key constraint "horses_breed_id_fkey" on table "horses"');

-- horses.owner_id -> users ON DELETE RESTRICT
SELECT throws_ok($$UPDATE equoria.horses SET owner_id = '00000000-0000-4000-8000-0000000000ff' WHERE name = 'FK Foal'$$,
  '23503', 'insert or update on table "horses" violates foreign key constraint "horses_owner_id_fkey"');
UPDATE equoria.horses SET owner_id = '00000000-0000-4000-8000-00000000000b' WHERE name = 'FK Foal';
SELECT throws_ok($$DELETE FROM equoria.users WHERE id = '00000000-0000-4000-8000-00000000000b'$$,
  '23503', 'update or delete on table "users" violates foreign key constraint "horses_owner_id_fkey" on table "horses"',
  'a player who owns horses cannot be deleted');
UPDATE equoria.horses SET owner_id = '00000000-0000-4000-8000-00000000000a' WHERE name = 'FK Foal';

-- horses.sire_id / dam_id -> horses ON DELETE SET NULL
SELECT throws_ok($$UPDATE equoria.horses SET sire_id = -1 WHERE name = 'FK Foal'$$,
  '23503', 'insert or update on table "horses" violates foreign key constraint "horses_sire_id_fkey"');
SELECT throws_ok($$UPDATE equoria.horses SET dam_id = -1 WHERE name = 'FK Foal'$$,
  '23503', 'insert or update on table "horses" violates foreign key constraint "horses_dam_id_fkey"');

-- horses (stable_id, owner_id) -> stables (id, owner_id) ON DELETE SET NULL (stable_id)
SELECT throws_ok($$UPDATE equoria.horses SET stable_id = (SELECT min(id) FROM equoria.stables
                                                           WHERE owner_id <> '00000000-0000-4000-8000-00000000000a')
                    WHERE name = 'FK Mare'$$,
  '23503', 'insert or update on table "horses" violates foreign key constraint "horses_stable_same_owner"',
  'a horse cannot stand in another player''s stable');
DELETE FROM equoria.stables WHERE name = 'FK Barn';
SELECT results_eq(
  $$SELECT stable_id IS NULL, owner_id::text FROM equoria.horses WHERE name = 'FK Mare'$$,
  $$VALUES (true, '00000000-0000-4000-8000-00000000000a')$$,
  'deleting a stable unstables its horses and keeps their owner');

-- stables.owner_id -> users ON DELETE CASCADE
SELECT throws_ok($$INSERT INTO equoria.stables (owner_id, name) VALUES ('00000000-0000-4000-8000-0000000000ff', 'Ghost Barn')$$,
  '23503', 'insert or update on table "stables" violates foreign key constraint "stables_owner_id_fkey"');
INSERT INTO equoria.stables (owner_id, name) VALUES ('00000000-0000-4000-8000-00000000000b', 'B Barn');
DELETE FROM equoria.users WHERE id = '00000000-0000-4000-8000-00000000000b';
SELECT is((SELECT count(*)::integer FROM equoria.stables WHERE name = 'B Barn'), 0,
  'deleting a player deletes their stables');
INSERT INTO equoria.users (id, name, email) VALUES ('00000000-0000-4000-8000-00000000000b', 'FK Tester B', 'fk.b@example.test');

-- training_logs.horse_id -> horses ON DELETE CASCADE; .discipline -> disciplines RESTRICT
INSERT INTO equoria.disciplines (name) VALUES ('Jousting');
SELECT throws_ok($$INSERT INTO equoria.training_logs (horse_id, discipline, score_gain) VALUES (-1, 'Racing', 5)$$,
  '23503', 'insert or update on table "training_logs" violates foreign key constraint "training_logs_horse_id_fkey"');
SELECT throws_ok($$INSERT INTO equoria.training_logs (horse_id, discipline, score_gain)
                   VALUES ((SELECT id FROM equoria.horses WHERE name = 'FK Mare'), 'Tiddlywinks', 5)$$,
  '23503', 'insert or update on table "training_logs" violates foreign key constraint "training_logs_discipline_fkey"');
INSERT INTO equoria.training_logs (horse_id, discipline, score_gain)
VALUES ((SELECT id FROM equoria.horses WHERE name = 'FK Stallion'), 'Jousting', 5);
SELECT throws_ok($$DELETE FROM equoria.disciplines WHERE name = 'Jousting'$$,
  '23503', 'update or delete on table "disciplines" violates foreign key constraint "training_logs_discipline_fkey" on table "training_logs"');

-- shows.discipline -> disciplines RESTRICT
SELECT throws_ok($$INSERT INTO equoria.shows (name, discipline, entry_fee, prize, run_date) VALUES ('Ghost Show', 'Tiddlywinks', 1, 1, now() + interval '1 day')$$,
  '23503', 'insert or update on table "shows" violates foreign key constraint "shows_discipline_fkey"');
INSERT INTO equoria.disciplines (name) VALUES ('Tent Pegging');
INSERT INTO equoria.shows (name, discipline, entry_fee, prize, run_date) VALUES ('FK Pegging', 'Tent Pegging', 1, 1, now() + interval '1 day');
SELECT throws_ok($$DELETE FROM equoria.disciplines WHERE name = 'Tent Pegging'$$,
  '23503', 'update or delete on table "disciplines" violates foreign key constraint "shows_discipline_fkey" on table "shows"');

-- show_entries -> shows / horses / users, all RESTRICT
INSERT INTO equoria.shows (name, discipline, entry_fee, prize, run_date) VALUES ('FK Show', 'Racing', 10, 100, now() + interval '1 day');
SELECT throws_ok($$INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid)
                   VALUES (-1, (SELECT id FROM equoria.horses WHERE name = 'FK Mare'), '00000000-0000-4000-8000-00000000000a', 0)$$,
  '23503', 'insert or update on table "show_entries" violates foreign key constraint "show_entries_show_id_fkey"');
SELECT throws_ok($$INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid)
                   VALUES ((SELECT id FROM equoria.shows WHERE name = 'FK Show'), -1, '00000000-0000-4000-8000-00000000000a', 0)$$,
  '23503', 'insert or update on table "show_entries" violates foreign key constraint "show_entries_horse_id_fkey"');
SELECT throws_ok($$INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid)
                   VALUES ((SELECT id FROM equoria.shows WHERE name = 'FK Show'), (SELECT id FROM equoria.horses WHERE name = 'FK Mare'),
                           '00000000-0000-4000-8000-0000000000ff', 0)$$,
  '23503', 'insert or update on table "show_entries" violates foreign key constraint "show_entries_owner_id_fkey"');
INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid)
VALUES ((SELECT id FROM equoria.shows WHERE name = 'FK Show'), (SELECT id FROM equoria.horses WHERE name = 'FK Mare'),
        '00000000-0000-4000-8000-00000000000b', 10);
SELECT throws_ok($$DELETE FROM equoria.shows WHERE name = 'FK Show'$$,
  '23503', 'update or delete on table "shows" violates foreign key constraint "show_entries_show_id_fkey" on table "show_entries"');
SELECT throws_ok($$DELETE FROM equoria.horses WHERE name = 'FK Mare'$$,
  '23503', 'update or delete on table "horses" violates foreign key constraint "show_entries_horse_id_fkey" on table "show_entries"',
  'a horse with show entries cannot be deleted');
SELECT throws_ok($$DELETE FROM equoria.users WHERE id = '00000000-0000-4000-8000-00000000000b'$$,
  '23503', 'update or delete on table "users" violates foreign key constraint "show_entries_owner_id_fkey" on table "show_entries"',
  'a player who paid entry fees cannot be deleted');

-- competition_results -> show_entries (show_id, horse_id) and shows (id, discipline), RESTRICT
SELECT throws_ok($$INSERT INTO equoria.competition_results (show_id, horse_id, discipline, score, placement, run_date)
                   VALUES ((SELECT id FROM equoria.shows WHERE name = 'FK Show'), (SELECT id FROM equoria.horses WHERE name = 'FK Stallion'),
                           'Racing', 10, 1, now())$$,
  '23503', 'insert or update on table "competition_results" violates foreign key constraint "competition_results_entry_fkey"',
  'a result needs an entry');
SELECT throws_ok($$INSERT INTO equoria.competition_results (show_id, horse_id, discipline, score, placement, run_date)
                   VALUES ((SELECT id FROM equoria.shows WHERE name = 'FK Show'), (SELECT id FROM equoria.horses WHERE name = 'FK Mare'),
                           'Dressage', 10, 1, now())$$,
  '23503', 'insert or update on table "competition_results" violates foreign key constraint "competition_results_show_discipline_fkey"',
  'a result repeats its show''s discipline');
INSERT INTO equoria.competition_results (show_id, horse_id, discipline, score, placement, run_date)
VALUES ((SELECT id FROM equoria.shows WHERE name = 'FK Show'), (SELECT id FROM equoria.horses WHERE name = 'FK Mare'), 'Racing', 10, 1, now());
SELECT throws_ok($$DELETE FROM equoria.show_entries WHERE show_id = (SELECT id FROM equoria.shows WHERE name = 'FK Show')$$,
  '23503', 'update or delete on table "show_entries" violates foreign key constraint "competition_results_entry_fkey" on table "competition_results"');
SELECT throws_ok($$UPDATE equoria.shows SET discipline = 'Dressage' WHERE name = 'FK Show'$$,
  '23503', 'update or delete on table "shows" violates foreign key constraint "competition_results_show_discipline_fkey" on table "competition_results"',
  'a show with results cannot change discipline');
SELECT throws_ok($$DELETE FROM equoria.shows WHERE name = 'FK Show'$$, '23503', NULL,
  'a show with results cannot be deleted');

-- foal_development / foal_training_history -> horses CASCADE; history.activity -> RESTRICT
SELECT throws_ok($$INSERT INTO equoria.foal_development (foal_id) VALUES (-1)$$,
  '23503', 'insert or update on table "foal_development" violates foreign key constraint "foal_development_foal_id_fkey"');
SELECT throws_ok($$INSERT INTO equoria.foal_training_history (horse_id, activity, program_day) VALUES (-1, 'grooming', 1)$$,
  '23503', 'insert or update on table "foal_training_history" violates foreign key constraint "foal_training_history_horse_id_fkey"');
SELECT throws_ok($$INSERT INTO equoria.foal_training_history (horse_id, activity, program_day)
                   VALUES ((SELECT id FROM equoria.horses WHERE name = 'FK Foal'), 'jogging', 1)$$,
  '23503', 'insert or update on table "foal_training_history" violates foreign key constraint "foal_training_history_activity_fkey"');
INSERT INTO equoria.enrichment_activities (code, bonding_impact, stress_impact) VALUES ('bubble_bath', 1, -1);
INSERT INTO equoria.foal_development (foal_id, current_day, activities_completed)
VALUES ((SELECT id FROM equoria.horses WHERE name = 'FK Foal'), 1, '[{"day": 1, "activity": "bubble_bath"}]');
INSERT INTO equoria.foal_training_history (horse_id, activity, program_day)
VALUES ((SELECT id FROM equoria.horses WHERE name = 'FK Foal'), 'bubble_bath', 1);
SELECT throws_ok($$DELETE FROM equoria.enrichment_activities WHERE code = 'bubble_bath'$$,
  '23503', 'update or delete on table "enrichment_activities" violates foreign key constraint "foal_training_history_activity_fkey" on table "foal_training_history"');

-- Deleting horses: parents' children keep living with NULL parents; a foal's program,
-- history and training logs go with it.
INSERT INTO equoria.training_logs (horse_id, discipline, score_gain)
VALUES ((SELECT id FROM equoria.horses WHERE name = 'FK Foal'), 'Racing', 1);
CREATE TEMP TABLE fk_foal AS SELECT id FROM equoria.horses WHERE name = 'FK Foal';
DELETE FROM equoria.training_logs WHERE horse_id = (SELECT id FROM equoria.horses WHERE name = 'FK Stallion');
DELETE FROM equoria.horses WHERE name = 'FK Stallion';
SELECT results_eq($$SELECT sire_id IS NULL, dam_id IS NOT NULL FROM equoria.horses WHERE name = 'FK Foal'$$,
  $$VALUES (true, true)$$, 'deleting the sire sets the foal''s sire_id to NULL');
DELETE FROM equoria.competition_results WHERE show_id = (SELECT id FROM equoria.shows WHERE name = 'FK Show');
DELETE FROM equoria.show_entries WHERE show_id = (SELECT id FROM equoria.shows WHERE name = 'FK Show');
DELETE FROM equoria.horses WHERE name = 'FK Mare';
SELECT results_eq($$SELECT dam_id IS NULL FROM equoria.horses WHERE name = 'FK Foal'$$,
  $$VALUES (true)$$, 'deleting the dam sets the foal''s dam_id to NULL');
DELETE FROM equoria.horses WHERE name = 'FK Foal';
SELECT is((SELECT count(*)::integer FROM equoria.foal_development WHERE foal_id = (SELECT id FROM fk_foal)), 0,
  'deleting a foal deletes its development row');
SELECT is((SELECT count(*)::integer FROM equoria.foal_training_history WHERE horse_id = (SELECT id FROM fk_foal)), 0,
  'deleting a foal deletes its enrichment history');
SELECT is((SELECT count(*)::integer FROM equoria.training_logs WHERE horse_id = (SELECT id FROM fk_foal)), 0,
  'deleting a horse deletes its training logs');
SELECT lives_ok($$DELETE FROM equoria.users WHERE id = '00000000-0000-4000-8000-00000000000a'$$,
  'a player without horses or entries can be deleted');

SELECT * FROM finish();
ROLLBACK;
