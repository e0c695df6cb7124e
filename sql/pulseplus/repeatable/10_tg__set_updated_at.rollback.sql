-- What: drops every trigger that calls pulseplus.tg__set_updated_at(), then the function.
-- Why:  rollback of 10_tg__set_updated_at.sql; the triggers are found in the catalog, so none
--       is left behind whatever version of the list created them.

DO $triggers$
DECLARE
  v_trigger record;
BEGIN
  IF to_regprocedure('pulseplus.tg__set_updated_at()') IS NULL THEN
    RETURN;
  END IF;
  FOR v_trigger IN
    SELECT t.tgname, t.tgrelid::regclass AS relation
      FROM pg_catalog.pg_trigger t
     WHERE t.tgfoid = 'pulseplus.tg__set_updated_at()'::regprocedure
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', v_trigger.tgname, v_trigger.relation);
  END LOOP;
END
$triggers$;

DROP FUNCTION IF EXISTS pulseplus.tg__set_updated_at();
