-- Structure and house rules of the pulseplus schema: the tables of the seed's seven groups
-- (plus the tables the economy needs), views and functions, UUID primary keys, foreign keys
-- with explicit ON DELETE and a supporting index, comments, SECURITY DEFINER with a pinned
-- search_path, row-level security where user data lives, roles and EXECUTE grants.
BEGIN;
SELECT plan(30);

SELECT has_schema('pulseplus');
SELECT tables_are('pulseplus', ARRAY[
  -- users
  'department', 'sys_user', 'sys_user_group', 'sys_user_group_member',
  -- games
  'game', 'season', 'season_tier', 'virtual_currency', 'reward_shop', 'shop_item',
  -- competitors
  'competitor', 'season_pass_progress', 'season_tier_unlock', 'currency_balance', 'currency_transaction',
  'purchase', 'team', 'team_member', 'competitor_badge', 'competitor_achievement',
  -- achievements
  'achievement', 'badge', 'quest', 'quest_objective', 'quest_progress', 'quest_objective_progress', 'powerup',
  -- competitions
  'competition', 'leaderboard', 'daily_challenge',
  -- communication
  'notification', 'chat_group', 'chat_group_member', 'chat_message', 'survey', 'survey_response',
  -- audit
  'audit_log']);
SELECT views_are('pulseplus', ARRAY['leaderboard_ranking']);
SELECT materialized_views_are('pulseplus', ARRAY[]::name[]);
SELECT functions_are('pulseplus', ARRAY[
  'acting_user_id', 'is_chat_member', 'tg__set_updated_at', 'tg__audit', 'credit_balance', 'award_currency',
  'purchase_item', 'add_season_xp', 'complete_objective', 'record_competition_score',
  'competition_leaderboard', 'season_leaderboard']);

-- Every table: id uuid primary key defaulting to gen_random_uuid().
SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_class c
         WHERE c.relnamespace = 'pulseplus'::regnamespace AND c.relkind = 'r'
           AND NOT EXISTS (
             SELECT 1 FROM pg_constraint k
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
               JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE k.conrelid = c.oid AND k.contype = 'p' AND cardinality(k.conkey) = 1
                AND a.attname = 'id' AND a.atttypid = 'uuid'::regtype
                AND pg_get_expr(d.adbin, d.adrelid) = 'gen_random_uuid()')
         ORDER BY 1),
  ARRAY[]::text[], 'every table has the primary key id uuid DEFAULT gen_random_uuid()');

-- Foreign keys.
SELECT is(
  ARRAY(SELECT conname::text FROM pg_constraint
         WHERE connamespace = 'pulseplus'::regnamespace AND contype = 'f' AND confdeltype = 'a' ORDER BY 1),
  ARRAY[]::text[], 'every foreign key states its ON DELETE action (none is the default NO ACTION)');
SELECT is(
  ARRAY(SELECT k.conrelid::regclass::text || '.' || k.conname FROM pg_constraint k
         WHERE k.connamespace = 'pulseplus'::regnamespace AND k.contype = 'f'
           AND NOT EXISTS (SELECT 1 FROM pg_index i
                            WHERE i.indrelid = k.conrelid AND i.indkey[0] = k.conkey[1])
         ORDER BY 1),
  ARRAY[]::text[], 'every foreign key has an index led by its (first) column');
SELECT is(
  (SELECT count(*)::integer FROM pg_constraint WHERE connamespace = 'pulseplus'::regnamespace AND contype = 'f'),
  67, 'the schema has 67 foreign keys (a new one must be looked at by the checks above)');
SELECT fk_ok('pulseplus', 'currency_balance', ARRAY['competitor_id', 'game_id'],
             'pulseplus', 'competitor', ARRAY['id', 'game_id']);
SELECT fk_ok('pulseplus', 'currency_balance', ARRAY['currency_id', 'game_id'],
             'pulseplus', 'virtual_currency', ARRAY['id', 'game_id']);
SELECT fk_ok('pulseplus', 'purchase', 'shop_item_id', 'pulseplus', 'shop_item', 'id');
SELECT fk_ok('pulseplus', 'leaderboard', ARRAY['competition_id', 'game_id'],
             'pulseplus', 'competition', ARRAY['id', 'game_id']);

-- Hot lookups.
SELECT has_index('pulseplus', 'sys_user', 'sys_user_email_key', 'lower(email)'::name, 'email lookup index exists');
SELECT index_is_unique('pulseplus', 'sys_user', 'sys_user_email_key');
SELECT has_index('pulseplus', 'leaderboard', 'leaderboard_competition_rank_idx',
                 ARRAY['competition_id', 'score', 'last_scored_at', 'competitor_id'], 'competition ranking index exists');
SELECT has_index('pulseplus', 'purchase', 'purchase_competitor_item_idx', ARRAY['competitor_id', 'shop_item_id'],
                 'per-user limit lookup index exists');
SELECT has_index('pulseplus', 'notification', 'notification_user_unread_idx', ARRAY['user_id'], 'unread index exists');

-- Comments.
SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_class c
         WHERE c.relnamespace = 'pulseplus'::regnamespace AND c.relkind IN ('r', 'v', 'm')
           AND obj_description(c.oid, 'pg_class') IS NULL ORDER BY 1),
  ARRAY[]::text[], 'every table and view has a comment');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'pulseplus'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL ORDER BY 1),
  ARRAY[]::text[], 'every function has a comment');

-- SECURITY DEFINER.
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'pulseplus'::regnamespace AND p.prosecdef
           AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'), false)
         ORDER BY 1),
  ARRAY[]::text[], 'every SECURITY DEFINER function pins search_path');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'pulseplus'::regnamespace AND p.prosecdef ORDER BY 1),
  ARRAY['add_season_xp', 'award_currency', 'complete_objective', 'is_chat_member', 'purchase_item',
        'record_competition_score', 'tg__audit'],
  'exactly the economy entry points, the chat membership helper and the audit trigger are SECURITY DEFINER');
SELECT is(
  ARRAY(SELECT p.proname::text FROM pg_proc p
         WHERE p.pronamespace = 'pulseplus'::regnamespace AND p.prosecdef
           AND p.proowner <> 'pulseplus_engine'::regrole ORDER BY 1),
  ARRAY[]::text[], 'every SECURITY DEFINER function is owned by pulseplus_engine');

-- Row-level security where user data lives.
SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_class c
         WHERE c.relnamespace = 'pulseplus'::regnamespace AND c.relkind = 'r'
           AND c.relrowsecurity AND c.relforcerowsecurity ORDER BY 1),
  ARRAY['audit_log', 'chat_group', 'chat_group_member', 'chat_message', 'competitor', 'competitor_achievement',
        'competitor_badge', 'currency_balance', 'currency_transaction', 'leaderboard', 'notification', 'purchase',
        'quest_objective_progress', 'quest_progress', 'season_pass_progress', 'season_tier_unlock', 'survey_response',
        'sys_user', 'sys_user_group_member', 'team_member'],
  'RLS is enabled and forced on every table holding user data (reference data exempt: games, catalogue, teams, ...)');

-- Roles and who may call what.
SELECT is(
  ARRAY(SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'pulseplus\_%' AND NOT rolcanlogin ORDER BY 1),
  ARRAY['pulseplus_admin', 'pulseplus_app', 'pulseplus_engine'], 'the three NOLOGIN group roles exist');
SELECT ok(has_function_privilege('pulseplus_app', 'pulseplus.purchase_item(uuid, uuid, integer)', 'EXECUTE'),
          'the API may buy');
SELECT ok(NOT has_function_privilege('pulseplus_app', 'pulseplus.award_currency(uuid, uuid, bigint, text)', 'EXECUTE')
          AND NOT has_function_privilege('pulseplus_app', 'pulseplus.add_season_xp(uuid, uuid, bigint)', 'EXECUTE')
          AND NOT has_function_privilege('pulseplus_app', 'pulseplus.complete_objective(uuid, uuid, integer)', 'EXECUTE')
          AND NOT has_function_privilege('pulseplus_app', 'pulseplus.record_competition_score(uuid, uuid, bigint)', 'EXECUTE'),
          'the API may not mint currency, XP, quest progress or scores');
SELECT ok(has_function_privilege('pulseplus_admin', 'pulseplus.award_currency(uuid, uuid, bigint, text)', 'EXECUTE'),
          'operators may award currency');
SELECT ok(NOT has_function_privilege('pulseplus_admin', 'pulseplus.credit_balance(uuid, uuid, bigint, text, text, uuid, uuid)', 'EXECUTE'),
          'nobody but the engine may call the internal credit_balance');
SELECT ok(NOT has_table_privilege('pulseplus_admin', 'pulseplus.currency_balance', 'UPDATE')
          AND NOT has_table_privilege('pulseplus_admin', 'pulseplus.currency_balance', 'INSERT')
          AND NOT has_table_privilege('pulseplus_app', 'pulseplus.shop_item', 'UPDATE'),
          'balances and stock change only through the economy functions');

SELECT * FROM finish();
ROLLBACK;
