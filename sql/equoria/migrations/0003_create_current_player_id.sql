-- What: creates equoria.current_player_id(), the player the current transaction acts for,
--       read from the custom setting equoria.user_id (NULL when unset or empty).
-- Why:  row-level security policies and the game-rule functions all need the acting player.
--       Policies are versioned objects, so the function they call is versioned too (a
--       versioned migration must never depend on a repeatable file).
--       The API sets it per transaction:  SELECT set_config('equoria.user_id', $1, true);

CREATE FUNCTION equoria.current_player_id()
RETURNS uuid
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
  SELECT nullif(current_setting('equoria.user_id', true), '')::uuid
$$;

COMMENT ON FUNCTION equoria.current_player_id() IS
  'The player (equoria.users.id) this transaction acts for, from the setting equoria.user_id; NULL when unset.';
