-- Audit: the generic trigger records INSERT (whole row), UPDATE (changed columns only, no row
-- for a change of nothing) and DELETE (whole row) of the audited tables, with the actor from
-- the per-transaction setting pulseplus.user_id and the database role; changes made inside
-- the economy functions are recorded too; the audit log is closed to the application.
BEGIN;
SELECT plan(26);

SELECT is(
  ARRAY(SELECT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE t.tgfoid = 'pulseplus.tg__audit()'::regprocedure AND t.tgname = c.relname || '_audit'
         ORDER BY 1),
  ARRAY['achievement', 'badge', 'chat_group', 'chat_group_member', 'competition', 'competitor', 'competitor_achievement',
        'competitor_badge', 'currency_balance', 'daily_challenge', 'department', 'game', 'powerup', 'quest',
        'quest_objective', 'quest_progress', 'reward_shop', 'season', 'season_pass_progress', 'season_tier', 'shop_item',
        'survey', 'sys_user', 'sys_user_group', 'sys_user_group_member', 'team', 'team_member', 'virtual_currency'],
  'exactly the audited tables have the audit trigger');
SELECT is(
  (SELECT count(*)::integer FROM pg_trigger t WHERE t.tgfoid = 'pulseplus.tg__audit()'::regprocedure
      AND t.tgtype & (4 | 8 | 16) = (4 | 8 | 16) AND t.tgtype & 1 = 1 AND t.tgtype & 2 = 0),
  28, 'each is an AFTER ... FOR EACH ROW trigger on INSERT, UPDATE and DELETE');

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'audit.player@example.test', 'Audit', 'Player', 'Audit Player'),
  ('00000000-0000-4000-8000-0000000000a9', 'audit.admin@example.test', 'Audit', 'Admin', 'Audit Admin');

CREATE FUNCTION pg_temp.audit(p_table text, p_row uuid) RETURNS SETOF pulseplus.audit_log
LANGUAGE sql STABLE AS $$
  SELECT * FROM pulseplus.audit_log WHERE table_name = p_table AND row_id = p_row ORDER BY occurred_at
$$;

SELECT is((SELECT actor_id FROM pg_temp.audit('sys_user', '00000000-0000-4000-8000-0000000000a1')), NULL,
          'a change without pulseplus.user_id has no actor');

SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a9';

-- INSERT
INSERT INTO pulseplus.game (id, slug, name, description, status)
VALUES ('00000000-0000-4000-8000-0000000000b1', 'audit-game', 'Audit game', 'First text', 'draft');
SELECT results_eq(
  $$SELECT operation, actor_id, db_role = session_user, old_data IS NULL, new_data ->> 'slug', new_data ->> 'status', changed_columns IS NULL,
           transaction_id = txid_current()
      FROM pg_temp.audit('game', '00000000-0000-4000-8000-0000000000b1')$$,
  $$VALUES ('INSERT'::text, '00000000-0000-4000-8000-0000000000a9'::uuid, true, true, 'audit-game'::text,
            'draft'::text, true, true)$$,
  'INSERT: the whole new row, the acting user, the role and the transaction');
SELECT ok((SELECT new_data ?& ARRAY['id', 'slug', 'name', 'description', 'status', 'department_id', 'created_at', 'updated_at']
             FROM pg_temp.audit('game', '00000000-0000-4000-8000-0000000000b1')),
          'INSERT: every column is in new_data');

-- UPDATE: only the changed columns
UPDATE pulseplus.game SET name = 'Audit game 2', description = 'Second text', status = 'draft'
 WHERE id = '00000000-0000-4000-8000-0000000000b1';
SELECT results_eq(
  $$SELECT changed_columns, old_data, new_data FROM pg_temp.audit('game', '00000000-0000-4000-8000-0000000000b1')
     WHERE operation = 'UPDATE'$$,
  $$VALUES (ARRAY['description', 'name'],
            '{"name": "Audit game", "description": "First text"}'::jsonb,
            '{"name": "Audit game 2", "description": "Second text"}'::jsonb)$$,
  'UPDATE: only the changed columns (status was set to its own value; updated_at is bookkeeping)');
UPDATE pulseplus.game SET name = name WHERE id = '00000000-0000-4000-8000-0000000000b1';
SELECT is((SELECT count(*)::integer FROM pg_temp.audit('game', '00000000-0000-4000-8000-0000000000b1') WHERE operation = 'UPDATE'),
          1, 'an UPDATE that changes nothing writes no audit row');
UPDATE pulseplus.game SET department_id = NULL, status = 'active' WHERE id = '00000000-0000-4000-8000-0000000000b1';
SELECT is((SELECT changed_columns FROM pg_temp.audit('game', '00000000-0000-4000-8000-0000000000b1')
            WHERE operation = 'UPDATE' ORDER BY occurred_at DESC LIMIT 1),
          ARRAY['status'], 'setting NULL to NULL is no change either');

-- DELETE
INSERT INTO pulseplus.badge (id, game_id, key, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'gone', 'Gone soon');
DELETE FROM pulseplus.badge WHERE id = '00000000-0000-4000-8000-0000000000c1';
SELECT results_eq(
  $$SELECT operation, new_data IS NULL, old_data ->> 'key', old_data ->> 'name'
      FROM pg_temp.audit('badge', '00000000-0000-4000-8000-0000000000c1') WHERE operation = 'DELETE'$$,
  $$VALUES ('DELETE'::text, true, 'gone'::text, 'Gone soon'::text)$$,
  'DELETE: the whole old row');
SELECT is((SELECT array_agg(operation ORDER BY occurred_at) FROM pg_temp.audit('badge', '00000000-0000-4000-8000-0000000000c1')),
          ARRAY['INSERT', 'DELETE'], 'insert and delete of the badge are both recorded, in order');

-- cascaded deletes are recorded per row
INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1', 1, 'Audit season',
   now() - interval '1 day', now() + interval '1 day');
INSERT INTO pulseplus.season_tier (id, season_id, tier_number, name, xp_required) VALUES
  ('00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-0000000000e1', 1, 'Audit tier', 10);
DELETE FROM pulseplus.season WHERE id = '00000000-0000-4000-8000-0000000000e1';
SELECT is((SELECT operation FROM pg_temp.audit('season_tier', '00000000-0000-4000-8000-0000000000e2') ORDER BY occurred_at DESC LIMIT 1),
          'DELETE', 'a row deleted by ON DELETE CASCADE is recorded too');

-- changes made by the economy functions
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c9', '00000000-0000-4000-8000-0000000000b1', 'AUD', 'Audit coins');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'Player');
INSERT INTO pulseplus.reward_shop (id, game_id, currency_id, name) VALUES
  ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c9', 'Audit shop');
INSERT INTO pulseplus.shop_item (id, shop_id, sku, name, price, stock) VALUES
  ('00000000-0000-4000-8000-0000000000f2', '00000000-0000-4000-8000-0000000000f1', 'AUDIT-ITEM', 'Audit item', 30, 3);
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c9', 100, 'Audited'),
          100::bigint, 'an award by the admin');
SELECT results_eq(
  $$SELECT a.operation, a.actor_id, a.new_data ->> 'balance' FROM pulseplus.audit_log a
      JOIN pulseplus.currency_balance b ON b.id = a.row_id
     WHERE a.table_name = 'currency_balance' AND b.competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES ('INSERT'::text, '00000000-0000-4000-8000-0000000000a9'::uuid, '100'::text)$$,
  'the new balance is recorded with the admin as actor');

SET LOCAL ROLE pulseplus_app;
SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a1';
SELECT isnt(pulseplus.purchase_item('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000f2'), NULL,
            'a purchase through the API');
UPDATE pulseplus.sys_user SET display_name = 'Audit P.' WHERE id = '00000000-0000-4000-8000-0000000000a1';
SELECT throws_ok($$SELECT * FROM pulseplus.audit_log$$, '42501', NULL, 'the API cannot read the audit log');
SELECT throws_ok($$INSERT INTO pulseplus.audit_log (table_name, operation, row_id, db_role, new_data)
                   VALUES ('game', 'INSERT', gen_random_uuid(), 'forged', '{}')$$,
                 '42501', NULL, 'the API cannot write audit rows');
RESET ROLE;

SELECT results_eq(
  $$SELECT changed_columns, old_data, new_data, actor_id, db_role FROM pg_temp.audit('shop_item', '00000000-0000-4000-8000-0000000000f2')
     WHERE operation = 'UPDATE'$$,
  $$VALUES (ARRAY['stock'], '{"stock": 3}'::jsonb, '{"stock": 2}'::jsonb, '00000000-0000-4000-8000-0000000000a1'::uuid,
            'pulseplus_app'::text)$$,
  'the stock decrement is recorded: changed column, old and new value, the buyer, the API role');
SELECT results_eq(
  $$SELECT a.changed_columns, a.old_data, a.new_data FROM pulseplus.audit_log a
      JOIN pulseplus.currency_balance b ON b.id = a.row_id
     WHERE a.table_name = 'currency_balance' AND a.operation = 'UPDATE' AND b.competitor_id = '00000000-0000-4000-8000-0000000000d1'$$,
  $$VALUES (ARRAY['balance', 'lifetime_spent'], '{"balance": 100, "lifetime_spent": 0}'::jsonb,
            '{"balance": 70, "lifetime_spent": 30}'::jsonb)$$,
  'the debit is recorded on the balance');
SELECT results_eq(
  $$SELECT changed_columns, new_data, actor_id, db_role FROM pg_temp.audit('sys_user', '00000000-0000-4000-8000-0000000000a1')
     WHERE operation = 'UPDATE'$$,
  $$VALUES (ARRAY['display_name'], '{"display_name": "Audit P."}'::jsonb, '00000000-0000-4000-8000-0000000000a1'::uuid,
            'pulseplus_app'::text)$$,
  'a user''s own profile change is recorded with them as actor');
SELECT is((SELECT count(*)::integer FROM pulseplus.audit_log WHERE table_name IN ('purchase', 'currency_transaction')),
          0, 'the ledgers (purchase, currency_transaction) are not copied into the audit log');

-- not audited: user content
INSERT INTO pulseplus.chat_group (id, name, kind) VALUES ('00000000-0000-4000-8000-000000000011', 'Audit chat', 'custom');
INSERT INTO pulseplus.chat_message (id, group_id, body) VALUES
  ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000011', 'Not in the audit log');
SELECT is((SELECT count(*)::integer FROM pg_temp.audit('chat_message', '00000000-0000-4000-8000-000000000012')), 0,
          'chat messages are not audited');
SELECT is((SELECT count(*)::integer FROM pg_temp.audit('chat_group', '00000000-0000-4000-8000-000000000011')), 1,
          'chat groups are');

-- operators read the log
SET LOCAL ROLE pulseplus_admin;
SELECT cmp_ok((SELECT count(*)::integer FROM pulseplus.audit_log WHERE row_id = '00000000-0000-4000-8000-0000000000b1'),
              '>=', 3, 'operators read the audit log');
SELECT throws_ok($$DELETE FROM pulseplus.audit_log WHERE row_id = '00000000-0000-4000-8000-0000000000b1'$$,
                 '42501', NULL, 'operators cannot delete audit rows');
SELECT throws_ok($$UPDATE pulseplus.audit_log SET actor_id = NULL$$,
                 '42501', NULL, 'operators cannot alter audit rows');
RESET ROLE;
SELECT ok(NOT has_function_privilege('pulseplus_app', 'pulseplus.tg__audit()', 'EXECUTE'),
          'nobody may call the audit trigger function directly');

SELECT * FROM finish();
ROLLBACK;
