-- Structure of the equoria schema: tables, the fixed ownership column, the seed's
-- indexes, row-level security, house rules (ON DELETE, volatility, search_path, comments),
-- roles, function owners and triggers.
BEGIN;
SELECT plan(44);

SELECT has_schema('equoria');
SELECT tables_are('equoria', ARRAY[
  'disciplines', 'traits', 'genes', 'gene_alleles', 'breeds', 'users', 'stables', 'horses',
  'training_logs', 'shows', 'show_entries', 'competition_results', 'development_milestones',
  'foal_development', 'enrichment_activities', 'foal_training_history']);
SELECT views_are('equoria', ARRAY['foals']);
SELECT functions_are('equoria', ARRAY[
  'current_player_id', 'require_player', 'discipline_level', 'genetic_phenotype',
  'tg__set_updated_at', 'tg_horses__validate_jsonb', 'train_horse', 'enter_show', 'run_show',
  'breed_horses', 'discover_trait', 'enrich_foal']);

-- The seed bug: ownership is one UUID column.
SELECT col_type_is('equoria', 'users', 'id', 'uuid', 'users.id is a UUID');
SELECT col_type_is('equoria', 'horses', 'owner_id', 'uuid', 'horses.owner_id is a UUID like users.id');
SELECT col_not_null('equoria', 'horses', 'owner_id', 'every horse has an owner');
SELECT hasnt_column('equoria', 'horses', 'user_id', 'the seed''s second ownership column is gone');
SELECT fk_ok('equoria', 'horses', 'owner_id', 'equoria', 'users', 'id');
SELECT hasnt_table('equoria', 'foals', 'foals are horses, not a separate table');

-- Indexes the seed lists (idx_horses_user_id is idx_horses_owner_id after the fix).
SELECT has_index('equoria', 'horses', 'idx_horses_training_cooldown', ARRAY['training_cooldown']);
SELECT has_index('equoria', 'training_logs', 'idx_training_logs_horse_discipline',
                 ARRAY['horse_id', 'discipline', 'trained_at'], 'training log (horse, discipline) index exists');
SELECT has_index('equoria', 'competition_results', 'idx_competition_results_horse_id', ARRAY['horse_id']);
SELECT has_index('equoria', 'competition_results', 'idx_competition_results_show_id',
                 ARRAY['show_id', 'placement'], 'results by show index exists');
SELECT has_index('equoria', 'horses', 'idx_horses_owner_id', ARRAY['owner_id']);
SELECT has_index('equoria', 'users', 'idx_users_email', 'lower(email)'::name, 'email index exists');
SELECT index_is_unique('equoria', 'users', 'idx_users_email');
SELECT has_index('equoria', 'horses', 'idx_horses_discipline_scores', ARRAY['discipline_scores']);
SELECT index_is_type('equoria', 'horses', 'idx_horses_discipline_scores', 'gin');
SELECT has_index('equoria', 'horses', 'idx_horses_epigenetic_modifiers', ARRAY['epigenetic_modifiers']);
SELECT index_is_type('equoria', 'horses', 'idx_horses_epigenetic_modifiers', 'gin');
SELECT index_is_unique('equoria', 'show_entries', 'show_entries_show_horse_unique');

-- Row-level security is enabled and forced on every table holding player data.
SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_class c
         WHERE c.relnamespace = 'equoria'::regnamespace AND c.relkind = 'r'
           AND (c.relrowsecurity AND c.relforcerowsecurity)
         ORDER BY 1),
  ARRAY['competition_results', 'foal_development', 'foal_training_history', 'horses',
        'show_entries', 'stables', 'training_logs', 'users'],
  'RLS is enabled and forced exactly on the player-data tables');

-- House rules.
SELECT is(
  (SELECT count(*)::integer FROM pg_constraint
    WHERE connamespace = 'equoria'::regnamespace AND contype = 'f' AND confdeltype = 'a'),
  0, 'every foreign key states its ON DELETE action');
SELECT is(
  (SELECT count(*)::integer FROM pg_constraint
    WHERE connamespace = 'equoria'::regnamespace AND contype = 'f'),
  18, 'there are 18 foreign keys (each is tested in 03_foreign_keys.sql)');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'equoria'::regnamespace AND p.prosecdef
           AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'), false)),
  ARRAY[]::text[], 'every SECURITY DEFINER function pins search_path');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'equoria'::regnamespace AND p.prosecdef ORDER BY 1),
  ARRAY['breed_horses', 'enrich_foal', 'enter_show', 'run_show', 'train_horse'],
  'exactly the game-rule entry points are SECURITY DEFINER');
SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_class c
         WHERE c.relnamespace = 'equoria'::regnamespace AND c.relkind IN ('r', 'v')
           AND obj_description(c.oid, 'pg_class') IS NULL),
  ARRAY[]::text[], 'every table and view has a comment');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'equoria'::regnamespace
           AND obj_description(p.oid, 'pg_proc') IS NULL),
  ARRAY[]::text[], 'every function has a comment');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'equoria'::regnamespace AND p.prorettype = 'trigger'::regtype
           AND p.proname !~ '^tg(_[a-z][a-z0-9_]*)?__[a-z][a-z0-9_]*$'),
  ARRAY[]::text[], 'trigger functions are named tg_<table>__<task> (tg__<task> when shared)');

-- Roles and ownership.
SELECT has_role('equoria_app');
SELECT has_role('equoria_admin');
SELECT has_role('equoria_engine');
SELECT function_owner_is('equoria', 'train_horse', ARRAY['bigint', 'text'], 'equoria_engine');
SELECT function_owner_is('equoria', 'enter_show', ARRAY['bigint', 'bigint'], 'equoria_engine');
SELECT function_owner_is('equoria', 'run_show', ARRAY['bigint'], 'equoria_engine');
SELECT function_owner_is('equoria', 'breed_horses', ARRAY['bigint', 'bigint', 'text'], 'equoria_engine');
SELECT function_owner_is('equoria', 'enrich_foal', ARRAY['bigint', 'text'], 'equoria_engine');
SELECT function_owner_is('equoria', 'discover_trait', ARRAY['bigint'], 'equoria_engine');
SELECT volatility_is('equoria', 'discipline_level', ARRAY['numeric'], 'immutable');
SELECT volatility_is('equoria', 'train_horse', ARRAY['bigint', 'text'], 'volatile');

-- Triggers.
SELECT has_trigger('equoria', 'horses', 'validate_jsonb', 'horses validates its JSONB against the catalogs');
SELECT trigger_is('equoria', 'horses', 'set_updated_at', 'equoria', 'tg__set_updated_at');
SELECT has_trigger('equoria', 'users', 'set_updated_at', 'users maintains updated_at');

SELECT * FROM finish();
ROLLBACK;
