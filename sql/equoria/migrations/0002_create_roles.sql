-- What: creates the three cluster-wide Equoria roles (if missing) and lets them use the
--       equoria schema:
--         equoria_app    - the game API; acts for one player at a time, who is named by
--                          the setting equoria.user_id (see equoria.current_player_id()).
--         equoria_admin  - game operators: manage breeds and shows, run shows, read all.
--         equoria_engine - owns the SECURITY DEFINER game-rule functions; never logs in.
-- Why:  tables use forced row-level security; the game rules need one role that may touch
--       every player's rows (prizes, stud services) without that power being given to
--       the API. Roles are cluster-wide and shared by every database in the cluster, so
--       they are created only when absent, and a concurrent creator is tolerated.

DO $roles$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['equoria_app', 'equoria_admin', 'equoria_engine'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
          RAISE NOTICE 'role % was created concurrently; keeping it', v_role;
      END;
    END IF;
  END LOOP;
END
$roles$;

COMMENT ON ROLE equoria_app IS
  'Equoria game API. Grant it to the API login role; set equoria.user_id per transaction.';
COMMENT ON ROLE equoria_admin IS
  'Equoria game operators: manage breeds and shows, run shows, read every row.';
COMMENT ON ROLE equoria_engine IS
  'Owner of the Equoria SECURITY DEFINER game-rule functions. NOLOGIN; do not grant it.';

GRANT USAGE ON SCHEMA equoria TO equoria_app, equoria_admin, equoria_engine;
