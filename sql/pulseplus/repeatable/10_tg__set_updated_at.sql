-- What: the generic trigger function pulseplus.tg__set_updated_at() and a BEFORE UPDATE
--       trigger <table>_set_updated_at on every table listed below (each has updated_at).
-- Why:  updated_at is kept right by the database, whoever writes the row. The trigger only
--       fires when the row really changes (WHEN OLD.* IS DISTINCT FROM NEW.*), and sets the
--       transaction time, like the created_at default.
--       The list below is the single source of truth: applying this file also removes the
--       trigger from a table that was taken off the list. tests/sql/pulseplus/09_updated_at.sql
--       checks that every table with an updated_at column is on it.
--       Named tg__<task> (two underscores, no table) because it serves many tables; table-
--       specific trigger functions are named tg_<table>__<task>.

CREATE OR REPLACE FUNCTION pulseplus.tg__set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION pulseplus.tg__set_updated_at() IS
  'BEFORE UPDATE trigger function: sets NEW.updated_at to the transaction time (now()).';

DO $triggers$
DECLARE
  c_tables constant text[] := ARRAY[
    'department', 'sys_user', 'sys_user_group',
    'game', 'season', 'virtual_currency', 'season_tier',
    'badge', 'achievement', 'powerup',
    'reward_shop', 'shop_item',
    'quest', 'quest_objective',
    'competitor', 'team', 'team_member',
    'currency_balance', 'season_pass_progress', 'quest_progress', 'quest_objective_progress',
    'competition', 'leaderboard', 'daily_challenge',
    'chat_group', 'survey'];
  v_trigger record;
  v_table   text;
BEGIN
  -- tables taken off the list lose their trigger
  FOR v_trigger IN
    SELECT t.tgname, c.relname
      FROM pg_catalog.pg_trigger t
      JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
     WHERE t.tgfoid = 'pulseplus.tg__set_updated_at()'::regprocedure
       AND c.relname <> ALL (c_tables)
  LOOP
    EXECUTE format('DROP TRIGGER %I ON pulseplus.%I', v_trigger.tgname, v_trigger.relname);
  END LOOP;

  FOREACH v_table IN ARRAY c_tables LOOP
    EXECUTE format(
      'CREATE OR REPLACE TRIGGER %I BEFORE UPDATE ON pulseplus.%I '
      'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION pulseplus.tg__set_updated_at()',
      v_table || '_set_updated_at', v_table);
  END LOOP;
END
$triggers$;
