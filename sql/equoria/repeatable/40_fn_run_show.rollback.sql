-- What: drops equoria.run_show(bigint).
-- Why:  undoes repeatable 40_fn_run_show.sql.

DROP FUNCTION equoria.run_show(bigint);
