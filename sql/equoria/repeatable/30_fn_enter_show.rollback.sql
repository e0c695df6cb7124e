-- What: drops equoria.enter_show(bigint, bigint).
-- Why:  undoes repeatable 30_fn_enter_show.sql.

DROP FUNCTION equoria.enter_show(bigint, bigint);
