-- What: drops equoria.require_player().
-- Why:  undoes repeatable 01_fn_require_player.sql.

DROP FUNCTION equoria.require_player();
