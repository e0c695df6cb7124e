-- What: creates the three cluster-wide PulsePlus group roles (when missing) and lets them use
--       the schema:
--         pulseplus_app    - the user-facing API; acts for one user at a time, named per
--                            transaction by the setting pulseplus.user_id.
--         pulseplus_admin  - operators and trusted game services: manage the catalogue
--                            (games, seasons, shops, quests, competitions), award currency and
--                            XP, record scores, read every row.
--         pulseplus_engine - owns the SECURITY DEFINER economy functions and the audit
--                            trigger; never logs in and is granted to nobody.
-- Why:  balances, purchases and the audit log must only change through the economy
--       functions, so neither the API nor the operators get direct write access to them.
--       Roles are cluster-wide and shared by every database of the cluster (several test
--       databases at once): they are created only when absent, tolerating a concurrent
--       creator. Login roles are made members of these groups outside the migrations.

DO $roles$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['pulseplus_app', 'pulseplus_admin', 'pulseplus_engine'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
          RAISE NOTICE 'role % was created concurrently by another database; kept', v_role;
      END;
    END IF;
  END LOOP;
END
$roles$;

COMMENT ON ROLE pulseplus_app IS
  'PulsePlus user-facing API. Grant it to the API login role; set pulseplus.user_id per transaction.';
COMMENT ON ROLE pulseplus_admin IS
  'PulsePlus operators and trusted game services: catalogue management, awards, scores; reads everything.';
COMMENT ON ROLE pulseplus_engine IS
  'Owner of the PulsePlus SECURITY DEFINER economy functions and audit trigger. NOLOGIN; grant it to nobody.';

GRANT USAGE ON SCHEMA pulseplus TO pulseplus_app, pulseplus_admin, pulseplus_engine;
