-- What: drops equoria.current_player_id().
-- Why:  undoes 0003; the policies that call it were dropped with their tables.

DROP FUNCTION equoria.current_player_id();
