-- What: drops every trigger that calls pulseplus.tg__audit(), then the function.
-- Why:  rollback of 11_tg__audit.sql (the audit_log table and its rows stay: they belong to
--       the versioned migration 0016).

DO $triggers$
DECLARE
  v_trigger record;
BEGIN
  IF to_regprocedure('pulseplus.tg__audit()') IS NULL THEN
    RETURN;
  END IF;
  FOR v_trigger IN
    SELECT t.tgname, t.tgrelid::regclass AS relation
      FROM pg_catalog.pg_trigger t
     WHERE t.tgfoid = 'pulseplus.tg__audit()'::regprocedure
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', v_trigger.tgname, v_trigger.relation);
  END LOOP;
END
$triggers$;

DROP FUNCTION IF EXISTS pulseplus.tg__audit();
