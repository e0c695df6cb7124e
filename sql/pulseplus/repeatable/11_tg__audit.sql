-- What: the generic audit trigger function pulseplus.tg__audit() and an AFTER INSERT OR
--       UPDATE OR DELETE trigger <table>_audit on every audited table listed below.
-- Why:  one function records every change of the audited tables in pulseplus.audit_log:
--         INSERT  the new row;
--         UPDATE  only the changed columns (old and new values, and their names); an update
--                 that changes nothing but updated_at writes no row;
--         DELETE  the old row;
--       with the actor from the per-transaction setting pulseplus.user_id
--       (pulseplus.acting_user_id()) and the database role. SECURITY DEFINER (owner
--       pulseplus_engine) so that no application role needs, or has, INSERT on audit_log.
--       Not audited, on purpose: audit_log itself; purchase, currency_transaction and
--       season_tier_unlock (append-only ledgers that are themselves the record, with their
--       own actor and time); quest_objective_progress and leaderboard (high-frequency
--       counters derived from events recorded elsewhere); notification, chat_message and
--       survey_response (user content: copying it would duplicate personal data).
--       TRUNCATE is not row-level and is not recorded (no role but the owner may truncate).
--       The list below is the single source of truth (tables taken off it lose the trigger).

CREATE OR REPLACE FUNCTION pulseplus.tg__audit()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_row_id  uuid;
  v_old     jsonb;
  v_new     jsonb;
  v_changed text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_row_id := NEW.id;
    v_new := to_jsonb(NEW);
  ELSIF TG_OP = 'DELETE' THEN
    v_row_id := OLD.id;
    v_old := to_jsonb(OLD);
  ELSE
    v_row_id := NEW.id;
    SELECT array_agg(n.key ORDER BY n.key), jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
      INTO v_changed, v_old, v_new
      FROM jsonb_each(to_jsonb(NEW)) AS n
      JOIN jsonb_each(to_jsonb(OLD)) AS o USING (key)
     WHERE n.value IS DISTINCT FROM o.value
       AND n.key <> 'updated_at';
    IF v_changed IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;

  INSERT INTO pulseplus.audit_log
    (table_name, operation, row_id, actor_id, db_role, old_data, new_data, changed_columns)
  VALUES
    (TG_TABLE_NAME, TG_OP, v_row_id, pulseplus.acting_user_id(),
     coalesce(nullif(current_setting('role'), 'none'), session_user),
     v_old, v_new, v_changed);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION pulseplus.tg__audit() IS
  'AFTER ROW trigger function: appends the change to pulseplus.audit_log (whole row for INSERT/DELETE, changed '
  'columns only for UPDATE), actor from pulseplus.user_id. Every audited table has an id uuid column.';

ALTER FUNCTION pulseplus.tg__audit() OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.tg__audit() FROM PUBLIC;

DO $triggers$
DECLARE
  c_tables constant text[] := ARRAY[
    'department', 'sys_user', 'sys_user_group', 'sys_user_group_member',
    'game', 'season', 'virtual_currency', 'season_tier',
    'badge', 'achievement', 'powerup',
    'reward_shop', 'shop_item',
    'quest', 'quest_objective',
    'competitor', 'team', 'team_member', 'competitor_badge', 'competitor_achievement',
    'currency_balance', 'season_pass_progress', 'quest_progress',
    'competition', 'daily_challenge',
    'chat_group', 'chat_group_member', 'survey'];
  v_trigger record;
  v_table   text;
BEGIN
  FOR v_trigger IN
    SELECT t.tgname, c.relname
      FROM pg_catalog.pg_trigger t
      JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
     WHERE t.tgfoid = 'pulseplus.tg__audit()'::regprocedure
       AND c.relname <> ALL (c_tables)
  LOOP
    EXECUTE format('DROP TRIGGER %I ON pulseplus.%I', v_trigger.tgname, v_trigger.relname);
  END LOOP;

  FOREACH v_table IN ARRAY c_tables LOOP
    EXECUTE format(
      'CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON pulseplus.%I '
      'FOR EACH ROW EXECUTE FUNCTION pulseplus.tg__audit()',
      v_table || '_audit', v_table);
  END LOOP;
END
$triggers$;
