-- What: drops equoria.discipline_level(numeric).
-- Why:  undoes repeatable 02_fn_discipline_level.sql.

DROP FUNCTION equoria.discipline_level(numeric);
