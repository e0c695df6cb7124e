-- What: equoria.require_player(), the acting player of the transaction or an error.
-- Why:  every player action (train, enter a show, breed, enrich a foal) acts for exactly
--       one player, named by the setting equoria.user_id. Refusing when it is unset makes
--       the rule functions fail closed.

CREATE OR REPLACE FUNCTION equoria.require_player()
RETURNS uuid
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
  v_player uuid := equoria.current_player_id();
BEGIN
  IF v_player IS NULL THEN
    RAISE EXCEPTION 'no acting player'
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'SELECT set_config(''equoria.user_id'', <users.id>, true) first.';
  END IF;
  RETURN v_player;
END
$$;

COMMENT ON FUNCTION equoria.require_player() IS
  'equoria.current_player_id(), or SQLSTATE 42501 when the setting equoria.user_id is unset.';
